import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchScreening, labelPapers, recallAndPrecision, simulateLabels, wss } from '../../src/pipeline/screening-benchmark.ts';
import { benchJson, benchLines } from '../../src/pipeline/screening-benchmark-text.ts';
import { merge } from '../../src/pipeline/merge.ts';
import { screen } from '../../src/pipeline/screen.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';
import { parseQuestion } from '../../src/questions/parse-question.ts';
import { readScreeningLabels } from '../../src/store/screening-labels.ts';
import type { RecordLabel, ScreeningDecision } from '../../src/records/index.ts';
import { loadCorpus } from './screen-claims-corpus.ts';

// The labelled fixture: 60 records of Bannach-Brown 2019 (20 inclusions), tests/fixtures/screening/PROVENANCE.md.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url));
const records = parseCslJson(readFileSync(fixture('bannach-brown-2019-sample.csl.json'), 'utf8'), 'bannach-brown-2019-sample', 'sample');
const labels = readScreeningLabels(fixture('bannach-brown-2019-sample.labels.jsonl'));
const parsed = parseQuestion(readFileSync(fixture('bannach-brown-2019-sample.yaml'), 'utf8'), 'bannach-brown-2019-sample.yaml');
if (!parsed.ok) throw new Error('the fixture question does not parse');
const question = parsed.question;

describe('wss: work saved over sampling at 95% recall', () => {
  it('counts the records read until 95% of the inclusions are found', () => {
    // 20 records, 4 inclusions at positions 1, 2, 5 and 10: 95% of 4 rounds up to all 4, found at record 10.
    const order = Array.from({ length: 20 }, (_, i) => [0, 1, 4, 9].includes(i));
    expect(wss(order)!.k).toBe(10);
    expect(wss(order)!.wss).toBeCloseTo((20 - 10) / 20 - 0.05, 10);
    // Every inclusion first: the best possible, (N - P) / N - 0.05.
    expect(wss([true, true, false, false])!.wss).toBeCloseTo(0.45, 10);
    // Reading in the worst order saves nothing: WSS is -0.05.
    expect(wss([false, false, false, true])!.wss).toBeCloseTo(-0.05, 10);
    expect(wss([false, false])).toBeNull();
  });
});

describe('recallAndPrecision', () => {
  it('scores a decision list against labels, with precision against the looser grade when there is one', () => {
    // Invented: four papers, ranked a, b, c, d; a and c included by screening.
    const decision = (paper: string, included: boolean, rank: number): ScreeningDecision => ({
      paper, included, reason: included ? null : 'below-relevance', detail: null, relevance: 1 - rank / 10, facets: [], rank,
    });
    const decisions = [decision('x:a', true, 1), decision('x:b', false, 2), decision('x:c', true, 3), decision('x:d', false, 4)];
    const label = (included: boolean, relevant: boolean | null): RecordLabel => ({ included, relevant });
    const labelled = [
      { record: 'x:a', paper: 'x:a', label: label(true, true) },
      { record: 'x:b', paper: 'x:b', label: label(true, true) },
      { record: 'x:c', paper: 'x:c', label: label(false, true) },
      { record: 'x:d', paper: 'x:d', label: label(false, false) },
    ];
    const z = recallAndPrecision(decisions, labelled);
    expect(z).toMatchObject({ records: 4, labelledIncluded: 2, included: 2, truePositives: 1, recall: 0.5, precision: 0.5, precisionRelevant: 1, k95: 2 });
    // Both inclusions are the first two records read: (4 − 2) / 4 − 0.05.
    expect(z.wss95).toBe(0.45);
    expect(recallAndPrecision(decisions, labelled.map((l) => ({ ...l, label: { ...l.label, relevant: null } }))).precisionRelevant).toBeNull();
  });
});

describe('labelPapers', () => {
  it('names records by <corpus>:<id> or a plain id, and gives a merged duplicate the paper it became', () => {
    // Real duplicate: "Detection Made Easy" is in code-security.csl.json and in llm4swsec.bib.
    const raw = [...loadCorpus('code-security.csl.json'), ...loadCorpus('llm4swsec.bib')];
    const { papers, recordNames } = merge(raw);
    const twins = raw.filter((p) => /^Detection Made Easy/.test(p.title));
    expect(twins).toHaveLength(2);
    const names = twins.map((p) => `${p.sources[0]}:${p.ids.local}`);
    const { labelled, unknown } = labelPapers(
      new Map([
        [names[0]!, { included: true, relevant: true }],
        [names[1]!, { included: true, relevant: true }],
        ['tp0001', { included: false, relevant: false }],
        ['code-security:nothing', { included: false, relevant: false }],
      ]),
      recordNames,
      papers,
    );
    expect(labelled[0]!.paper).toBe(labelled[1]!.paper);
    expect(papers.some((p) => p.id === labelled[0]!.paper && /^Detection Made Easy/.test(p.title))).toBe(true);
    expect(papers.find((p) => p.id === labelled[2]!.paper)!.ids.local).toBe('tp0001');
    expect(unknown).toEqual(['code-security:nothing']);
  });
});

describe('benchScreening on the labelled fixture', () => {
  const bench = benchScreening(records, question, labels);

  it('reports figures that follow from the decisions', () => {
    const z = bench.zeroShot;
    expect(z.records).toBe(60);
    expect(z.labelledIncluded).toBe(20);
    expect(z.recall).toBe(Math.round((z.truePositives / 20) * 1000) / 1000);
    expect(z.precision).toBe(Math.round((z.truePositives / z.included) * 1000) / 1000);
    expect(z.k95).toBeGreaterThanOrEqual(19);
    expect(z.wss95).toBe(Math.round(((60 - z.k95!) / 60 - 0.05) * 1000) / 1000);
    expect(z.precisionRelevant).toBeNull();
    expect(bench.unknownLabels).toEqual([]);
    expect(bench.report.rule.method).toBe('off-topic-bulk');
  });

  it('replays the labels in the order the ranker asks, and scores that reading order', () => {
    const s = bench.withLabels!;
    expect(s.papers).toBe(60);
    expect(s.inclusions).toBe(20);
    expect(Object.keys(s.recallAfter)).toEqual(['10', '20', '50']);
    expect(s.recallAfter['10']).toBeLessThanOrEqual(10 / 20);
    expect(s.recallAfter['50']).toBeGreaterThanOrEqual(s.recallAfter['20']!);
    expect(s.wss95).toBe(Math.round(((60 - s.k95!) / 60 - 0.05) * 1000) / 1000);
    // Deterministic: the same replay twice gives the same figures.
    const positives = new Set([...labels].filter(([, l]) => l.included).map(([id]) => `bannach-brown-2019-sample:${id}`));
    const papers = merge(records).papers;
    const all = new Set(papers.map((p) => p.id));
    expect(simulateLabels(papers, question, positives, all)).toEqual(simulateLabels(papers, question, positives, all));
  });

  it('replays the labels a second time with a ranker that ignores them, the baseline for learning from decisions', () => {
    const s = bench.ignoringLabels!;
    expect(s.papers).toBe(60);
    expect(s.inclusions).toBe(20);
    expect(s.refits).toBe(0);
    expect(Object.keys(s.recallAfter)).toEqual(['10', '20', '50']);
    // Without learning, the reading order is the zero-shot ranking's: its first ten are the ranking's first ten.
    const positives = new Set([...labels].filter(([, l]) => l.included).map(([id]) => `bannach-brown-2019-sample:${id}`));
    const papers = merge(records).papers;
    const firstTen = screen(papers, { ...question, screening: { ...question.screening, decisions: [] } }).report.lookNext.map((r) => r.paper);
    expect(s.recallAfter['10']).toBe(Math.round((firstTen.filter((p) => positives.has(p)).length / 20) * 1000) / 1000);
  });

  it('prints its figures, the last line a JSON object with recall, precision and wss95', () => {
    const lines = benchLines(bench, { seconds: 0.5, cpuSeconds: 0.4 });
    expect(lines.some((l) => /^recall\s+0\.\d{3}$|^recall\s+1\.000$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('with labels'))).toBe(true);
    expect(lines.some((l) => l.startsWith('labels ignored'))).toBe(true);
    const json = benchJson(bench);
    expect(json).toMatchObject({ recall: bench.zeroShot.recall, precision: bench.zeroShot.precision, wss95: bench.zeroShot.wss95 });
    expect(json['labels_ignored']).toEqual({ recall_after: bench.ignoringLabels!.recallAfter, wss95: bench.ignoringLabels!.wss95, k95: bench.ignoringLabels!.k95 });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
