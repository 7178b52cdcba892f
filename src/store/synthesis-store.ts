import { existsSync, readFileSync } from 'node:fs';
import { fieldPath, RetrievalCache, SiftError, Synthesis } from '../records/index.ts';
import { writeJsonAtomic } from './write-atomic.ts';
import { retrievalCachePath, synthesisPath } from './content-paths.ts';
import { assertContentTarget } from './write-target.ts';

export { retrievalCachePath, synthesisPath };

// The committed cache (layout in content-paths.ts): what retrieval and synthesis produced, read by Astro's
// collections with the same schemas.
export function readSynthesis(root: string, id: string): Synthesis | null {
  const path = synthesisPath(root, id);
  if (!existsSync(path)) return null;
  return parseStored(path, Synthesis, 'synthesis');
}

// A stored synthesis read by its path; `shown` is how messages name it (from the repository root).
export function readSynthesisFile(path: string, shown = path): Synthesis {
  return parseStored(path, Synthesis, 'synthesis', shown);
}

export function writeSynthesis(root: string, synthesis: Synthesis): void {
  const path = synthesisPath(root, synthesis.id);
  assertContentTarget(root, path);
  // runStages checked it against the schema when it made it; the type says it is one.
  writeJsonAtomic(path, synthesis);
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

export function readRetrievalCacheAt(path: string, shown = path): RetrievalCache {
  return parseStored(path, RetrievalCache, 'retrieval cache', shown);
}

// A stored file is never edited by hand, so the fix is the same for every problem in it: take it back
// from git, or let the next run recompute it. Only the first issues are listed; one is enough to act on.
const SHOWN_ISSUES = 5;

// zod's messages start a sentence; here they follow a field name.
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function parseStored<T>(
  path: string,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
  },
  what: string,
  shown = path,
): T {
  return parseStoredText(readFileSync(path, 'utf8'), schema, what, shown);
}

// The same for a stored file's text already read (site-syntheses.ts reads it once for its digest and its record).
export function parseStoredText<T>(
  text: string,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
  },
  what: string,
  shown: string,
): T {
  const fix = `restore it with git checkout -- ${shown}, or delete it to recompute`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    // V8 ends its JSON.parse messages with "(line L column C)", except when the text simply stops (a
    // write cut short): then it stops at the end of the file.
    const at = /\(line (\d+) column (\d+)\)$/.exec(detail);
    const lines = text.split('\n');
    const end = /end of JSON input/.test(detail) ? { line: lines.length, column: lines.at(-1)!.length + 1 } : null;
    throw new SiftError(
      {
        file: shown,
        ...(at ? { line: Number(at[1]), column: Number(at[2]) } : (end ?? {})),
        problem: `not JSON (${detail}), so the file is not a valid ${what}`,
        fix,
      },
      { cause: error },
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw new SiftError(
      issues.slice(0, SHOWN_ISSUES).map((issue, i) => {
        const field = fieldPath(issue.path);
        const more = i === SHOWN_ISSUES - 1 && issues.length > SHOWN_ISSUES ? ` (and ${issues.length - SHOWN_ISSUES} more)` : '';
        return { file: shown, ...(field === undefined ? {} : { field }), problem: `${lowerFirst(issue.message)}${more}, so the file is not a valid ${what}`, fix };
      }),
    );
  }
  return parsed.data;
}
