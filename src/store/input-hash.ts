import { createHash } from 'node:crypto';
import type { Paper, Question } from '../records/index.ts';

// What a synthesis depends on: the question, the records retrieved for it (not when they were retrieved)
// and the engine version, and, for a question that gives steps to a language model, the cached answers it may
// use (`answers`, a digest of them; left out otherwise, so a review without a model hashes as it always did).
// Same hash → the stored synthesis is still right and nothing is rewritten.
export function inputHash(question: Question, records: readonly Paper[], engine: string, answers?: string): string {
  const hash = createHash('sha256');
  hash.update(engine);
  hash.update('\n');
  hash.update(JSON.stringify(question));
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.sources.join() < b.sources.join() ? -1 : 1));
  for (const r of sorted) {
    hash.update('\n');
    hash.update(JSON.stringify(r));
  }
  if (answers !== undefined) {
    hash.update('\nllm answers ');
    hash.update(answers);
  }
  return hash.digest('hex');
}
