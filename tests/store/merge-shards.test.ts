import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/store/merge-shards.ts';

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
