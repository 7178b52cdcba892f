import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTemporaryFile, removeTemporaryFiles, writeJsonAtomic } from '../../src/store/write-atomic.ts';

const work = mkdtempSync(join(tmpdir(), 'sift-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The pid of a process that has ended: a writer that was killed.
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('temporary files of killed writes (issue 10, finding 9)', () => {
  it('names a write in progress so that no reader takes it for a record', () => {
    const dir = join(work, 'names');
    writeJsonAtomic(join(dir, 'one.json'), { v: 1 });
    expect(readdirSync(dir)).toEqual(['one.json']);
    expect(isTemporaryFile(`.one.json.${process.pid}.tmp`)).toBe(true);
    expect(isTemporaryFile('one.json')).toBe(false);
    expect(isTemporaryFile('.sift-lock')).toBe(false);
  });

  it('removes the leftovers of dead writers, in subfolders too, and keeps records and live writes', () => {
    const content = join(work, 'content');
    mkdirSync(join(content, 'syntheses'), { recursive: true });
    mkdirSync(join(content, 'papers'), { recursive: true });
    const dead = deadPid();
    const live = process.ppid; // the test runner's parent: alive while this test runs
    const files = {
      record: join(content, 'syntheses/one.json'),
      leftover: join(content, `syntheses/.one.json.${dead}.tmp`),
      cacheLeftover: join(content, `papers/.live.json.${dead}.tmp`),
      ours: join(content, `papers/.x.json.${process.pid}.tmp`),
      otherLive: join(content, `papers/.y.json.${live}.tmp`),
    };
    for (const file of Object.values(files)) writeFileSync(file, '{"half":');
    const removed = removeTemporaryFiles(content);
    expect(removed.sort()).toEqual([files.leftover, files.cacheLeftover, files.ours].sort());
    expect(existsSync(files.record)).toBe(true);
    expect(existsSync(files.otherLive)).toBe(true);
  });

  it('does not follow a link out of the folder', () => {
    const outside = join(work, 'outside');
    mkdirSync(outside);
    const victim = join(outside, `.victim.json.${deadPid()}.tmp`);
    writeFileSync(victim, 'x');
    const content = join(work, 'linked-content');
    mkdirSync(content);
    symlinkSync(outside, join(content, 'syntheses'));
    removeTemporaryFiles(content);
    expect(existsSync(victim)).toBe(true);
  });
});
