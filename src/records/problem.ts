import { z } from 'zod';

// One shape for every failure a user can fix, whatever raised it: a question file, a corpus, a live
// source, a stored file. Like Astro's error catalogue ({ name, title, message, hint }) it always says
// what to do; unlike it, it is located, because what our users edit is files.
export const Problem = z.strictObject({
  // The file to open: from the repository root where the reader knows it, else as it was given. A
  // live source's failure names its question's file.
  file: z.string().min(1),
  line: z.int().min(1).optional(),
  column: z.int().min(1).optional(),
  // Where in the file, as its user would look for it: a field path (`screening.years`, `facets[0].id`)
  // or a corpus entry (`entry "smith2020"`).
  field: z.string().min(1).optional(),
  // What is wrong, in plain words, and what to do: clauses without a final full stop, since they are
  // joined into one line.
  problem: z.string().min(1),
  fix: z.string().min(1),
});
export type Problem = z.infer<typeof Problem>;

const Problems = z.array(Problem).min(1);

// `file:line:column: field: problem: fix`, the compiler convention ("file:line:column: message") that
// editors and CI logs turn into links. Parts that are unknown are left out; a column without a line
// says nothing, so it goes too.
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  return [where, p.field, p.problem, p.fix].filter((part) => part !== undefined).join(': ');
}

// The error every expected failure is thrown as: its message is its problems, one formatted line each,
// so whoever prints it prints the one format.
export class SiftError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[], options?: ErrorOptions) {
    // Checked here so a malformed problem (an empty fix, line 0) fails where it is made.
    const list = Problems.parse('problem' in problems ? [problems] : problems);
    super(list.map(formatProblem).join('\n'), options);
    this.name = 'SiftError';
    this.problems = list;
  }
}

/** A zod issue path as a field (`facets[0].terms`, `screening.years`); none for the document itself. */
export function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
