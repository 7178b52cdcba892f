import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('mergeShards and what a killed run leaves in a shard (issue 10, finding 9)', () => {
  it('never takes temporary files, the content lock or links, only records', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-shards-'));
    const target = join(root, 'content');
    const shard = join(root, 'shard');
    const outside = join(root, 'outside.json');
    mkdirSync(join(target, 'syntheses'), { recursive: true });
    mkdirSync(join(shard, 'syntheses'), { recursive: true });
    writeFileSync(outside, '{"secret":true}\n');
    writeFileSync(join(shard, 'syntheses/one.json'), '{"v":2}\n');
    writeFileSync(join(shard, 'syntheses/.one.json.4242.tmp'), '{"v":');
    writeFileSync(join(shard, '.sift-lock'), '{"pid":4242}\n');
    symlinkSync(outside, join(shard, 'syntheses/linked.json'));
    expect(mergeShards([shard], target)).toEqual(['syntheses/one.json']);
    expect(readdirSync(join(target, 'syntheses'))).toEqual(['one.json']);
    expect(existsSync(join(target, '.sift-lock'))).toBe(false);
  });

  it('refuses to write through a symlinked folder of the target', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-shards-'));
    const target = join(root, 'content');
    const shard = join(root, 'shard');
    const outside = join(root, 'outside');
    mkdirSync(target);
    mkdirSync(outside);
    mkdirSync(join(shard, 'syntheses'), { recursive: true });
    symlinkSync(outside, join(target, 'syntheses'));
    writeFileSync(join(shard, 'syntheses/one.json'), '{"v":2}\n');
    expect(() => mergeShards([shard], target, root)).toThrow(/syntheses: is a symbolic link .* would write outside the checkout/);
    expect(readdirSync(outside)).toEqual([]);
  });
});
