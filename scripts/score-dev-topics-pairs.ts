// Scores the verifier's stance on the hand-labelled pairs of the development topics (bench/stance/dev-topics-pairs.csv,
// see PROVENANCE.md there; issue 12): does "supports" hold on questions whose topic the finding frames were never
// written for?
//   node scripts/score-dev-topics-pairs.ts                 figures per question, per split and overall
//   node scripts/score-dev-topics-pairs.ts --pairs design  also each design pair's prediction and support check
// Each pair is judged as verify() judges a BM25 candidate (src/pipeline/verify.ts): the stance model's probabilities,
// the support gate (supportCheck) with topic statistics read as verify() reads them (the review's included papers,
// every screened record by rank; the stages run in memory on ../shared/data/screening, scripts/candidate-pairs.ts),
// and evidenceStance. A "supports" comes from the finding frames when the frames' branch of evidenceStance decides it
// (the gate passes and sameFinding is non-empty), otherwise from the stance model with shared specific terms: two
// when one of them is a name the claim writes, else three (src/stance-model/specificity.ts); the wrong "supports" are
// counted by that path per split and origin.
// The held-out half's per-pair results are not printed: it stays blind for whoever generalises the frames.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { stanceProbabilities } from '../src/stance-model/classify.ts';
import { evidenceStance, MIN_PROBABILITY } from '../src/stance-model/evidence-stance.ts';
import { MIN_SHARED_WITHOUT_NAME, names, supportCheck, topicStats, type TopicStats } from '../src/stance-model/specificity.ts';
import { loadReview } from './candidate-pairs.ts';

type Row = { claim: string; evidence: string; label: string; claim_paper: string; evidence_paper: string; question: string; split: string; origin: string };
type Judged = Row & { predicted: string; path: 'frames' | 'shared-name' | 'shared-3' | null; blocked: string | null; frames: readonly string[]; shared: readonly string[]; modelSupports: boolean };

const rows = parse(readFileSync(resolve(REPO_ROOT, 'bench', 'stance', 'dev-topics-pairs.csv')), { columns: true }) as Row[];
const showPairs = process.argv.includes('--pairs') ? process.argv[process.argv.indexOf('--pairs') + 1] : undefined;
if (showPairs !== undefined && showPairs !== 'design') {
  console.error('--pairs prints the design half only: the held-out half stays blind');
  process.exit(2);
}

const stats = new Map<string, TopicStats>();
for (const question of new Set(rows.map((r) => r.question))) {
  const review = loadReview(question);
  stats.set(question, topicStats(review.included, review.ranked));
}

// Which threshold let a shared-terms "supports" through: fewer than three shared terms pass only with a shared name.
function sharedPath(shared: readonly string[]): 'shared-name' | 'shared-3' {
  return shared.length >= MIN_SHARED_WITHOUT_NAME ? 'shared-3' : 'shared-name';
}

const judged: Judged[] = rows.map((r) => {
  const p = stanceProbabilities(r.claim, r.evidence);
  const check = supportCheck(r.claim, r.evidence, stats.get(r.question)!, r.claim_paper, r.evidence_paper);
  const { stance } = evidenceStance(p, check);
  const framed = check.blocked === null && (check.sameFinding?.length ?? 0) > 0 && p.contradicts < MIN_PROBABILITY && p.contradicts <= p.supports;
  return {
    ...r,
    predicted: stance,
    path: stance === 'supports' ? (framed ? 'frames' : sharedPath(check.sharedSpecific)) : null,
    blocked: check.blocked,
    frames: check.sameFinding ?? [],
    shared: check.sharedSpecific,
    modelSupports: p.supports >= MIN_PROBABILITY && p.supports > p.contradicts,
  };
});

function figures(name: string, set: readonly Judged[]): void {
  const count = (f: (j: Judged) => boolean) => set.filter(f).length;
  const trueS = count((j) => j.label === 'supports');
  const predS = count((j) => j.predicted === 'supports');
  const tpS = count((j) => j.predicted === 'supports' && j.label === 'supports');
  const trueC = count((j) => j.label === 'contradicts');
  const predC = count((j) => j.predicted === 'contradicts');
  const tpC = count((j) => j.predicted === 'contradicts' && j.label === 'contradicts');
  const ratio = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(2));
  const byPath = (...paths: Judged['path'][]) => `${count((j) => paths.includes(j.path))} (${count((j) => paths.includes(j.path) && j.label === 'supports')} true)`;
  const modelAlone = count((j) => j.modelSupports);
  const modelAloneTrue = count((j) => j.modelSupports && j.label === 'supports');
  console.log(
    `${name.padEnd(30)} pairs ${String(set.length).padStart(2)} | supports: true ${trueS}, predicted ${predS}, correct ${tpS}, precision ${ratio(tpS, predS)}, recall ${ratio(tpS, trueS)}` +
      ` | via frames ${byPath('frames')}, via shared terms ${byPath('shared-name', 'shared-3')}` +
      ` | contradicts: true ${trueC}, predicted ${predC}, correct ${tpC}` +
      ` | stance model without the gate: supports ${modelAlone} (${modelAloneTrue} true)`,
  );
}

console.log('dev-topics-pairs: the verifier (stance model + support gate + finding frames) on hand-labelled pairs');
figures('all', judged);
for (const question of new Set(judged.map((j) => j.question))) figures(question, judged.filter((j) => j.question === question));
for (const split of ['design', 'heldout']) figures(`split ${split}`, judged.filter((j) => j.split === split));
for (const origin of ['sampled', 'paired', 'searched', 'shown', 'shown2']) figures(`origin ${origin}`, judged.filter((j) => j.origin === origin));

// Why the true supports were missed, counted (no pair named): the blocking check, or none (the gate passed but
// neither the frames nor the stance model took the side).
const missed = judged.filter((j) => j.label === 'supports' && j.predicted !== 'supports');
const reasons = new Map<string, number>();
for (const j of missed) reasons.set(j.blocked ?? 'gate passed, no side taken', (reasons.get(j.blocked ?? 'gate passed, no side taken') ?? 0) + 1);
console.log(`true supports missed: ${missed.length}; ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}`);
// The wrong "supports" by the path that let them through (counts only, so the held-out half stays blind).
for (const split of ['design', 'heldout']) {
  for (const origin of ['all', 'shown2']) {
    const wrong = judged.filter((j) => j.split === split && (origin === 'all' || j.origin === origin) && j.predicted === 'supports' && j.label !== 'supports');
    const n = (p: Judged['path']) => wrong.filter((j) => j.path === p).length;
    console.log(`wrong supports, ${split}, ${origin === 'all' ? 'all origins' : `origin ${origin}`}: ${wrong.length}; via frames ${n('frames')}, two shared terms incl. a name ${n('shared-name')}, three or more shared terms ${n('shared-3')} (of which with a shared name ${wrong.filter((j) => j.path === 'shared-3' && j.shared.some((t) => names(j.claim).includes(t))).length})`);
  }
}
console.log(`true supports with any finding frame matched: ${judged.filter((j) => j.label === 'supports' && j.frames.length > 0).length}`);

if (showPairs === 'design') {
  for (const j of judged.filter((x) => x.split === 'design')) {
    console.log(`\n[${j.label} → ${j.predicted}${j.path ? ` via ${j.path}` : ''}; blocked ${j.blocked}; frames ${j.frames.join(' ') || '-'}; shared ${j.shared.join(' ') || '-'}] ${j.question} ${j.origin}`);
    console.log(`  C: ${j.claim}\n  E: ${j.evidence}`);
  }
}
