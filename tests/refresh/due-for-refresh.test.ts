import { describe, expect, it } from 'vitest';
import { dueForRefresh } from '../../src/refresh/due-for-refresh.ts';
import { Question } from '../../src/records/index.ts';

describe('dueForRefresh', () => {
  const base = {
    id: 'q',
    title: 'A question',
    question: 'What does a question ask?',
    facets: [{ id: 'f', label: 'a facet', terms: ['xx'] }],
    search: { queries: ['xx'] },
    refresh: { everyDays: 7 },
  };
  const live = Question.parse({ ...base, sources: [{ type: 'openalex' }] });
  const corpus = Question.parse({ ...base, sources: [{ type: 'csl-json', path: 'corpora/x.json' }] });
  const cacheAt = (time: string, outcome: 'ok' | 'error' | 'stale' = 'ok') => ({
    question: 'q',
    results: [{ source: 'openalex', stale: false, records: [], log: [{ source: 'openalex', query: 'x', params: {}, time, outcome, status: 200, count: 0, cacheHit: false, message: null }] }],
  });
  const now = new Date('2026-11-26T00:00:00Z');

  it('is due when never retrieved or older than the interval, not before', () => {
    expect(dueForRefresh(live, null, now)).toBe(true);
    expect(dueForRefresh(live, cacheAt('2026-11-18T00:00:00Z'), now)).toBe(true);
    expect(dueForRefresh(live, cacheAt('2026-11-20T00:00:00Z'), now)).toBe(false);
  });
  it('counts only successful retrievals, and never corpus-only reviews', () => {
    expect(dueForRefresh(live, cacheAt('2026-11-25T00:00:00Z', 'error'), now)).toBe(true);
    expect(dueForRefresh(corpus, null, now)).toBe(false);
  });
});
