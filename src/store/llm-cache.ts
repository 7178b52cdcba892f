import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { LlmCache, type LlmCalibration, type LlmEntry, type LlmStep, type Question } from '../records/index.ts';
import { llmAnswersPath } from './content-paths.ts';
import { readStanceCalibration, stanceCalibrationDigest } from './llm-calibration.ts';
import { parseStored } from './synthesis-store.ts';
import { writeJsonAtomic } from './write-atomic.ts';

// A question's language-model answers (src/records/llm.ts), committed beside its retrieval cache: a build reads
// them and never asks a model; `npm run synthesize -- --llm` adds what is missing. Entries are kept sorted by key
// so a rerun that asked nothing new writes the same bytes.

export function readLlmCache(root: string, id: string): LlmCache | null {
  const path = llmAnswersPath(root, id);
  if (!existsSync(path)) return null;
  return parseStored(path, LlmCache, 'language-model answer cache');
}

export function writeLlmCache(root: string, cache: LlmCache): void {
  const entries = [...cache.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  writeJsonAtomic(llmAnswersPath(root, cache.question), LlmCache.parse({ ...cache, entries }));
}

export function entriesByKey(cache: LlmCache | null): Map<string, LlmEntry> {
  return new Map((cache?.entries ?? []).map((e) => [e.key, e]));
}

/** What a synthesis's input hash takes of the cache: the model and every answer, in key order. */
export function llmCacheDigest(cache: LlmCache | null): string {
  const hash = createHash('sha256');
  hash.update(cache?.model ?? '');
  for (const e of [...(cache?.entries ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1))) hash.update(`\n${JSON.stringify(e)}`);
  return hash.digest('hex');
}

/**
 * What a synthesis of this question takes from its answer cache: the answers a model gave (for the stages), the
 * stance calibration fitted for that model if one is committed, and their digest (for the input hash). Nothing for
 * a question that gives no step to a model, so its review is the offline one whatever a cache file holds.
 */
export function llmInputs(
  root: string,
  question: Question,
): {
  context?: { model: string; steps: readonly LlmStep[]; entries: Map<string, LlmEntry>; stanceCalibration: LlmCalibration | null };
  digest?: string;
} {
  const steps = question.llm?.steps ?? [];
  if (steps.length === 0) return {};
  const cache = readLlmCache(root, question.id);
  if (cache === null) return { digest: llmCacheDigest(cache) };
  const stanceCalibration = steps.includes('stance') ? readStanceCalibration(root, cache.model) : null;
  // The digest of a review without a calibration is the cache's alone, as before calibrations existed.
  const digest = stanceCalibration === null ? llmCacheDigest(cache) : `${llmCacheDigest(cache)}+${stanceCalibrationDigest(stanceCalibration)}`;
  return { context: { model: cache.model, steps, entries: entriesByKey(cache), stanceCalibration }, digest };
}
