import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { SourceResult } from '../../src/records/index.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import { corpusName, readCorpus } from '../../src/sources/corpus.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const now = '2026-11-26T03:00:00.000Z';

describe('readCorpus', () => {
  it.each([
    ['csl-json', 'corpora/code-security.csl.json', 'code-security', 446],
    ['csl-json', 'corpora/ml4code.csl.json', 'ml4code', 521],
    ['bibtex', 'corpora/llm4swsec.bib', 'llm4swsec', 57],
  ] as const)('reads %s %s as source %s (%i records) with one log entry', (type, path, name, count) => {
    const result = readCorpus({ type, path }, root, now);
    expect(() => SourceResult.parse(result)).not.toThrow();
    expect(result.source).toBe(name);
    expect(result.stale).toBe(false);
    expect(result.records).toHaveLength(count);
    expect(result.records.every((p) => p.sources.length === 1 && p.sources[0] === name)).toBe(true);
    expect(result.log).toEqual([
      { source: name, query: null, params: { path }, time: now, outcome: 'ok', status: null, count, cacheHit: false, message: null },
    ]);
  });

  it('uses the name the question gives', () => {
    const result = readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib', name: 'owen' }, root, now);
    expect(result.source).toBe('owen');
    expect(result.records[0]!.sources).toEqual(['owen']);
    expect(result.records.find((p) => p.ids.local === 'boi2024vulnhunt')!.id).toBe('owen:boi2024vulnhunt');
  });

  it('is deterministic', () => {
    const a = readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, now);
    const b = readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, now);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('throws a CorpusError naming a missing file', () => {
    expect(() => readCorpus({ type: 'bibtex', path: 'corpora/missing.bib' }, root, now)).toThrow(CorpusError);
    expect(() => readCorpus({ type: 'bibtex', path: 'corpora/missing.bib' }, root, now)).toThrow(
      /^corpora\/missing\.bib: the file does not exist: give the path from the repository root in the question's "sources" list$/,
    );
  });

  it('names sources after the file without its extension', () => {
    expect(corpusName('corpora/code-security.csl.json')).toBe('code-security');
    expect(corpusName('llm4swsec.bib')).toBe('llm4swsec');
    expect(corpusName('data/my-library.json')).toBe('my-library');
  });
});
