// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import rehypeCitation from 'rehype-citation';
import { siteLocationFromEnv } from './src/publish/site-paths.ts';

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

// Astro 7's default Markdown processor ignores remark/rehype plugins; the unified processor runs them
// and MDX inherits it (stack-notes). rehype-citation is for hand-written MDX pages only: generated
// reports are rendered from data by components, never MDX.
export default defineConfig({
  ...(site === undefined ? {} : { site }),
  base,
  trailingSlash: 'always',
  integrations: [mdx(), ...(site === undefined ? [] : [sitemap()]), sayWhereTheSiteLives],
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
