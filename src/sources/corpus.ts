import { basename } from 'node:path';
import type { Paper, SourceResult } from '../records/index.ts';
import { formatProblem, type Problem } from '../records/problem.ts';
import { CORPUS_FILE_MAX_BYTES, CORPUS_PATH_FIXES, type CorpusType } from '../records/question.ts';
import { readRepositoryFile } from '../store/repository-file.ts';
import { parseBibtex } from './bibtex.ts';
import { CorpusError } from './corpus-error.ts';
import { parseCslJson } from './csl-json.ts';
import { delimiterOf, parseDelimited } from './delimited.ts';
import type { RecordLabel } from './record-label.ts';
import { parseRis } from './ris.ts';

// The shape of a question's corpus source (src/records/question.ts CorpusSource).
export type CorpusSourceInput = { type: CorpusType; path: string; name?: string | undefined };

/** "code-security" from corpora/code-security.csl.json, "llm4swsec" from llm4swsec.bib. */
export function corpusName(path: string): string {
  return basename(path).replace(/\.csl\.json$/i, '').replace(/\.[^.]+$/, '');
}

type Parser = (text: string, name: string, file: string, warnings: Problem[], labels: RecordLabel[]) => Paper[];

const parsers: Record<CorpusType, Parser> = {
  'csl-json': parseCslJson,
  bibtex: parseBibtex,
  ris: parseRis,
  csv: (text, name, file, warnings, labels) => parseDelimited(text, name, delimiterOf(text, false), file, warnings, labels),
  tsv: (text, name, file, warnings, labels) => parseDelimited(text, name, '\t', file, warnings, labels),
};

// The retrieval log's message for a corpus: its warnings, the first few in full (one line each, the
// Problem format) and how many more, so one bad export cannot make a megabyte of log.
const WARNINGS_IN_LOG = 5;

function warningsMessage(warnings: readonly Problem[]): string | null {
  if (warnings.length === 0) return null;
  const shown = warnings.slice(0, WARNINGS_IN_LOG).map(formatProblem).join(' | ');
  const more = warnings.length - WARNINGS_IN_LOG;
  return `${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${shown}${more > 0 ? ` | and ${more} more` : ''}`;
}

type Parsed = { records: Paper[]; warnings: Problem[]; labels: RecordLabel[] };

// A corpus that several questions name is parsed once per process: parsing and cleaning every field (markup,
// entities, LaTeX) was the largest part of reading a question's inputs, and a site's questions often share their
// corpora. The file is still read every time, and parsed again when its text differs. Each caller gets its own
// copy of the records (they travel into a synthesis), so no question sees another's. Bounded: a run over many
// questions with a corpus each keeps only the last few.
const PARSED_KEPT = 64;
const parsed = new Map<string, { text: string; result: Parsed }>();

function parsedCorpus(type: CorpusType, name: string, path: string, text: string): Parsed {
  const key = `${type}\u0000${name}\u0000${path}`;
  let known = parsed.get(key);
  if (known === undefined || known.text !== text) {
    const warnings: Problem[] = [];
    const labels: RecordLabel[] = [];
    const records = parsers[type](text, name, path, warnings, labels);
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    known = { text, result: { records, warnings, labels } };
    parsed.set(key, known);
  }
  return { records: structuredClone(known.result.records), warnings: known.result.warnings, labels: known.result.labels };
}

/**
 * Reads one local corpus: the IO edge of the local sources. `root` is the repository root the source's
 * path is relative to; `now` (ISO 8601) is the time written to the retrieval log. Throws a CorpusError
 * when the file is missing, outside the repository, not a regular file, too big, or does not parse: a
 * review must not silently lose a source. Its content is never quoted in the error. Screening labels the
 * file carries (ASReview's label column or RIS notes) are added to `labels`; labelDecisions
 * (label-decisions.ts) turns them into maintainers' decisions.
 */
export function readCorpus(source: CorpusSourceInput, root: string, now: string, labels: RecordLabel[] = []): SourceResult {
  const name = source.name ?? corpusName(source.path);
  const read = readRepositoryFile(root, source.path, CORPUS_FILE_MAX_BYTES);
  if ('refusal' in read) {
    throw new CorpusError({ file: source.path, problem: `the file ${read.refusal.problem}`, fix: CORPUS_PATH_FIXES[read.refusal.kind] });
  }
  const { records, warnings, labels: found } = parsedCorpus(source.type, name, source.path, read.text);
  labels.push(...found.map((l) => ({ ...l })));
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
        message: warningsMessage(warnings),
      },
    ],
    records,
  };
}
