import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, Paper, type Problem } from '../../src/records/index.ts';
import { parseBibtex } from '../../src/sources/bibtex.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import { thrown } from '../thrown.ts';

const bib = readFileSync(new URL('../../corpora/llm4swsec.bib', import.meta.url), 'utf8');

describe('parseBibtex on corpora/llm4swsec.bib', () => {
  const papers = parseBibtex(bib, 'llm4swsec');
  const byKey = (key: string) => papers.find((p) => p.ids.local === key)!;

  it('maps every entry to a valid Paper', () => {
    // The file has 57 entries (57 lines start with "@"; the 58th "@" is an e-mail address inside an
    // abstract). corpora/PROVENANCE.md says 58.
    expect(papers).toHaveLength(57);
    for (const p of papers) expect(() => Paper.parse(p)).not.toThrow();
    expect(papers.filter((p) => p.abstract !== null)).toHaveLength(56);
    expect(papers.filter((p) => p.ids.arxiv)).toHaveLength(25);
  });

  it('reads the arXiv id from a Google Scholar journal string', () => {
    expect(byKey('khare2023understanding')).toMatchObject({
      id: 'arxiv:2311.16169',
      ids: { arxiv: '2311.16169', local: 'khare2023understanding' },
      venue: 'arXiv',
      year: 2023,
      type: 'article-journal',
      url: 'https://arxiv.org/abs/2311.16169',
      sources: ['llm4swsec'],
    });
    expect(byKey('khare2023understanding').authors).toHaveLength(6);
    expect(byKey('khare2023understanding').authors[3]).toEqual({ family: 'Solko-Breslin', given: 'Alaia' });
  });

  it('decodes LaTeX in names and keeps the booktitle as venue', () => {
    expect(byKey('gonccalves2024scope').authors.map((a) => a.family)).toEqual(['Gonçalves', 'Dias', 'Maia', 'Praça']);
    expect(byKey('gonccalves2024scope').authors[0]!.given).toBe('José');
    expect(byKey('boi2024vulnhunt')).toMatchObject({
      id: 'llm4swsec:boi2024vulnhunt',
      venue: 'Proceedings of the 39th ACM/SIGAPP Symposium on Applied Computing',
      type: 'paper-conference',
    });
  });

  it('reads a lone "$" in an abstract as a dollar sign', () => {
    // alam2024detection: "($600 million in Ether stolen)" — a math shift to LaTeX, a price to its authors.
    expect(byKey('alam2024detection').abstract).toContain('breach in 2022 ($600 million in Ether stolen).');
  });

  it('keeps the abstract text, joining its paragraphs with one space', () => {
    const abstract = byKey('khare2023understanding').abstract!;
    expect(abstract).toContain('vulnerability classes.\nOverall'.replace('\n', ' '));
    expect(abstract.startsWith('While automated vulnerability detection techniques')).toBe(true);
    expect(abstract.endsWith('LLM-augmented vulnerability detection systems.')).toBe(true);
    expect(abstract).not.toMatch(/\s\s|\n/);
  });
});

// Issue 14: one cleaning step for every importer. The real entry first, then invented ones for cases the
// corpus lacks.
describe('parseBibtex text becomes plain text', () => {
  const papers = parseBibtex(bib, 'llm4swsec');

  it('drops the citation key an export glued to the end of an abstract (bae2024enhancing)', () => {
    expect(bib).toContain('optimizing their performance.gao2023far}');
    const abstract = papers.find((p) => p.ids.local === 'bae2024enhancing')!.abstract!;
    expect(abstract.endsWith('underscore the importance of prompt engineering in optimizing their performance.')).toBe(true);
  });

  it('reads LaTeX commands as the text they format, not as HTML tags', () => {
    const [p] = parseBibtex(
      '@article{k, title={The \\textbf{bold} and \\emph{Asm2Vec} models}, author={B{\\"o}hme, Marcel}, year={2024},\n abstract={We use \\textit{in vivo} data \\& 20\\% more. H$_2$O.}}',
      'inv',
    );
    expect(p).toMatchObject({ title: 'The bold and Asm2Vec models', abstract: 'We use in vivo data & 20% more. H₂O.', authors: [{ family: 'Böhme', given: 'Marcel' }] });
  });

  it('removes control characters and noncharacters', () => {
    const [p] = parseBibtex('@misc{k, title={Bell\u0007 and \uFFFEnon}, abstract={NUL\u0000 here\uFFFF.}}', 'inv');
    expect([p!.title, p!.abstract]).toEqual(['Bell and non', 'NUL here.']);
  });

  it('reports a year that is no year and a DOI that is no DOI, located at the entry', () => {
    const warnings: Problem[] = [];
    const [, p] = parseBibtex('@misc{a, title={A}, year={2020}}\n\n@misc{b, title={B}, year={circa}, doi={nonsense}}', 'inv', 'corpora/inv.bib', warnings);
    expect(p!.year).toBeNull();
    expect(warnings.map(formatProblem)).toEqual([
      'corpora/inv.bib:3: entry "b", field "DOI": is string "nonsense", not a DOI, so it was left out: write the DOI as 10.<prefix>/<suffix>, or remove the field',
      'corpora/inv.bib:3: entry "b", field "year": gives no year, so the record has none: write the year as four digits (year = {2024})',
    ]);
  });

  it('finds nothing to report in the real corpus', () => {
    const warnings: Problem[] = [];
    parseBibtex(bib, 'llm4swsec', 'corpora/llm4swsec.bib', warnings);
    expect(warnings).toEqual([]);
  });
});

describe('parseBibtex fields the CSL mapping loses (invented entries: the corpus has none)', () => {
  it('reads arXiv ids from eprint with archivePrefix and DOIs from doi', () => {
    const [a, b] = parseBibtex(
      `@misc{a, title={A}, author={X, Y}, year={2021}, eprint={2101.00001v2}, archivePrefix={arXiv}, primaryClass={cs.SE}}
       @article{b, title={B}, author={X, Y}, year={2022}, journal={TSE}, doi={10.1109/TSE.2022.1}, eprinttype={arxiv}, eprint={2101.00002}}`,
      'inv',
    );
    expect(a).toMatchObject({ id: 'arxiv:2101.00001', ids: { arxiv: '2101.00001' } });
    expect(b).toMatchObject({ id: 'doi:10.1109/tse.2022.1', ids: { doi: '10.1109/tse.2022.1', arxiv: '2101.00002' }, venue: 'TSE' });
  });
});

describe('parseBibtex errors', () => {
  it('names the file, line and entry of a syntax error', () => {
    const text = '@article{ok, title={A}, author={B, C}, year={2020}}\n\n@article{x,\n title={A},\n author={B, C}\n year={2020}}';
    const e = thrown(() => parseBibtex(text, 'bad', 'corpora/bad.bib'), CorpusError);
    const [p] = e.problems;
    expect([p?.file, p?.line, p?.field]).toEqual(['corpora/bad.bib', 6, 'entry "x"']);
    expect(e.message).toMatch(/^corpora\/bad\.bib:6: entry "x": BibTeX syntax error/);
    expect(p?.fix).toMatch(/braces and the commas/);
  });
  it('names the entry whose field is not valid LaTeX', () => {
    const text = '@article{ok, title={A}, year={2020}}\n@article{broken,\n title={A title that opens \\begin{itemize} but never closes it},\n year={2020}}';
    const e = thrown(() => parseBibtex(text, 'bad', 'bad.bib'), CorpusError);
    expect([e.problems[0]?.field, e.problems[0]?.line]).toEqual(['entry "broken"', 2]);
  });
  it('rejects a citation key used twice', () => {
    const e = thrown(() => parseBibtex('@misc{a, title={A}}\n@misc{a, title={B}}', 'bad', 'bad.bib'), CorpusError);
    expect([e.problems[0]?.field, e.problems[0]?.line]).toEqual(['entry "a"', 2]);
  });
  it('rejects an entry without a title', () => {
    const e = thrown(() => parseBibtex('@misc{a, title={A}}\n\n@misc{b, author={X, Y}}', 'bad', 'bad.bib'), CorpusError);
    expect([e.problems[0]?.field, e.problems[0]?.line]).toEqual(['entry "b"', 3]);
  });
});
