import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { CORPUS_FILE_MAX_BYTES, SourceResult } from '../../src/records/index.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import { corpusName, readCorpus } from '../../src/sources/corpus.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';

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

  it.each([
    ['ris', 'tests/fixtures/import/zotero.ris', 'zotero', 33, 6],
    ['ris', 'tests/fixtures/import/web-of-science.ris', 'web-of-science', 10, 0],
    ['csv', 'tests/fixtures/import/scopus.csv', 'scopus', 13, 0],
    ['csv', 'tests/fixtures/import/asreview-kwok-2020.csv', 'asreview-kwok-2020', 40, 0],
    ['csv', 'tests/fixtures/import/asreview-bannach-brown-2019.csv', 'asreview-bannach-brown-2019', 40, 40],
  ] as const)('reads a real %s export %s as source %s (%i records, %i labels)', (type, path, name, count, labelled) => {
    const labels: RecordLabel[] = [];
    const result = readCorpus({ type, path }, root, now, labels);
    expect(() => SourceResult.parse(result)).not.toThrow();
    expect(result.source).toBe(name);
    expect(result.records).toHaveLength(count);
    expect(result.log[0]!.message).toBeNull();
    expect(labels).toHaveLength(labelled);
  });

  it('reads a tab-delimited file as tsv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-tsv-'));
    try {
      // Invented from real data: two Scopus records, tab-separated as ASReview writes TSV.
      writeFileSync(join(dir, 'records.tsv'), 'title\tdoi\tyear\nTensile properties of a friction stir welded magnesium alloy\t10.1016/j.msea.2010.06.012\t2010\nInfluence of temperature on mechanical and microstructural properties during fsw of magnesium alloys\t\t2020\n');
      const result = readCorpus({ type: 'tsv', path: 'records.tsv' }, dir, now);
      expect(result.records.map((p) => p.id)).toEqual(['doi:10.1016/j.msea.2010.06.012', 'records:2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
      /^corpora\/missing\.bib: the file does not exist: paths are relative to the repository root$/,
    );
  });

  it('names sources after the file without its extension', () => {
    expect(corpusName('corpora/code-security.csl.json')).toBe('code-security');
    expect(corpusName('llm4swsec.bib')).toBe('llm4swsec');
    expect(corpusName('data/my-library.json')).toBe('my-library');
  });
});

// Issue 10, finding 1: a question could read any file and publish it. At read time too, a corpus path is
// confined to the repository, to regular files, and to the size limit, and nothing of a refused file is
// quoted. A checkout of real data in a temporary directory, with an outside folder beside it.
describe('readCorpus reads only regular files inside the repository', () => {
  let base: string;
  let repo: string;
  const secret = 'SECRET-CONTENT-never-in-a-message';
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'sift-corpus-'));
    repo = join(base, 'repo');
    mkdirSync(join(repo, 'corpora'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    copyFileSync(join(root, 'corpora/llm4swsec.bib'), join(repo, 'corpora/real.bib'));
    writeFileSync(join(base, 'outside/x.csl.json'), JSON.stringify([{ id: secret, title: secret }]));
    writeFileSync(join(base, 'x'), secret);
    symlinkSync(join(base, 'outside/x.csl.json'), join(repo, 'corpora/link.csl.json'));
    symlinkSync('/dev/zero', join(repo, 'corpora/zero.csl.json'));
    symlinkSync('/etc/passwd', join(repo, 'corpora/passwd.bib'));
    symlinkSync('real.bib', join(repo, 'corpora/inside-link.bib'));
    execFileSync('mkfifo', [join(repo, 'corpora/fifo.csl.json')]);
    // Sparse: one byte over the limit without writing 50 MB.
    writeFileSync(join(repo, 'corpora/big.csl.json'), '');
    truncateSync(join(repo, 'corpora/big.csl.json'), CORPUS_FILE_MAX_BYTES + 1);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const refusal = (type: 'csl-json' | 'bibtex', path: string): string => {
    try {
      readCorpus({ type, path }, repo, now);
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toMatch(/root:|\u0000/);
      expect(error.message.split('\n')).toHaveLength(1);
      return error.message;
    }
    throw new Error(`expected ${path} to be refused`);
  };

  it.each([
    ['csl-json', '../outside/x.csl.json', 'the file leads outside the repository (an absolute path or "..")'],
    ['csl-json', 'corpora/../../x', 'the file leads outside the repository (an absolute path or "..")'],
    ['csl-json', '/etc/passwd', 'the file leads outside the repository (an absolute path or "..")'],
    ['csl-json', 'corpora/link.csl.json', 'the file leads outside the repository (through a symbolic link)'],
    ['csl-json', 'corpora/zero.csl.json', 'the file leads outside the repository (through a symbolic link)'],
    ['bibtex', 'corpora/passwd.bib', 'the file leads outside the repository (through a symbolic link)'],
    ['csl-json', 'corpora/fifo.csl.json', 'the file is not a regular file (a device, pipe or socket)'],
    ['bibtex', 'corpora', 'the file is a directory, not a file'],
    ['csl-json', 'corpora/big.csl.json', 'the file is 50.1 MB, more than the 50 MB a file may have here'],
  ] as const)('refuses %s %s', (type, path, problem) => {
    expect(refusal(type, path)).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  it('still reads a real corpus, also through a link that stays inside', () => {
    expect(readCorpus({ type: 'bibtex', path: 'corpora/real.bib' }, repo, now).records).toHaveLength(57);
    expect(readCorpus({ type: 'bibtex', path: 'corpora/inside-link.bib' }, repo, now).records).toHaveLength(57);
  });

  it('puts a corpus\'s warnings, located and bounded, in its retrieval log line', () => {
    const entries = Array.from({ length: 8 }, (_, i) => `@misc{e${i}, title={T${i}}, year={circa}}`).join('\n');
    writeFileSync(join(repo, 'corpora/warn.bib'), `${readFileSync(join(repo, 'corpora/real.bib'), 'utf8')}\n${entries}\n`);
    const [line] = readCorpus({ type: 'bibtex', path: 'corpora/warn.bib' }, repo, now).log;
    expect(line!.message).toMatch(/^8 warnings: corpora\/warn\.bib:\d+: entry "e0", field "year": gives no year, so the record has none: write the year as four digits \(year = \{2024\}\) \| /);
    expect(line!.message).toMatch(/ \| and 3 more$/);
  });
});

// A corpus several questions name is parsed once per process (src/sources/corpus.ts parsedCorpus): each read must
// still give its own records, and a file whose text changed must be parsed again.
describe('readCorpus of a corpus read again', () => {
  it('gives equal, separate records each time, and the new records once the file changes', () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'sift-corpus-again-'));
    try {
      mkdirSync(join(dir, 'corpora'));
      copyFileSync(join(repo, 'corpora/llm4swsec.bib'), join(dir, 'corpora/llm4swsec.bib'));
      const source = { type: 'bibtex' as const, path: 'corpora/llm4swsec.bib' };
      const first = readCorpus(source, dir, '2026-12-03T09:00:00Z');
      const second = readCorpus(source, dir, '2026-12-03T10:00:00Z');
      expect(second.records).toEqual(first.records);
      expect(second.log[0]!.time).toBe('2026-12-03T10:00:00Z');
      first.records[0]!.title = 'changed by the first reader';
      expect(second.records[0]!.title).not.toBe('changed by the first reader');
      expect(readCorpus(source, dir, 'T').records[0]!.title).not.toBe('changed by the first reader');
      const text = readFileSync(join(dir, 'corpora/llm4swsec.bib'), 'utf8');
      const cut = text.indexOf('\n@', 1);
      writeFileSync(join(dir, 'corpora/llm4swsec.bib'), text.slice(cut + 1));
      expect(readCorpus(source, dir, 'T').records.length).toBe(first.records.length - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
