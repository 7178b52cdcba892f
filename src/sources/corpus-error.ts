// The expected failure of a local corpus: a file that is missing or does not parse. It carries what a
// user needs to fix the file: which file, which entry and line where known, and what to do.
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
  readonly file: string;
  readonly entry: string | null;
  readonly line: number | null;
  readonly problem: string;
  readonly hint: string;

  constructor(details: { file: string; problem: string; hint: string; entry?: string | null; line?: number | null }) {
    const entry = details.entry ?? null;
    const line = details.line ?? null;
    const where = [details.file + (line === null ? '' : `:${line}`), entry === null ? null : `entry "${entry}"`]
      .filter((part) => part !== null)
      .join(', ');
    super(`${where}: ${details.problem}. ${details.hint}`);
    this.file = details.file;
    this.entry = entry;
    this.line = line;
    this.problem = details.problem;
    this.hint = details.hint;
  }
}

/** The 1-based line of character `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
