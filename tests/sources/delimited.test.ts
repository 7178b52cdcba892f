import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
import type { Problem } from '../../src/records/problem.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import { delimiterOf, parseDelimited } from '../../src/sources/delimited.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

describe('parseDelimited on real exports', () => {
  it("reads Scopus's CSV export: EID as id, full names, year, venue, DOI, both keyword columns", () => {
    const warnings: Problem[] = [];
    const papers = parseDelimited(fixture('scopus.csv'), 'scopus', ',', 'corpora/scopus.csv', warnings);
    expect(papers).toHaveLength(13);
    expect(warnings).toEqual([]);
    for (const paper of papers) expect(() => Paper.parse(paper)).not.toThrow();
    const [first, second, third] = papers;
    expect(first!.id).toBe('scopus:2-s2.0-85094136345');
    expect(first!.authors).toEqual([
      { family: 'Unnikrishnan', given: 'M.A.' },
      { family: 'Edwin Raja Dhas', given: 'J.' },
    ]);
    expect(first!.year).toBe(2020);
    expect(first!.venue).toBe('Journal of Green Engineering');
    expect(first!.type).toBe('article-journal');
    expect(second!.type).toBe('paper-conference');
    expect(second!.keywords.slice(0, 5)).toEqual(['Fracture strength', 'Hooking', 'Local plasticity', 'Softening', 'Alloys']);
    expect(third!.id).toBe('doi:10.1016/j.msea.2010.06.012');
    expect(third!.abstract).toMatch(/^Microstructures, tensile properties and strain hardening behavior/);
  });

  it("reads an ASReview dataset's columns: record_id, authors split on semicolons, year written as 2011.0", () => {
    const warnings: Problem[] = [];
    const labels: RecordLabel[] = [];
    const papers = parseDelimited(fixture('asreview-kwok-2020.csv'), 'kwok', ',', 'kwok.csv', warnings, labels);
    expect(papers).toHaveLength(40);
    expect(warnings).toEqual([]);
    expect(papers[0]!.id).toBe('kwok:1');
    expect(papers[0]!.year).toBe(2011);
    const fourth = papers[3]!;
    expect(fourth.id).toBe('doi:10.1128/mra.01136-18');
    expect(fourth.authors[0]).toEqual({ family: 'Ababneh', given: 'M.' });
    expect(fourth.keywords).toContain('Newcastle disease virus');
    // debug_label is the benchmark's hidden truth for ASReview's simulations, not a decision.
    expect(labels).toEqual([]);
  });

  it("reads an ASReview dataset's label column as labels, and authors written as prose", () => {
    const warnings: Problem[] = [];
    const labels: RecordLabel[] = [];
    const papers = parseDelimited(fixture('asreview-bannach-brown-2019.csv'), 'bb', ',', 'bb.csv', warnings, labels);
    expect(papers).toHaveLength(40);
    expect(warnings).toEqual([]);
    expect(labels).toHaveLength(40);
    expect(labels.filter((l) => l.included)).toHaveLength(8);
    expect(labels[0]).toEqual({ paperId: 'bb:2', included: false, line: 2 });
    expect(papers[0]!.authors).toEqual([
      { family: 'Whistler', given: 'R. L.' },
      { family: 'Lake', given: 'W. C.' },
    ]);
    expect(papers[2]!.authors.map((a) => a.family)).toEqual(['Pavlinac', 'Langer', 'Lenhard', 'Deftos']);
  });

  it('tells a semicolon-separated CSV by its header, and a tab-delimited file by its type', () => {
    expect(delimiterOf(fixture('scopus.csv'), false)).toBe(',');
    expect(delimiterOf('title;abstract;doi\na;b;10.1/x\n', false)).toBe(';');
    expect(delimiterOf('title,abstract\n', true)).toBe('\t');
  });
});

describe('parseDelimited on bad input', () => {
  it('names the header when there is no title column, and what to export', () => {
    // Invented: a header without a title column.
    expect(() => parseDelimited('abstract,doi\nlorem,10.1/x\n', 'x', ',', 'corpora/x.csv')).toThrow(
      /^corpora\/x\.csv:1: header: no title column \(the header has 2 columns, none named "title" or "primary_title"\): export with the title field/,
    );
  });

  it('names the line of a quoted cell never closed, without quoting the file', () => {
    const text = fixture('scopus.csv').split('\n').slice(0, 3).join('\n') + '\n"Smith J.","unterminated\n';
    let error: unknown;
    try {
      parseDelimited(text, 'x', ',', 'x.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/^x\.csv:\d+: the CSV file cannot be read: a quoted cell is never closed: open the file in a spreadsheet/);
    expect((error as Error).message).not.toContain('Smith');
  });

  it('names the line and record of a row without a title', () => {
    const lines = fixture('asreview-kwok-2020.csv').split('\n');
    // Invented from real data: row 4's title cell emptied.
    const broken = [...lines.slice(0, 4), lines[4]!.replace(/^4,First genome sequence of Newcastle disease virus of Genotype VIII from Jordan,/, '4,,'), ...lines.slice(5)].join('\n');
    expect(() => parseDelimited(broken, 'kwok', ',', 'kwok.csv')).toThrow(/^kwok\.csv:\d+: entry "4": the record has no title/);
  });

  it('warns of a label that is neither 1 nor 0, and reads 1, 0 and empty', () => {
    // Invented: the label values real exports lack.
    const warnings: Problem[] = [];
    const labels: RecordLabel[] = [];
    parseDelimited('record_id,title,label_included\n1,One,1\n2,Two,0\n3,Three,\n4,Four,maybe\n', 'x', ',', 'x.csv', warnings, labels);
    expect(labels).toEqual([
      { paperId: 'x:1', included: true, line: 2 },
      { paperId: 'x:2', included: false, line: 3 },
    ]);
    expect(warnings).toEqual([
      { file: 'x.csv', line: 5, field: 'entry "4", field "label_included"', problem: 'is neither 1 (included) nor 0 (excluded), so the record has no label', fix: 'write 1, 0, or leave the cell empty for a record not screened' },
    ]);
  });
});
