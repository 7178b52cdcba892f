import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetrievalCache, Synthesis } from '../records/index.ts';
import { writeJsonAtomic } from './write-atomic.ts';

// The committed cache under src/content: what retrieval and synthesis produced, read by Astro's
// collections with the same schemas.
export function synthesisPath(root: string, id: string): string {
  return join(root, 'src/content/syntheses', `${id}.json`);
}

export function retrievalCachePath(root: string, id: string): string {
  return join(root, 'src/content/papers', `${id}.json`);
}

export function readSynthesis(root: string, id: string): Synthesis | null {
  const path = synthesisPath(root, id);
  if (!existsSync(path)) return null;
  return parseStored(path, Synthesis);
}

export function writeSynthesis(root: string, synthesis: Synthesis): void {
  writeJsonAtomic(synthesisPath(root, synthesis.id), Synthesis.parse(synthesis));
}

export function readRetrievalCache(root: string, id: string): RetrievalCache | null {
  const path = retrievalCachePath(root, id);
  if (!existsSync(path)) return null;
  return parseStored(path, RetrievalCache);
}

function parseStored<T>(path: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}): restore it with git checkout -- ${path}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${path} does not match its schema: ${parsed.error.message}\nRestore it with git checkout, or delete it to recompute.`);
  }
  return parsed.data;
}
