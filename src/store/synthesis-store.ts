import { existsSync, readFileSync } from 'node:fs';
import { RetrievalCache, Synthesis } from '../records/index.ts';
import { writeJsonAtomic } from './write-atomic.ts';
import { retrievalCachePath, synthesisPath } from './content-paths.ts';

export { retrievalCachePath, synthesisPath };

// The committed cache (layout in content-paths.ts): what retrieval and synthesis produced, read by Astro's
// collections with the same schemas.
export function readSynthesis(root: string, id: string): Synthesis | null {
  const path = synthesisPath(root, id);
  if (!existsSync(path)) return null;
  return parseStored(path, Synthesis, 'synthesis');
}

export function writeSynthesis(root: string, synthesis: Synthesis): void {
  writeJsonAtomic(synthesisPath(root, synthesis.id), Synthesis.parse(synthesis));
}

export function readRetrievalCache(root: string, id: string): RetrievalCache | null {
  return readRetrievalCacheFile(retrievalCachePath(root, id));
}

// A cache that cannot be read is an error, never an empty cache: it may hold the only copy of earlier
// results, and a refresh that took it for empty would overwrite them.
export function readRetrievalCacheFile(path: string): RetrievalCache | null {
  if (!existsSync(path)) return null;
  return parseStored(path, RetrievalCache, 'retrieval cache');
}

function parseStored<T>(
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  what: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not a valid ${what}: not JSON (${(error as Error).message}). Restore it with git checkout -- ${path}, or delete it to recompute.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${path} is not a valid ${what}: ${parsed.error.message}\nRestore it with git checkout -- ${path}, or delete it to recompute.`);
  }
  return parsed.data;
}
