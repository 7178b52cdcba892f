import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { RetrievalCache, Synthesis } from './records/index.ts';

// The collections are the committed cache the pipeline writes (src/store/); their schemas are the
// pipeline's own records, not redefinitions. SIFT_CONTENT_DIR points the build at another content
// root (holding syntheses/ and papers/), so tests can build the site from fixtures alone.
const contentDir = process.env['SIFT_CONTENT_DIR'] ?? './src/content';
export const collections = {
  syntheses: defineCollection({
    loader: glob({ pattern: '*.json', base: `${contentDir}/syntheses` }),
    schema: Synthesis,
  }),
  papers: defineCollection({
    loader: glob({ pattern: '*.json', base: `${contentDir}/papers` }),
    schema: RetrievalCache,
  }),
};
