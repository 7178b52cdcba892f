import type { Question } from '../records/index.ts';
import { refresh, liveSourcesOf, readCache, type RefreshProgress, type RefreshSummary } from './refresh.ts';
import type { LiveConfig } from '../sources/config.ts';
import type { LiveDeps } from '../sources/live.ts';
import { retrievalCachePath } from '../store/synthesis-store.ts';
import { dueForRefresh } from './due-for-refresh.ts';
import { acquireContentLock } from '../store/content-lock.ts';
import { assertContentTarget } from '../store/write-target.ts';

export interface RefreshQuestionsOptions {
  root: string;
  /** live sources to query; all a question lists when absent */
  sources?: string[];
  /** only questions whose refresh interval has passed */
  due?: boolean;
  now: Date;
  config: LiveConfig;
  /** one set for the whole run, so per-host rate limits hold across questions */
  deps: LiveDeps;
  onProgress?: (progress: RefreshProgress) => void;
}

// The refresh half of `synthesize --refresh`: of the questions given, those with live sources (and due,
// when asked) are refreshed one after another; each writes its own retrieval cache. The whole run holds
// the content lock (store/content-lock.ts): a second refresh or a synthesize waits for it, so no run
// reads a cache that another is about to overwrite.
export async function refreshQuestions(
  questions: readonly Question[],
  options: RefreshQuestionsOptions,
): Promise<{ refreshed: Question[]; summaries: RefreshSummary[] }> {
  const lock = await acquireContentLock(options.root, { command: 'synthesize --refresh' });
  try {
    return await refreshLocked(questions, options);
  } finally {
    lock.release();
  }
}

async function refreshLocked(
  questions: readonly Question[],
  options: RefreshQuestionsOptions,
): Promise<{ refreshed: Question[]; summaries: RefreshSummary[] }> {
  const refreshed = questions.filter(
    (q) =>
      liveSourcesOf(q, options.sources).length > 0 &&
      (!options.due || dueForRefresh(q, readCache(retrievalCachePath(options.root, q.id), q.id), options.now)),
  );
  const summaries: RefreshSummary[] = [];
  for (const question of refreshed) {
    assertContentTarget(options.root, retrievalCachePath(options.root, question.id));
    summaries.push(
      await refresh(question, {
        ...(options.sources ? { sources: options.sources } : {}),
        cacheFile: retrievalCachePath(options.root, question.id),
        config: options.config,
        deps: options.deps,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    );
  }
  return { refreshed, summaries };
}
