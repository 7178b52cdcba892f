import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
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
