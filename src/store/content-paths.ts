import { isAbsolute, join } from 'node:path';

// The layout of the committed cache, written down once: the runner and refresh write here, Astro's
// collections (src/content.config.ts), merge-shards and describe-changes read here. SIFT_CONTENT_DIR
// points every one of them at another content root (absolute, or relative to the project root), so tests
// can synthesize and build from fixtures without touching the committed cache.
export const DEFAULT_CONTENT_DIR = 'src/content';
export const SYNTHESES = 'syntheses';
export const RETRIEVAL_CACHES = 'papers';
// A language model's answers, per question (src/store/llm-cache.ts): committed like the retrieval caches.
export const LLM_ANSWERS = 'llm';

export function contentDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['SIFT_CONTENT_DIR'];
  if (configured === undefined || configured === '') return join(root, DEFAULT_CONTENT_DIR);
  return isAbsolute(configured) ? configured : join(root, configured);
}

export function synthesesDir(root: string): string {
  return join(contentDir(root), SYNTHESES);
}

export function retrievalCachesDir(root: string): string {
  return join(contentDir(root), RETRIEVAL_CACHES);
}

export function synthesisPath(root: string, id: string): string {
  return join(synthesesDir(root), `${id}.json`);
}

export function retrievalCachePath(root: string, id: string): string {
  return join(retrievalCachesDir(root), `${id}.json`);
}

export function llmAnswersDir(root: string): string {
  return join(contentDir(root), LLM_ANSWERS);
}

export function llmAnswersPath(root: string, id: string): string {
  return join(llmAnswersDir(root), `${id}.json`);
}
