import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
import type { Problem } from '../../src/records/problem.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';
import { parseRis } from '../../src/sources/ris.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

describe('parseRis on real exports', () => {
  it('reads a Zotero export: every record, names, year, venue, DOI, and the abstract as plain text', () => {
    const warnings: Problem[] = [];
    const papers = parseRis(fixture('zotero.ris'), 'zotero', 'corpora/zotero.ris', warnings);
    expect(papers).toHaveLength(33);
    expect(warnings).toEqual([]);
    for (const paper of papers) expect(() => Paper.parse(paper)).not.toThrow();
    const first = papers[0]!;
    expect(first.id).toBe('doi:10.1038/s42256-020-00287-7');
    expect(first.title).toBe('An open source machine learning framework for efficient and transparent systematic reviews');
    expect(first.authors.slice(0, 2)).toEqual([
      { family: 'van de Schoot', given: 'Rens' },
      { family: 'de Bruin', given: 'Jonathan' },
    ]);
    expect(first.year).toBe(2021);
    expect(first.venue).toBe('Nature Machine Intelligence');
    expect(first.abstract).toMatch(/^To help researchers conduct a systematic review/);
    expect(first.ids.local).toBe('1');
    // The notes' <p> never reaches a text field.
    expect(papers.every((p) => !/<\/?p>/.test(`${p.title} ${p.abstract ?? ''}`))).toBe(true);
  });

  it("turns ASReview's labels in the notes into labels: relevant included, irrelevant excluded, not seen none", () => {
    const labels: RecordLabel[] = [];
    const papers = parseRis(fixture('zotero.ris'), 'zotero', 'corpora/zotero.ris', [], labels);
    expect(labels.filter((l) => l.included)).toHaveLength(3);
    expect(labels.filter((l) => !l.included)).toHaveLength(3);
    expect(labels.map((l) => l.paperId).every((id) => papers.some((p) => p.id === id))).toBe(true);
    expect(labels[0]).toEqual({ paperId: 'doi:10.1038/s42256-020-00287-7', included: true, line: 1 });
  });

  it('reads the year of a Web of Science export from PY when DA holds only a month', () => {
    const warnings: Problem[] = [];
    const papers = parseRis(fixture('web-of-science.ris'), 'wos', 'wos.ris', warnings);
    expect(papers).toHaveLength(10);
    expect(warnings).toEqual([]);
    expect(papers[0]!.year).toBe(2018);
    expect(papers.every((p) => p.year !== null)).toBe(true);
    expect(papers[0]!.keywords).toContain('Perception of freedom');
  });

  it('reads a Scopus RIS export', () => {
    const papers = parseRis(fixture('scopus.ris'), 'scopus', 'scopus.ris');
    expect(papers).toHaveLength(6);
    expect(papers[0]!.id).toBe('doi:10.1016/j.psyneuen.2019.104501');
    expect(papers[0]!.year).toBe(2020);
  });

  it('keeps each KW line as one keyword, commas and all (MeSH headings hold commas)', () => {
    // A real PubMed record as Zotero exports it (asreview/asreview tests/demo_data/pubmed_zotero.ris, record 3), cut to its tags that matter here.
    const ris = 'TY  - JOUR\nTI  - Traditional Chinese medicine for mild-to-moderate ulcerative colitis\nPY  - 2019\nKW  - Colitis, Ulcerative/*therapy\nKW  - Humans\nER  - \n';
    expect(parseRis(ris, 'pubmed')[0]!.keywords).toEqual(['Colitis, Ulcerative/*therapy', 'Humans']);
  });
});

describe('parseRis on bad input', () => {
  it('says a file with no record is not RIS, and how to export one', () => {
    expect(() => parseRis(fixture('scopus.csv'), 'x', 'corpora/x.ris')).toThrow(CorpusError);
    expect(() => parseRis(fixture('scopus.csv'), 'x', 'corpora/x.ris')).toThrow(/^corpora\/x\.ris: no RIS record found .*: export the library as RIS/);
  });

  it('names the line and record of a record without a title', () => {
    // Invented edge case from real data: the second Zotero record with its TI line removed.
    const lines = fixture('zotero.ris').split('\r\n');
    const second = lines.findIndex((l, i) => i > 0 && l.startsWith('TY  - '));
    const broken = lines.filter((l, i) => !(i === second + 1 && l.startsWith('TI  - '))).join('\r\n');
    expect(() => parseRis(broken, 'zotero', 'corpora/zotero.ris')).toThrow(
      new RegExp(`^corpora/zotero\\.ris:${second + 1}: entry "2": the record has no title: add a title or remove the record`),
    );
  });

  it('names both lines of an ID used twice', () => {
    // Invented: no real export here repeats an ID.
    const ris = 'TY  - JOUR\nID  - a1\nTI  - One\nER  - \n\nTY  - JOUR\nID  - a1\nTI  - Two\nER  - \n';
    expect(() => parseRis(ris, 'x', 'x.ris')).toThrow(/^x\.ris:6: entry "a1": the id is used by two records \(the first on line 1\)/);
  });
});
