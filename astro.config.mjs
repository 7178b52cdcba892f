// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import rehypeCitation from 'rehype-citation';

// Astro 7's default Markdown processor ignores remark/rehype plugins; the unified processor runs them
// and MDX inherits it (stack-notes). rehype-citation is for hand-written MDX pages only: generated
// reports are rendered from data by components, never MDX.
export default defineConfig({
  site: 'https://sift.example.org',
  trailingSlash: 'always',
  integrations: [mdx()],
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
