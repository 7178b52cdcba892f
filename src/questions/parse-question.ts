import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { CORPUS_PATH_FIXES, QuestionFile, Question, type FileRefusalKind } from '../records/question.ts';
import { fieldPath, type Problem } from '../records/problem.ts';
import { describeCodePoint, firstUnsafeCharacter } from '../text/normalise-text.ts';
import { quoteExcerpt } from '../text/describe-value.ts';
import { plainIssue } from './plain-issue.ts';

export type ParsedQuestion = { ok: true; question: Question } | { ok: false; problems: Problem[] };

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Why a corpus file cannot be read (src/store/repository-file.ts FileRefusal): `problem` follows the path
 * ("leads outside the repository") and never quotes the file's content.
 */
export type CorpusRefusal = { kind: FileRefusalKind; problem: string };

export interface ParseOptions {
  /**
   * Why the corpus at `path` (relative to the repository root) cannot be read, or null when it can: it must
   * exist, be a regular file inside the repository and within the size limit. Injected so parsing stays pure.
   */
  checkCorpus?: (path: string) => CorpusRefusal | null;
}

function corpusProblem(path: string, refusal: CorpusRefusal): { problem: string; fix: string } {
  const quoted = quoteExcerpt(path, 120);
  return { problem: refusal.kind === 'missing' ? `no file at ${quoted}` : `${quoted} ${refusal.problem}`, fix: CORPUS_PATH_FIXES[refusal.kind] };
}

// YAML aliases let a short file stand for a huge value ("billion laughs": nine aliases of nine aliases…).
// A question needs few if any; past this many, the file is refused where its first alias is.
const MAX_ALIASES = 100;

// A file with thousands of problems says the first ones and how many more: the list must stay readable.
const MAX_PROBLEMS = 50;

// Pure: the text of one question file and its name in, a Question or located problems out.
export function parseQuestion(text: string, file: string, options: ParseOptions = {}): ParsedQuestion {
  const parsed = parseQuestionText(text, file, options);
  if (parsed.ok || parsed.problems.length <= MAX_PROBLEMS) return parsed;
  return {
    ok: false,
    problems: [
      ...parsed.problems.slice(0, MAX_PROBLEMS - 1),
      { file, problem: `has more problems than the ${MAX_PROBLEMS - 1} above`, fix: 'fix those first, then run npm run check again' },
    ],
  };
}

function parseQuestionText(text: string, file: string, options: ParseOptions): ParsedQuestion {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const syntax = [...doc.errors, ...doc.warnings];
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: syntax.map((e) => ({
        file,
        ...at(e.pos[0]),
        // yaml's messages can quote the source (an alias's name, a tag): one bounded line of it.
        problem: `YAML syntax: ${e.message.split('\n')[0]!.slice(0, 200)}`,
        fix: 'fix the indentation or quoting here',
      })),
    };
  }

  const problems: Problem[] = [];
  const id = (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
  if (!ID.test(id)) {
    problems.push({
      file,
      line: 1,
      column: 1,
      problem: `the file name ${quoteExcerpt(id)} is the review's id`,
      fix: 'use lower-case letters, digits and hyphens, at most 100 characters',
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError for too many aliases ("Excessive alias count indicates a resource
    // exhaustion attack"); anything else it throws here is a bug, so it goes on up.
    if (!(error instanceof ReferenceError)) throw error;
    let first = 0;
    visit(doc, {
      Alias(_key, node) {
        first = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    problems.push({
      file,
      ...at(first),
      problem: `the file's aliases (*name) expand to too much (more than ${MAX_ALIASES} of them)`,
      fix: 'write the values out instead of repeating anchors (&name) with aliases (*name)',
    });
    return { ok: false, problems };
  }
  problems.push(...unsafeText(doc, data, file, at));
  if (!isMap(doc.contents)) {
    problems.push({
      file,
      line: 1,
      column: 1,
      problem: 'a question file must be a mapping of fields',
      fix: 'write one "name: value" per line (title:, question:, facets:, sources:, …), or start from npm run new-question',
    });
    return { ok: false, problems };
  }

  const result = QuestionFile.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      const unknownKey = issue.code === 'unrecognized_keys';
      const field = boundedField(path);
      problems.push({
        file,
        ...locate(doc, unknownKey ? [...path, issue.keys[0] ?? ''] : path, at, unknownKey),
        ...(field === undefined ? {} : { field }),
        ...plainIssue(issue, valueAt(data, path)),
      });
    }
  }
  const facetIds = new Map<string, number>();
  if (result.success) {
    result.data.facets.forEach((facet, i) => {
      if (facetIds.has(facet.id)) {
        problems.push({
          file,
          ...locate(doc, ['facets', i, 'id'], at),
          field: `facets[${i}].id`,
          problem: `"${facet.id}" is already the id of facets[${facetIds.get(facet.id)}]`,
          fix: 'give each facet its own id',
        });
      }
      facetIds.set(facet.id, i);
    });
    const { from, to } = result.data.screening.years ?? {};
    if (from !== undefined && to !== undefined && from > to) {
      problems.push({ file, ...locate(doc, ['screening', 'years'], at), field: 'screening.years', problem: `from (${from}) is after to (${to})`, fix: 'swap them' });
    }
    result.data.sources.forEach((source, i) => {
      if (!('path' in source)) return;
      const refusal = options.checkCorpus?.(source.path);
      if (refusal) {
        problems.push({ file, ...locate(doc, ['sources', i, 'path'], at), field: `sources[${i}].path`, ...corpusProblem(source.path, refusal) });
      }
    });
    const live = result.data.sources.filter((s) => !('path' in s));
    if (live.length > 0 && !result.data.search) {
      problems.push({
        file,
        ...locate(doc, ['sources'], at),
        field: 'search',
        problem: `live sources (${live.map((s) => s.type).join(', ')}) need search.queries`,
        fix: 'add a search: section with queries',
      });
    }
  }
  if (problems.length > 0 || !result.success) return { ok: false, problems };
  return { ok: true, question: Question.parse({ ...result.data, id }) };
}

// Text Sift would not keep from any other source (src/text/normalise-text.ts): control characters,
// noncharacters, half a surrogate pair. A contributor fixes the file; nothing is changed behind their back.
// YAML's double-quoted escapes ("\x07", "\uFFFE") make them as easily as pasted text does.
function unsafeText(
  doc: Document,
  data: unknown,
  file: string,
  at: (offset: number) => { line: number; column: number },
): Problem[] {
  const found: Problem[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (found.length >= MAX_PROBLEMS) return;
    if (typeof value === 'string') {
      const unsafe = firstUnsafeCharacter(value);
      if (unsafe === null) return;
      const field = boundedField(path);
      found.push({
        file,
        ...locate(doc, path, at),
        ...(field === undefined ? {} : { field }),
        problem: `contains ${describeCodePoint(unsafe.codePoint)} at character ${unsafe.index + 1}`,
        fix: 'delete it (an editor that shows invisible characters helps), or write the text again',
      });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (firstUnsafeCharacter(key) === null) walk(item, [...path, key]);
        else found.push({ file, ...locate(doc, path, at), problem: `a field name contains ${describeCodePoint(firstUnsafeCharacter(key)!.codePoint)}`, fix: 'delete it' });
      }
    }
  };
  walk(data, []);
  return found;
}

// A field path names the file's own keys, which can be as long as the file: an unknown 10 KB key must
// not make a 10 KB line.
function boundedField(path: readonly (string | number)[]): string | undefined {
  const field = fieldPath(path);
  return field === undefined || field.length <= 120 ? field : `${field.slice(0, 119)}…`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

// Walks the YAML tree along the path as far as it exists: a missing field is reported at its parent,
// a key with no value (or an unknown key, with `atKey`) at the key itself.
function locate(
  doc: Document,
  path: readonly (string | number)[],
  at: (offset: number) => { line: number; column: number },
  atKey = false,
) {
  let node: unknown = doc.contents;
  let offset = isNode(node) && node.range ? node.range[0] : 0;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      if (atKey && i === path.length - 1) break;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else break;
    if (isNode(node) && node.range) offset = node.range[0];
    else break;
  }
  return at(offset);
}
