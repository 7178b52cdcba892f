import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SiftError } from '../records/problem.ts';
import { contentDir } from './content-paths.ts';
import { processIsAlive } from './process-alive.ts';
import { removeTemporaryFiles } from './write-atomic.ts';
import { assertContentTarget, shownPath } from './write-target.ts';

// One writer at a time in the content folder. A refresh reads a retrieval cache, queries for minutes,
// then writes the cache back; a second refresh (or a synthesize) doing the same meanwhile would
// overwrite the first one's results without a word. Whoever writes holds this lock for its whole
// read-modify-write; a second comer waits briefly, then stops and says who holds it.
//
// Written by hand rather than with proper-lockfile: that library tells a stale lock by an mtime the
// holder refreshes on a timer, and synthesize() is synchronous for seconds at a time, so its timer
// would not fire and the lock would be taken from under it. Here the lock file is created with O_EXCL
// (flag "wx", atomic on local file systems) and holds the holder's pid: a lock whose process is gone
// (killed mid-run) is taken over at once, with no timeout to wait out.
export const LOCK_NAME = '.sift-lock';
const TAKEOVER = '.sift-lock.takeover';
const POLL_MS = 100;
// An unreadable lock file is one being written this instant; only if it stays so is it a leftover.
const UNREADABLE_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;

export type LockHolder = { pid: number; host: string; command: string; started: string };

export type LockOptions = {
  // How long to wait for another holder before stopping (ms); SIFT_LOCK_WAIT_MS, else 30 s.
  waitMs?: number;
  // What this run is, for the message a second comer sees.
  command?: string;
};

export type ContentLock = { path: string; release(): void };

export function lockPath(root: string): string {
  return join(contentDir(root), LOCK_NAME);
}

function defaultWaitMs(): number {
  const configured = Number(process.env['SIFT_LOCK_WAIT_MS']);
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_WAIT_MS;
}

function readHolder(path: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function create(path: string, holder: LockHolder): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isStale(path: string, holder: LockHolder | 'unreadable'): boolean {
  if (holder === 'unreadable') {
    try {
      return Date.now() - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false;
    }
  }
  // A pid means nothing on another machine (a shared folder): such a lock is left to its owner.
  return holder.host === hostname() && holder.pid !== process.pid && !processIsAlive(holder.pid);
}

// Removing a stale lock is itself guarded: two runs that both saw it stale must not both remove it,
// or the second would remove the lock the first has just taken. The takeover file is made with O_EXCL;
// whoever makes it checks the lock is still the stale one before removing it.
function takeOver(dir: string, path: string, seen: LockHolder | 'unreadable'): void {
  const takeover = join(dir, TAKEOVER);
  const self: LockHolder = { pid: process.pid, host: hostname(), command: 'takeover', started: new Date().toISOString() };
  if (!create(takeover, self)) {
    const other = readHolder(takeover);
    if (other !== 'missing' && isStale(takeover, other)) rmSync(takeover, { force: true });
    return;
  }
  try {
    const now = readHolder(path);
    if (now !== 'missing' && JSON.stringify(now) === JSON.stringify(seen)) rmSync(path, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
}

type Attempt = { lock: ContentLock } | { holder: LockHolder | 'unreadable' };

function attempt(root: string, command: string): Attempt {
  const dir = contentDir(root);
  const path = lockPath(root);
  assertContentTarget(root, path);
  mkdirSync(dir, { recursive: true });
  const self: LockHolder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  for (let tries = 0; tries < 3; tries += 1) {
    if (create(path, self)) {
      // Under the lock, every temporary file is a leftover of a killed write (every writer holds it).
      removeTemporaryFiles(dir);
      return {
        lock: {
          path,
          release: () => {
            const current = readHolder(path);
            if (current !== 'missing' && current !== 'unreadable' && current.pid === process.pid) rmSync(path, { force: true });
          },
        },
      };
    }
    const holder = readHolder(path);
    if (holder === 'missing') continue; // released between our two looks
    if (!isStale(path, holder)) return { holder };
    takeOver(dir, path, holder);
  }
  const holder = readHolder(path);
  return { holder: holder === 'missing' ? 'unreadable' : holder };
}

function busy(root: string, holder: LockHolder | 'unreadable', waitedMs: number): SiftError {
  const shown = shownPath(root, lockPath(root));
  const who =
    holder === 'unreadable'
      ? 'another Sift run'
      : `another Sift run (pid ${holder.pid} on ${holder.host}, "${holder.command}", since ${holder.started})`;
  return new SiftError({
    file: shown,
    problem: `${who} is writing the content folder; waited ${Math.round(waitedMs / 1000)} s for it and stopped so that neither run overwrites the other's results`,
    fix: `wait for that run to finish and run this again; if it is no longer running (it ran on another machine), delete ${shown}`,
  });
}

// Blocking wait between tries, for the synchronous runner: Atomics.wait sleeps the thread without
// spinning (Node allows it on the main thread).
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function acquireContentLockSync(root: string, options: LockOptions = {}): ContentLock {
  const waitMs = options.waitMs ?? defaultWaitMs();
  const started = Date.now();
  for (;;) {
    const result = attempt(root, options.command ?? 'synthesize');
    if ('lock' in result) return result.lock;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw busy(root, result.holder, waited);
    sleepSync(Math.min(POLL_MS, waitMs - waited));
  }
}

export async function acquireContentLock(root: string, options: LockOptions = {}): Promise<ContentLock> {
  const waitMs = options.waitMs ?? defaultWaitMs();
  const started = Date.now();
  for (;;) {
    const result = attempt(root, options.command ?? 'refresh');
    if ('lock' in result) return result.lock;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw busy(root, result.holder, waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, waitMs - waited)));
  }
}
