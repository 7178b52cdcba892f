import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { RetrievalCache, Synthesis } from './records/index.ts';
import { retrievalCachesDir, synthesesDir } from './store/content-paths.ts';

// The collections are the committed cache the pipeline writes (src/store/); their schemas are the
// pipeline's own records, not redefinitions. SIFT_CONTENT_DIR points the build at another content
// root (see src/store/content-paths.ts), so tests can build the site from fixtures alone.
const root = process.cwd();
export const collections = {
  syntheses: defineCollection({
    loader: glob({ pattern: '*.json', base: synthesesDir(root) }),
    schema: Synthesis,
  }),
  papers: defineCollection({
    loader: glob({ pattern: '*.json', base: retrievalCachesDir(root) }),
    schema: RetrievalCache,
  }),
};
