import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { RetrievalCache, Synthesis } from './records/index.ts';

// The collections are the committed cache the pipeline writes (src/store/); their schemas are the
// pipeline's own records, not redefinitions.
export const collections = {
  syntheses: defineCollection({
    loader: glob({ pattern: '*.json', base: './src/content/syntheses' }),
    schema: Synthesis,
  }),
  papers: defineCollection({
    loader: glob({ pattern: '*.json', base: './src/content/papers' }),
    schema: RetrievalCache,
  }),
};
