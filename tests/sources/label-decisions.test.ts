import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelDecisions } from '../../src/sources/label-decisions.ts';
import type { RecordLabel } from '../../src/sources/record-label.ts';
import { parseRis } from '../../src/sources/ris.ts';
import { synthesize } from '../../src/synthesize.ts';

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

describe('synthesize with an ASReview export whose label column screened the records', () => {
  it("screens by the labels as maintainers' decisions, counted in PRISMA, and the question file's own decision wins", () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-labels-'));
    try {
      mkdirSync(join(root, 'questions'));
      mkdirSync(join(root, 'corpora'));
      copyFileSync(new URL('../fixtures/import/asreview-bannach-brown-2019.csv', import.meta.url), join(root, 'corpora/screened.csv'));
      writeFileSync(
        join(root, 'questions/labelled.yaml'),
        [
          'title: Animal models of depression',
          'question: Which animal models of depression change behaviour in rodents?',
          'facets:',
          '  - { id: depression, label: Depression models, terms: [depression, stress, anxiety] }',
          'sources:',
          '  - { type: csv, path: corpora/screened.csv }',
          'screening:',
          '  decisions:',
          '    - { id: "screened:5", decision: exclude, reason: "A study of panic, not depression" }',
        ].join('\n'),
      );
      const run = synthesize({ root, now: () => new Date('2026-12-02T03:00:00.000Z'), secrets: { keys: { openalex: null, semanticscholar: null } } });
      expect(run.outcomes.map((o) => o.status)).toEqual(['written']);
      const stored = JSON.parse(readFileSync(join(root, 'src/content/syntheses/labelled.json'), 'utf8'));
      const byReason = (reason: string) => stored.screening.maintainers.filter((m: { reason: string }) => m.reason === reason);
      expect(byReason('label column of corpora/screened.csv')).toHaveLength(39);
      expect(byReason('A study of panic, not depression')).toMatchObject([{ paper: 'screened:5', decision: 'exclude' }]);
      expect(stored.prisma.excludedByReason['excluded-by-maintainers']).toBe(33);
      expect(stored.counts.included).toBe(7);
      expect(stored.papers.map((p: { id: string }) => p.id)).not.toContain('screened:5');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
