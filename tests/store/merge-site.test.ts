import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSite } from '../../src/store/merge-site.ts';

// Invented files stand for built pages here: what the merge checks is bytes and paths, which real pages add
// nothing to (tests/site/sharded-build.test.ts merges two real shards).
function shard(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('mergeSite', () => {
  it('takes every shard’s files, and one copy of the pages every shard wrote the same', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-merge-site-'));
    const a = shard(root, 'a', { 'index.html': 'home', 'reports/one/index.html': 'one' });
    const b = shard(root, 'b', { 'index.html': 'home', 'reports/two/index.html': 'two' });
    const out = join(root, 'dist');
    shard(root, 'dist', { 'stale.html': 'from an earlier build' });
    expect(mergeSite([a, b], out)).toEqual({ files: 3, shared: 1 });
    expect(readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['index.html', 'reports', 'reports/one', 'reports/one/index.html', 'reports/two', 'reports/two/index.html']);
    expect(readFileSync(join(out, 'reports/two/index.html'), 'utf8')).toBe('two');
  });

  it('stops, naming the file, when two shards wrote one file differently', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-merge-site-'));
    const a = shard(root, 'a', { 'sitemap-0.xml': '<one/>' });
    const b = shard(root, 'b', { 'sitemap-0.xml': '<two/>' });
    expect(() => mergeSite([a, b], join(root, 'dist'))).toThrow(/sitemap-0\.xml differs between .*a and .*b/);
  });

  it('follows no link out of a shard and refuses a shard that is not a folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-merge-site-'));
    writeFileSync(join(root, 'secret.txt'), 'not the site');
    const a = shard(root, 'a', { 'index.html': 'home' });
    symlinkSync(join(root, 'secret.txt'), join(a, 'secret.txt'));
    expect(mergeSite([a], join(root, 'dist'))).toEqual({ files: 1, shared: 0 });
    expect(readdirSync(join(root, 'dist'))).toEqual(['index.html']);
    expect(() => mergeSite([join(root, 'missing')], join(root, 'dist'))).toThrow(/is not a folder/);
  });
  it('moves the files when asked, and still checks the pages several shards wrote against the one kept', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-merge-site-'));
    const a = shard(root, 'a', { 'index.html': 'home', 'reports/one/index.html': 'one' });
    const b = shard(root, 'b', { 'index.html': 'home', 'reports/two/index.html': 'two' });
    const out = join(root, 'dist');
    expect(mergeSite([a, b], out, { move: true })).toEqual({ files: 3, shared: 1 });
    expect(readFileSync(join(out, 'reports/one/index.html'), 'utf8')).toBe('one');
    expect(readdirSync(join(a, 'reports/one'))).toEqual([]);
    const c = shard(root, 'c', { 'index.html': 'home' });
    const d = shard(root, 'd', { 'index.html': 'elsewhere' });
    expect(() => mergeSite([c, d], join(root, 'dist2'), { move: true })).toThrow(/index\.html differs between .*c and .*d/);
  });
});
