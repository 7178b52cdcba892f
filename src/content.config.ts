import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { RetrievalCache, SynthesisListing } from './records/index.ts';
import { retrievalCachesDir } from './store/content-paths.ts';
import { siteSynthesesDir, synthesesLoader } from './store/site-syntheses.ts';

// The collections are the committed cache the pipeline writes (src/store/); their schemas are the
// pipeline's own records, not redefinitions. SIFT_CONTENT_DIR points the build at another content
// root (see src/store/content-paths.ts), so tests can build the site from fixtures alone.
// The syntheses collection lists the reviews (SynthesisListing); a report's pages read its whole stored
// Synthesis through store/site-syntheses.ts, which says why.
const root = process.cwd();
export const collections = {
  syntheses: defineCollection({
    loader: synthesesLoader(siteSynthesesDir()),
    schema: SynthesisListing,
  }),
  papers: defineCollection({
    loader: glob({ pattern: '*.json', base: retrievalCachesDir(root) }),
    schema: RetrievalCache,
  }),
};
