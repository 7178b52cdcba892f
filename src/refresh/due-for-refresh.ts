import type { Question, RetrievalCache } from '../records/index.ts';
import { isCorpusType } from '../records/question.ts';

const DAY = 24 * 60 * 60 * 1000;

// A review is due when it has live sources and its newest successful retrieval is older than its
// refresh interval (or it has never been retrieved). Corpus-only reviews change by pull request only.
export function dueForRefresh(question: Question, cache: RetrievalCache | null, now: Date): boolean {
  const live = question.sources.filter((s) => !isCorpusType(s.type));
  if (live.length === 0 || !question.refresh) return false;
  const times = (cache?.results ?? [])
    .flatMap((r) => r.log)
    .filter((l) => l.outcome === 'ok')
    .map((l) => Date.parse(l.time))
    .filter((t) => !Number.isNaN(t));
  if (times.length === 0) return true;
  return now.getTime() - Math.max(...times) >= question.refresh.everyDays * DAY;
}
