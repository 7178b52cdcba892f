import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { QuestionFile, Question } from '../records/question.ts';
import { fieldPath, type Problem } from '../records/problem.ts';
import { plainIssue } from './plain-issue.ts';

export type ParsedQuestion = { ok: true; question: Question } | { ok: false; problems: Problem[] };

const ID = /^[a-z0-9][a-z0-9-]*$/;

export interface ParseOptions {
  /** whether a corpus path (relative to the repository root) exists; injected so parsing stays pure */
  corpusExists?: (path: string) => boolean;
}

// Pure: the text of one question file and its name in, a Question or located problems out.
export function parseQuestion(text: string, file: string, options: ParseOptions = {}): ParsedQuestion {
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
        problem: `YAML syntax: ${e.message.split('\n')[0]}`,
        fix: 'fix the indentation or quoting here',
      })),
    };
  }

  const problems: Problem[] = [];
  const id = (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
  if (!ID.test(id)) {
    problems.push({ file, line: 1, column: 1, problem: `the file name "${id}" is the review's id`, fix: 'use lower-case letters, digits and hyphens' });
  }
  const data: unknown = doc.toJS();
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
      const field = fieldPath(path);
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
      if ((source.type === 'csl-json' || source.type === 'bibtex') && options.corpusExists && !options.corpusExists(source.path)) {
        problems.push({
          file,
          ...locate(doc, ['sources', i, 'path'], at),
          field: `sources[${i}].path`,
          problem: `no file at "${source.path}"`,
          fix: 'paths are relative to the repository root',
        });
      }
    });
    const live = result.data.sources.filter((s) => s.type !== 'csl-json' && s.type !== 'bibtex');
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
