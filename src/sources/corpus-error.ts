import { SiftError, type Problem } from '../records/problem.ts';

// The expected failure of a local corpus: a file that is missing or does not parse, as one Problem
// (the corpus file, the entry's line where known, the entry as the field). Its own class only so a
// parser can tell its errors from others and add the line it learns later (csl-json.ts locatedAt).
export class CorpusError extends SiftError {
  constructor(problem: Problem) {
    super(problem);
    this.name = 'CorpusError';
  }
}

/** Where in a corpus file a problem is, each part when known: the line, and the entry (by its id or
 * citation key) as the field. */
export function corpusPlace(line: number | null, entry: string | null = null): { line?: number; field?: string } {
  return { ...(line === null ? {} : { line }), ...(entry === null ? {} : { field: `entry "${entry}"` }) };
}

/** The 1-based line of character `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
