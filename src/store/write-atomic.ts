import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processIsAlive } from './process-alive.ts';

// A write in progress is `.<name>.<pid>.tmp` beside its target: hidden, never *.json, so no reader of
// the content folders takes it for a record, and named by the writer's pid, so a leftover can be told
// from a write still running.
const TEMPORARY = /^\..+\.(\d+)\.tmp$/;

export function isTemporaryFile(name: string): boolean {
  return TEMPORARY.test(basename(name));
}

// Write to a temporary file beside the target, then rename: rename within one directory is atomic on
// POSIX file systems, so an interrupted run leaves either the old file or the new one, never half of one.
// A run that is killed between the two leaves its temporary file behind: removeTemporaryFiles clears it.
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

// Stable JSON: two-space indent and a final newline, so committed cache diffs stay readable.
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

// Called on start, under the content lock (content-lock.ts): the leftovers of killed writes in a content
// folder and its subfolders are removed. A file whose writer is still alive (it holds no lock: a
// process that is not Sift's runner) is left alone. Links are not followed, so nothing outside the
// folder is touched. Returns the files removed, for the log.
export function removeTemporaryFiles(dir: string): string[] {
  if (!existsSync(dir) || lstatSync(dir).isSymbolicLink()) return [];
  const removed: string[] = [];
  // Walked by hand: readdirSync's `recursive` descends into linked folders.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removed.push(...removeTemporaryFiles(path));
      continue;
    }
    const match = TEMPORARY.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && processIsAlive(pid)) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}
