import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelDecisions } from '../../src/sources/label-decisions.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';
import { parseRis } from '../../src/sources/ris.ts';

describe('labelDecisions', () => {
  it("turns the labels of a real ASReview-screened Zotero export into maintainers' decisions, by id, naming the file", () => {
    const labels: RecordLabel[] = [];
    parseRis(readFileSync(new URL('../fixtures/import/zotero.ris', import.meta.url), 'utf8'), 'zotero', 'corpora/zotero.ris', [], labels);
    const decisions = labelDecisions(labels, 'corpora/zotero.ris');
    expect(decisions).toHaveLength(6);
    expect(decisions[0]).toEqual({ id: 'doi:10.1038/s42256-020-00287-7', decision: 'include', reason: 'label column of corpora/zotero.ris' });
    expect(decisions.filter((d) => d.decision === 'exclude')).toHaveLength(3);
  });

  it('keeps one decision per record, and an include over an exclude of the same record', () => {
    // Invented: one work labelled twice in one export.
    const labels: RecordLabel[] = [
      { paperId: 'doi:10.1/a', included: false, line: 2 },
      { paperId: 'doi:10.1/b', included: false, line: 3 },
      { paperId: 'doi:10.1/a', included: true, line: 9 },
      { paperId: 'doi:10.1/b', included: false, line: 10 },
    ];
    expect(labelDecisions(labels, 'x.csv')).toEqual([
      { id: 'doi:10.1/a', decision: 'include', reason: 'label column of x.csv' },
      { id: 'doi:10.1/b', decision: 'exclude', reason: 'label column of x.csv' },
    ]);
  });

  it('makes nothing of no labels', () => {
    expect(labelDecisions([], 'x.csv')).toEqual([]);
  });
});
