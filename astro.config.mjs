// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import rehypeCitation from 'rehype-citation';
import { existsSync, readdirSync } from 'node:fs';
import { siteLocationFromEnv } from './src/publish/site-paths.ts';
import { inShard, shardFromEnv } from './src/workflows/shard.ts';
import { synthesesDir } from './src/store/content-paths.ts';
import { siteDownloads } from './src/site-downloads.ts';

// Where the site is published comes from the environment, so that one repository builds for its own
// address wherever it is deployed: SIFT_SITE is the origin (https://owner.github.io) and SIFT_BASE the
// path under it (/repo/). .github/workflows/deploy.yml sets both from GitHub Pages' configure-pages
// step. Without SIFT_SITE nothing that needs an absolute address is invented: no sitemap, no canonical
// or og:url, and the feeds link relative to the site.
const { site, base } = siteLocationFromEnv(process.env);

/** @type {import('astro').AstroIntegration} */
const sayWhereTheSiteLives = {
  name: 'sift:site-location',
  hooks: {
    'astro:build:done': ({ logger }) => {
      if (site === undefined) {
        logger.info(
          `SIFT_SITE is not set: built for base path ${base} without a sitemap, canonical URLs or absolute feed links. ` +
            'Set SIFT_SITE (and SIFT_BASE) to publish; see README, "Publish on GitHub Pages".',
        );
      } else logger.info(`built for ${new URL(base, site).href}`);
    },
  },
};

// A sharded build (SIFT_SHARD, scripts/build.ts --shard) renders only its shard's reports, but its sitemap
// must be the whole site's, the same in every shard, for the merge (store/merge-site.ts) to keep one: the
// pages the other shards render are named to the sitemap as custom pages, generated from the report routes
// (every route with the one parameter id, components/report-paths.ts) as Astro resolved them. Stored
// syntheses are named <id>.json (store/content-paths.ts).
const shard = shardFromEnv(process.env);
/** @type {string[]} */
const otherShardsPages = [];
/** @type {import('astro').AstroIntegration} */
const listOtherShardsPages = {
  name: 'sift:other-shards-pages',
  hooks: {
    'astro:routes:resolved': ({ routes }) => {
      if (shard === undefined || site === undefined) return;
      const stored = synthesesDir(process.cwd());
      const ids = (existsSync(stored) ? readdirSync(stored) : [])
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .filter((id) => !inShard(id, shard));
      // As @astrojs/sitemap writes a page's address: the base with a trailing slash, then the page's path.
      const address = new URL(base, site);
      if (!address.pathname.endsWith('/')) address.pathname += '/';
      otherShardsPages.length = 0;
      for (const route of routes) {
        if (route.type !== 'page' || route.params.length !== 1 || route.params[0] !== 'id') continue;
        for (const id of ids) {
          const path = route.generate({ id });
          otherShardsPages.push(new URL(address.pathname + path.replace(/^\//, '').replace(/([^/])$/, '$1/'), address).href);
        }
      }
    },
  },
};

// The numbered pages of a report's long lists (its evidence and excluded records, src/publish/report-pages.ts) are
// reached from the report page, not searched for; left out of the sitemap, which then names only routes with the
// one parameter id, as the other shards' pages above are named.
/** @param {string} page */
const listPagesOut = (page) => !/\/reports\/[^/]+\/(?:evidence|excluded)\//.test(page);

// Astro 7's default Markdown processor ignores remark/rehype plugins; the unified processor runs them
// and MDX inherits it (stack-notes). rehype-citation is for hand-written MDX pages only: generated
// reports are rendered from data by components, never MDX.
export default defineConfig({
  ...(site === undefined ? {} : { site }),
  base,
  trailingSlash: 'always',
  // Astro renders one page at a time by default and awaits each page's mkdir and write before the next: at 1,000
  // reviews (12,000 files) the build sat idle a tenth of its time. Four pages in flight overlap that I/O with
  // rendering; the output is the same (pages are named in the order they start, and each is written whole).
  // Measured at 100 reviews on 2 cores: page generation 25.9 s → 19.3 s, CPU unchanged.
  build: { concurrency: 4 },
  integrations: [mdx(), siteDownloads(), ...(site === undefined ? [] : [listOtherShardsPages, sitemap({ customPages: otherShardsPages, filter: listPagesOut })]), sayWhereTheSiteLives],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkGfm],
      rehypePlugins: [[rehypeCitation, { bibliography: 'src/content/pages/references.bib', csl: 'apa', linkCitations: true }]],
    }),
  },
  vite: {
    build: { rolldownOptions: { checks: { moduleLevelDirective: false } } },
  },
});
