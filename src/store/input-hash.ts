import { createHash } from 'node:crypto';
import type { Paper, Question } from '../records/index.ts';

// What a synthesis depends on: the question, the records retrieved for it (not when they were retrieved)
// and the engine version. Same hash → the stored synthesis is still right and nothing is rewritten.
export function inputHash(question: Question, records: readonly Paper[], engine: string): string {
  const hash = createHash('sha256');
  hash.update(engine);
  hash.update('\n');
  hash.update(JSON.stringify(question));
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.sources.join() < b.sources.join() ? -1 : 1));
  for (const r of sorted) {
    hash.update('\n');
    hash.update(JSON.stringify(r));
  }
  return hash.digest('hex');
}
