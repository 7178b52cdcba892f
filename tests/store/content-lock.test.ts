import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiftError } from '../../src/records/problem.ts';
import { acquireContentLock, acquireContentLockSync, lockPath } from '../../src/store/content-lock.ts';

// Two runs writing one content folder must not overwrite each other silently (issue 10, finding 9).
// The end-to-end race of two refreshes is in tests/refresh/refresh-processes.test.ts; these are the rules.
const work = mkdtempSync(join(tmpdir(), 'sift-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fresh(name: string): string {
  const root = join(work, name);
  mkdirSync(join(root, 'src/content'), { recursive: true });
  return root;
}

function holder(pid: number) {
  return JSON.stringify({ pid, host: hostname(), command: 'synthesize --refresh', started: '2026-11-26T03:00:00.000Z' });
}

describe('the content lock', () => {
  it('is held by one run at a time and released after', async () => {
    const root = fresh('one');
    const lock = acquireContentLockSync(root);
    expect(JSON.parse(readFileSync(lockPath(root), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(acquireContentLock(root, { waitMs: 150 })).rejects.toThrow(SiftError);
    lock.release();
    expect(existsSync(lockPath(root))).toBe(false);
    (await acquireContentLock(root, { waitMs: 0 })).release();
  });

  it('stops after waiting, naming the lock file, who holds it and what to do', () => {
    const root = fresh('busy');
    // A live process that is not this one: a child that waits until it is told to end.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockPath(root), holder(child.pid!));
      const started = Date.now();
      let error: unknown;
      try {
        acquireContentLockSync(root, { waitMs: 300 });
      } catch (caught) {
        error = caught;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(error).toBeInstanceOf(SiftError);
      const [problem] = (error as SiftError).problems;
      expect(problem!.file).toBe('src/content/.sift-lock');
      expect(problem!.problem).toContain(`another Sift run (pid ${child.pid} on ${hostname()}, "synthesize --refresh"`);
      expect(problem!.fix).toMatch(/^wait for that run to finish and run this again; if it is no longer running .*, delete /);
    } finally {
      child.kill();
    }
  });

  it('takes over the lock of a run that was killed, and clears what its writes left', () => {
    const root = fresh('stale');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(lockPath(root), holder(dead));
    const leftover = join(root, 'src/content', `.x.json.${dead}.tmp`);
    writeFileSync(leftover, '{"half":');
    const lock = acquireContentLockSync(root, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lockPath(root), 'utf8')).pid).toBe(process.pid);
    expect(existsSync(leftover)).toBe(false);
    lock.release();
  });
});
