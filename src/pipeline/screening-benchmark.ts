// Measures screening against a labelled set of records, the way ASReview judges a model: by replaying reviewers'
// decisions (design: "simulate before you ship a screening change").
//
// Exported API
//   type LabelledPaper = { paper: string; label: RecordLabel }           one per labelled record, named by its paper
//   labelPapers(labels, recordNames, papers): { labelled: LabelledPaper[]; unknown: string[] }
//   recallAndPrecision(decisions, labelled): ZeroShotFigures
//   wss(order: readonly boolean[], target = 0.95): { k: number; wss: number } | null
//       work saved over sampling (Cohen et al., "Reducing workload in systematic review preparation using
//       automated citation classification", JAMIA 13(2), 2006, doi:10.1197/jamia.M1929): screening in `order`
//       (true = a labelled inclusion), k is how many records are read before `target` of the inclusions are found;
//       WSS = (N − k) / N − (1 − target). null when there is no inclusion.
//   simulateLabels(papers, question, positives, eligible, { learn = true }): Simulation
//       the maintainers' decisions of src/pipeline/screen.ts replayed: a maintainer reads the record the ranker puts
//       first among the undecided ones, decides it as the labels say, the ranker learns from every decision so far
//       and asks again. Reports recall after CHECKPOINTS labels and WSS@95 of the reading order. learn: false is the
//       same replay with a ranker that never sees the decisions (the zero-shot ranking read in the same order): the
//       baseline that says whether learning from the decisions helps.
//   CHECKPOINTS = [10, 20, 50, 100]
//   benchScreening(records, question, labels, { simulate }): ScreeningBench      all of the above for one dataset
//       (withLabels and its baseline ignoringLabels)
//
// Every labelled record counts. A record that merging folded into another takes the decision and rank of the paper
// it became (as ../shared/data/screening/score.py does). The simulation reads papers, not records: a paper is an
// inclusion when any of its records is labelled one.
import type { Paper, Question, RecordLabel, ScreeningDecision, ScreeningReport } from '../records/index.ts';
import { compileFacets } from '../text/facet-terms.ts';
import { readRecordText, recordTerms } from '../text/record-text.ts';
import { merge } from './merge.ts';
import { screen } from './screen.ts';
import { facetGaps, readFacets } from './facet-coverage.ts';
import { rankingBasis, rankRecords } from './relevance-ranking.ts';
import { placeAgainstBulk } from './screening-rule.ts';

export const CHECKPOINTS = [10, 20, 50, 100] as const;

export type LabelledPaper = { record: string; paper: string; label: RecordLabel };

export type ZeroShotFigures = {
  records: number;
  labelledIncluded: number;
  included: number;
  truePositives: number;
  recall: number | null;
  precision: number | null;
  /** precision counting every included record the labels call at least relevant (when they grade relevance) */
  precisionRelevant: number | null;
  k95: number | null;
  wss95: number | null;
  recallAt: Record<string, number>;
  /** labelled inclusions screening excluded, by the reason it gave */
  missedByReason: Record<string, number>;
};

/**
 * Names each labelled record's paper: a label id is `<corpus name>:<record id>`, or a plain record id when that
 * names exactly one record across the corpora.
 */
export function labelPapers(
  labels: ReadonlyMap<string, RecordLabel>,
  recordNames: ReadonlyMap<string, readonly string[]>,
  papers: readonly Paper[],
): { labelled: LabelledPaper[]; unknown: string[] } {
  const paperOf = new Map<string, string>();
  const plain = new Map<string, string[]>();
  for (const p of papers) {
    for (const name of [p.id, ...(recordNames.get(p.id) ?? [])]) {
      paperOf.set(name, p.id);
      const local = name.slice(name.indexOf(':') + 1);
      plain.set(local, [...new Set([...(plain.get(local) ?? []), p.id])]);
    }
  }
  const labelled: LabelledPaper[] = [];
  const unknown: string[] = [];
  for (const [record, label] of labels) {
    const byPlain = plain.get(record);
    const paper = paperOf.get(record) ?? (byPlain?.length === 1 ? byPlain[0] : undefined);
    if (paper === undefined) unknown.push(record);
    else labelled.push({ record, paper, label });
  }
  return { labelled, unknown };
}

export function recallAndPrecision(decisions: readonly ScreeningDecision[], labelled: readonly LabelledPaper[]): ZeroShotFigures {
  const byPaper = new Map(decisions.map((d) => [d.paper, d]));
  const rows = labelled.map((l) => ({ ...l, decision: byPaper.get(l.paper)! }));
  const positives = rows.filter((r) => r.label.included);
  const included = rows.filter((r) => r.decision.included);
  const truePositives = positives.filter((r) => r.decision.included).length;
  const graded = rows.some((r) => r.label.relevant !== null);
  const relevantIncluded = included.filter((r) => r.label.relevant ?? r.label.included).length;
  const ranked = [...rows].sort((a, b) => (a.decision.rank ?? 0) - (b.decision.rank ?? 0) || (a.record < b.record ? -1 : a.record > b.record ? 1 : 0));
  const order = ranked.map((r) => r.label.included);
  const w = wss(order);
  const recallAt: Record<string, number> = {};
  for (const k of [100, 200, 500, 1000]) {
    if (k <= rows.length && positives.length) recallAt[String(k)] = round3(order.slice(0, k).filter(Boolean).length / positives.length);
  }
  const missedByReason: Record<string, number> = {};
  for (const r of positives) if (!r.decision.included) missedByReason[r.decision.reason!] = (missedByReason[r.decision.reason!] ?? 0) + 1;
  return {
    records: rows.length,
    labelledIncluded: positives.length,
    included: included.length,
    truePositives,
    recall: positives.length ? round3(truePositives / positives.length) : null,
    precision: included.length ? round3(truePositives / included.length) : null,
    precisionRelevant: graded && included.length ? round3(relevantIncluded / included.length) : null,
    k95: w?.k ?? null,
    wss95: w ? round3(w.wss) : null,
    recallAt,
    missedByReason,
  };
}

export function wss(order: readonly boolean[], target = 0.95): { k: number; wss: number } | null {
  const positives = order.filter(Boolean).length;
  if (positives === 0) return null;
  const need = Math.ceil(target * positives);
  let found = 0;
  for (let k = 0; k < order.length; k++) {
    if (order[k]) found++;
    if (found >= need) return { k: k + 1, wss: (order.length - (k + 1)) / order.length - (1 - target) };
  }
  return null;
}

export type Simulation = {
  papers: number;
  inclusions: number;
  /** recall reached after n labels, for each checkpoint not beyond the number of papers */
  recallAfter: Record<string, number>;
  k95: number | null;
  wss95: number | null;
  /** how many times the ranker was refitted */
  refits: number;
};

/**
 * `positives`: paper ids labelled as inclusions. `eligible`: paper ids that pass the question's criteria (years,
 * terms); the others are read last, since the review excludes them whatever their rank.
 */
export function simulateLabels(
  papers: readonly Paper[],
  question: Question,
  positives: ReadonlySet<string>,
  eligible: ReadonlySet<string>,
  options: { learn?: boolean } = {},
): Simulation {
  const learn = options.learn ?? true;
  const facets = compileFacets(question.facets);
  const read = papers.map((p) => {
    const text = readRecordText(p);
    return { reading: readFacets(text, facets), terms: recordTerms(text) };
  });
  const readings = read.map((r) => r.reading);
  const gapIds = new Set(facetGaps(readings, facets));
  const gaps = new Set(facets.flatMap((f, k) => (gapIds.has(f.id) ? [k] : [])));
  const basis = rankingBasis(read.map((r) => r.terms), question, readings, gaps);
  const roles = question.facets.map((f) => f.role);
  const candidate = papers.map((p) => eligible.has(p.id));
  const n = papers.length;
  const inclusions = papers.filter((p) => positives.has(p.id)).length;
  const labels = new Map<number, boolean>();
  const order: boolean[] = [];
  const need = Math.ceil(0.95 * inclusions);
  const lastCheckpoint = CHECKPOINTS[CHECKPOINTS.length - 1]!;
  let found = 0;
  let refits = 0;
  const zeroShot = learn ? null : rankRecords(basis);
  const zeroShotRelevance = zeroShot ? placeAgainstBulk(zeroShot, readings, roles, gaps).relevance : null;
  while (labels.size < n && (found < need || labels.size < Math.min(n, lastCheckpoint))) {
    const scores = zeroShot ?? rankRecords(basis, labels);
    // The order screen() shows in its report's lookNext: relevance (each record against its group's off-topic
    // bulk), then the score.
    const relevance = zeroShotRelevance ?? placeAgainstBulk(scores, readings, roles, gaps).relevance;
    if (learn) refits++;
    const asked = papers
      .map((_, i) => i)
      .filter((i) => !labels.has(i))
      .sort((a, b) => Number(candidate[b]) - Number(candidate[a]) || relevance[b]! - relevance[a]! || scores[b]! - scores[a]! || a - b);
    // Refit after every decision while there are few (each one teaches the ranker much), then after batches of a
    // tenth of the decisions so far: the ranking changes little from one decision to the next, and a 10,000-record
    // replay stays within minutes.
    const batch = Math.max(1, Math.floor(labels.size / 10));
    for (const i of asked.slice(0, batch)) {
      const y = positives.has(papers[i]!.id);
      labels.set(i, y);
      order.push(y);
      if (y) found++;
    }
  }
  const recallAfter: Record<string, number> = {};
  for (const c of CHECKPOINTS) {
    if (c <= n && inclusions) recallAfter[String(c)] = round3(order.slice(0, c).filter(Boolean).length / inclusions);
  }
  // Papers never asked for are read after the ones asked, for the arithmetic of WSS.
  const w = wss([...order, ...papers.map((_, i) => i).filter((i) => !labels.has(i)).map((i) => positives.has(papers[i]!.id))]);
  return { papers: n, inclusions, recallAfter, k95: w?.k ?? null, wss95: w ? round3(w.wss) : null, refits };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

// Criteria that exclude a record whatever its rank: in the simulation such records are read last.
const CRITERIA: ReadonlySet<string> = new Set(['outside-years', 'no-abstract', 'excluded-term', 'missing-required-term']);

export type ScreeningBench = {
  question: string;
  papers: number;
  duplicates: number;
  unknownLabels: string[];
  unlabelledPapers: number;
  zeroShot: ZeroShotFigures;
  report: ScreeningReport;
  withLabels: Simulation | null;
  /** the same replay with a ranker that ignores the decisions */
  ignoringLabels: Simulation | null;
};

/** One run of the benchmark: merge, screen zero-shot, score, and (unless `simulate` is false) replay the labels. */
export function benchScreening(
  records: readonly Paper[],
  question: Question,
  labels: ReadonlyMap<string, RecordLabel>,
  options: { simulate?: boolean } = {},
): ScreeningBench {
  const { papers, duplicates, recordNames } = merge(records);
  // Zero-shot: the question's own decisions are set aside, so the figures measure the machine alone.
  const zeroShotQuestion = { ...question, screening: { ...question.screening, decisions: [] } };
  const { decisions, report } = screen(papers, zeroShotQuestion, { recordNames });
  const { labelled, unknown } = labelPapers(labels, recordNames, papers);
  const positives = new Set(labelled.filter((l) => l.label.included).map((l) => l.paper));
  const eligible = new Set(decisions.filter((d) => d.reason === null || !CRITERIA.has(d.reason)).map((d) => d.paper));
  const labelledPapers = new Set(labelled.map((l) => l.paper));
  return {
    question: question.id,
    papers: papers.length,
    duplicates,
    unknownLabels: unknown,
    unlabelledPapers: papers.filter((p) => !labelledPapers.has(p.id)).length,
    zeroShot: recallAndPrecision(decisions, labelled),
    report,
    withLabels: options.simulate === false ? null : simulateLabels(papers, zeroShotQuestion, positives, eligible),
    ignoringLabels: options.simulate === false ? null : simulateLabels(papers, zeroShotQuestion, positives, eligible, { learn: false }),
  };
}
