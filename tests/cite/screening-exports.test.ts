import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenedRecords, toScreeningCsv, toScreeningRis, type ScreenedRecord } from '../../src/cite/screening-exports.ts';
import { Synthesis, type Paper } from '../../src/records/index.ts';
import { parseDelimited } from '../../src/sources/delimited.ts';
import { labelDecisions } from '../../src/sources/label-decisions.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';
import { parseRis } from '../../src/sources/ris.ts';

// A real stored review: 40 included papers and 402 excluded records.
const synthesis = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/llm-vulnerability-detection.json', import.meta.url), 'utf8')));
const records = screenedRecords(synthesis);

// What a record is, as both formats carry it: its title, year and DOI.
const identity = (r: Pick<Paper, 'title' | 'year' | 'ids'>) => `${r.title} | ${r.year} | ${r.ids.doi ?? ''}`;

describe('screenedRecords', () => {
  it('lists every screened record once, the included with their relevance, the excluded with the reason in words', () => {
    expect(records).toHaveLength(synthesis.papers.length + synthesis.excluded.length);
    expect(new Set(records.map((r) => r.paper.id)).size).toBe(records.length);
    expect(records.filter((r) => r.included)).toHaveLength(synthesis.counts.included);
    // Relevance as the page writes it: 0.xx, or 1 for a record that meets every facet.
    expect(records[0]!.reason).toMatch(/^Included by screening: relevance (?:0\.\d+|1);/);
    const excluded = records.find((r) => r.paper.id === 'code-security:tp0223')!;
    expect(excluded.included).toBe(false);
    expect(excluded.reason).toBe('Mentions none of the required terms (neither title, keywords nor abstract mentions any of "vulnerab")');
  });
});

describe('exports re-imported with the importers give the same records and decisions back', () => {
  it('CSV in ASReview columns', () => {
    const csv = toScreeningCsv(records);
    expect(csv.split('\r\n')[0]).toBe('"record_id","title","abstract","authors","year","doi","keywords","included","reason","paper_id","venue","url"');
    const labels: RecordLabel[] = [];
    const papers = parseDelimited(csv, 'export', ',', 'screening.csv', [], labels);
    expect(papers.map(identity)).toEqual(records.map((r) => identity(r.paper)));
    expect(papers.map((p) => p.abstract)).toEqual(records.map((r) => r.paper.abstract));
    expect(papers.map((p) => p.authors)).toEqual(records.map((r) => r.paper.authors));
    expect(labels.map((l) => l.included)).toEqual(records.map((r) => r.included));
    // Decisions by id: a record with a DOI is known by it in both; the others by their row.
    const decisions = labelDecisions(labels, 'screening.csv');
    expect(decisions.filter((d) => d.decision === 'include')).toHaveLength(synthesis.counts.included);
  });

  it('RIS with ASReview notes', () => {
    const ris = toScreeningRis(records);
    const labels: RecordLabel[] = [];
    const papers = parseRis(ris, 'export', 'screening.ris', [], labels);
    const byIdentity = (list: readonly string[]) => [...list].sort();
    expect(byIdentity(papers.map(identity))).toEqual(byIdentity(records.map((r) => identity(r.paper))));
    // Each record keeps its whole id, and its decision.
    expect(byIdentity(papers.map((p) => p.ids.local!))).toEqual(byIdentity(records.map((r) => r.paper.id)));
    const decided = new Map(labels.map((l) => [papers.find((p) => p.id === l.paperId)!.ids.local!, l.included]));
    expect(records.every((r) => decided.get(r.paper.id) === r.included)).toBe(true);
  });
});

describe('the output rules hold for hostile records', () => {
  // Invented: the attacks a record from a live source could carry.
  const hostile: ScreenedRecord[] = [
    {
      paper: { ...records[0]!.paper, id: 'x:1', ids: {}, title: '=HYPERLINK("http://evil.example","click")', url: 'javascript:alert(1)' },
      included: true,
      reason: '-2+3',
    },
    {
      paper: { ...records[1]!.paper, id: 'x:2', ids: {}, title: 'A title\nER  - \nTY  - JOUR\nTI  - Injected record', url: null },
      included: false,
      reason: 'r',
    },
  ];

  it('CSV: no cell starts a formula, no URL but http/https, and the importer reads the text back', () => {
    const csv = toScreeningCsv(hostile);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`"'-2+3"`);
    expect(csv).not.toContain('javascript:');
    expect(parseDelimited(csv, 'x', ',')[0]!.title).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('RIS: a value cannot start a tag, so a title cannot inject a record', () => {
    const ris = toScreeningRis(hostile);
    expect(ris).not.toContain('javascript:');
    expect(ris.split('\n').filter((l) => l.startsWith('TY  - '))).toHaveLength(2);
    const papers = parseRis(ris, 'x');
    expect(papers).toHaveLength(2);
    expect(papers.map((p) => p.title)).toContain('A title ER - TY - JOUR TI - Injected record');
  });
});
