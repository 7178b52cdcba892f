import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardFromEnv } from '../../src/workflows/shard.ts';

describe('shards', () => {
  const ids = [
    ...readdirSync(new URL('../../questions/', import.meta.url)).map((f) => f.replace(/\.yaml$/, '')),
    // Invented ids: a realistic number of questions, more than the three demo ones.
    ...Array.from({ length: 97 }, (_, i) => `question-${i}`),
  ];

  it.each([1, 2, 3, 4, 7])('slices %i ways covering every question exactly once', (count) => {
    const seen = new Map<string, number>();
    for (let index = 1; index <= count; index++) {
      for (const id of ids) if (inShard(id, { index, count })) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(ids.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps a question in its shard when others are added', () => {
    const before = ids.filter((id) => inShard(id, { index: 2, count: 4 }));
    expect(before.every((id) => inShard(id, { index: 2, count: 4 }))).toBe(true);
    expect(before.length).toBeGreaterThan(10);
    expect(before.length).toBeLessThan(40);
  });

  it('parses I/N and rejects nonsense with a message', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(/I\/N with 1 <= I <= N/);
    expect(() => parseShard('5/4')).toThrow(/--shard "5\/4"/);
    expect(() => parseShard('two')).toThrow();
  });

  it('reads the site build’s shard from SIFT_SHARD: none, empty or unset is the whole site', () => {
    expect(shardFromEnv({ SIFT_SHARD: '1/2' })).toEqual({ index: 1, count: 2 });
    expect(shardFromEnv({ SIFT_SHARD: '' })).toBeUndefined();
    expect(shardFromEnv({})).toBeUndefined();
    expect(() => shardFromEnv({ SIFT_SHARD: '3/2' })).toThrow(/I\/N/);
  });
});
