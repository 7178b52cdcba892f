import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Paper, SourceResult } from '../records/index.ts';
import { parseBibtex } from './bibtex.ts';
import { CorpusError } from './corpus-error.ts';
import { parseCslJson } from './csl-json.ts';

// The shape of a question's corpus source (src/records/question.ts CorpusSource).
export type CorpusSourceInput = { type: 'csl-json' | 'bibtex'; path: string; name?: string | undefined };

/** "code-security" from corpora/code-security.csl.json, "llm4swsec" from llm4swsec.bib. */
export function corpusName(path: string): string {
  return basename(path).replace(/\.csl\.json$/i, '').replace(/\.[^.]+$/, '');
}

const parsers: Record<CorpusSourceInput['type'], (text: string, name: string, file: string) => Paper[]> = {
  'csl-json': parseCslJson,
  bibtex: parseBibtex,
};

/**
 * Reads one local corpus: the IO edge of the local sources. `root` is the repository root the source's
 * path is relative to; `now` (ISO 8601) is the time written to the retrieval log. Throws a CorpusError
 * when the file is missing or does not parse: a review must not silently lose a source.
 */
export function readCorpus(source: CorpusSourceInput, root: string, now: string): SourceResult {
  const name = source.name ?? corpusName(source.path);
  let text: string;
  try {
    text = readFileSync(resolve(root, source.path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CorpusError({
      file: source.path,
      problem: code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? String(error)})`,
      fix: 'give the path from the repository root in the question\'s "sources" list',
    });
  }
  const records = parsers[source.type](text, name, source.path);
  return {
    source: name,
    stale: false,
    log: [
      {
        source: name,
        query: null,
        params: { path: source.path },
        time: now,
        outcome: 'ok',
        status: null,
        count: records.length,
        cacheHit: false,
        message: null,
      },
    ],
    records,
  };
}
