import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedQuestionIds } from '../../src/living/changed-questions.ts';
import { dueForRefresh } from '../../src/living/due-for-refresh.ts';
import { mergeShards } from '../../src/store/merge-shards.ts';
import { Question } from '../../src/records/index.ts';

describe('changedQuestionIds', () => {
  it('takes question files only, once each, sorted', () => {
    expect(
      changedQuestionIds(['questions/b.yaml', 'src/x.ts', 'questions/a.yml', 'questions/b.yaml', 'questions/README.md', 'questions/Bad Name.yaml']),
    ).toEqual(['a', 'b']);
  });
});

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

describe('mergeShards', () => {
  it('takes each shard’s changed files and refuses conflicting changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-shards-'));
    const target = join(root, 'content');
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    for (const dir of [target, a, b]) {
      mkdirSync(join(dir, 'syntheses'), { recursive: true });
      writeFileSync(join(dir, 'syntheses/one.json'), '{"v":1}\n');
      writeFileSync(join(dir, 'syntheses/two.json'), '{"v":1}\n');
    }
    writeFileSync(join(a, 'syntheses/one.json'), '{"v":2}\n');
    writeFileSync(join(b, 'syntheses/two.json'), '{"v":3}\n');
    expect(mergeShards([a, b], target)).toEqual(['syntheses/one.json', 'syntheses/two.json']);
    expect(readFileSync(join(target, 'syntheses/one.json'), 'utf8')).toBe('{"v":2}\n');
    expect(readFileSync(join(target, 'syntheses/two.json'), 'utf8')).toBe('{"v":3}\n');
    writeFileSync(join(b, 'syntheses/one.json'), '{"v":4}\n');
    writeFileSync(join(a, 'syntheses/one.json'), '{"v":5}\n');
    expect(() => mergeShards([a, b], target)).toThrow(/changed differently/);
  });
});
