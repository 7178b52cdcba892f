// Does the verifier's calibration travel? The committed parameters are fitted on HealthVer dev only; this scores
// them on the hand-labelled pair sets from other domains that the repository holds, and checks how a confidence
// map fitted without a topic does on that topic (issue 12, "calibration that travels").
//
// Sets (both labelled blind to the verifier, see their PROVENANCE.md): tests/fixtures/stance-model/in-domain-pairs.csv
// (the three demo reviews' topics, software security) and bench/stance/dev-topics-pairs.csv (the two development
// screening reviews' topics, healthcare nudges and animal models of depression). The demo judgment files in
// bench/judgments hold screening decisions, not claim/evidence stances, so they have no ECE to give.
//
// Exported API: StanceSet, STANCE_SET_FILES, stanceSet, scoreSet, holdOneTopicOut. The files are read by the
// benchmark (src/bench/stance-sets.ts): the model's modules touch no files.
import { parse } from 'csv-parse/sync';
import { featurize } from './features.ts';
import { logits, softmax } from './model.ts';
import { expectedCalibrationError, score, type Scores } from './metrics.ts';
import { calibrateTopLabel, fitTopLabelMapToRows } from './top-label-calibration.ts';
import type { VerifierParams } from './train.ts';

export type StanceSet = {
  name: string;
  file: string;
  /** the review (topic) each pair was drawn from */
  topics: string[];
  X: number[][];
  y: number[];
};

export const STANCE_SET_FILES: readonly { name: string; file: string }[] = [
  { name: 'in-domain pairs (3 demo topics)', file: 'tests/fixtures/stance-model/in-domain-pairs.csv' },
  { name: 'dev-topic pairs (2 screening topics)', file: 'bench/stance/dev-topics-pairs.csv' },
];

// These files label stances as the pipeline names them; HealthVer's Refutes is our contradicts.
const LABEL_OF: Record<string, number> = { supports: 0, contradicts: 1, neutral: 2 };

/** One set from its CSV text (columns claim, evidence, label, question). */
export function stanceSet(name: string, file: string, csv: string | Buffer): StanceSet {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return {
    name,
    file,
    topics: rows.map((r) => r['question'] ?? ''),
    // Default stance options, as bench:stance and the committed-params figures score them.
    X: rows.map((r) => featurize(r['claim'] ?? '', r['evidence'] ?? '')),
    y: rows.map((r, i) => {
      const label = LABEL_OF[(r['label'] ?? '').trim().toLowerCase()];
      if (label === undefined) throw new Error(`${file}: row ${i + 2} has label "${r['label']}"; expected supports, contradicts or neutral`);
      return label;
    }),
  };
}

/** Temperature-scaled probabilities before the confidence map. */
function rawProbabilities(params: VerifierParams, X: readonly number[][]): number[][] {
  return X.map((x) => softmax(logits(params, x), params.temperature));
}

export function scoreSet(params: VerifierParams, set: StanceSet): Scores {
  return score(rawProbabilities(params, set.X).map((p) => calibrateTopLabel(params.confidenceMap, p)), set.y);
}

/**
 * Leave-one-topic-out check of the confidence map. For each topic of the sets, a map is fitted on `healthVerHeldOut`
 * (HealthVer's inner held-out rows, the ones the committed map was fitted on) plus every pair of the other topics,
 * and applied to that topic's pairs. Returns, per set, its ECE under those maps (`pooled`), under the committed
 * HealthVer-only map (`committed`), and with the temperature alone (`temperature`). The weights stay the committed
 * ones: only the confidence map is under test.
 */
export function holdOneTopicOut(
  params: VerifierParams,
  sets: readonly StanceSet[],
  healthVerHeldOut: { probabilities: readonly number[][]; y: readonly number[] },
): { name: string; n: number; temperature: number; committed: number; pooled: number }[] {
  const all = sets.flatMap((s) => {
    const raw = rawProbabilities(params, s.X);
    return raw.map((p, i) => ({ set: s.name, topic: s.topics[i]!, p, y: s.y[i]! }));
  });
  const pooled = new Map<(typeof all)[number], number[]>();
  for (const topic of new Set(all.map((r) => r.topic))) {
    const others = all.filter((r) => r.topic !== topic);
    const map = fitTopLabelMapToRows(
      [...healthVerHeldOut.probabilities, ...others.map((r) => r.p)],
      [...healthVerHeldOut.y, ...others.map((r) => r.y)],
      params.minBlock,
    );
    for (const r of all) if (r.topic === topic) pooled.set(r, calibrateTopLabel(map, r.p));
  }
  return sets.map((s) => {
    const rows = all.filter((r) => r.set === s.name);
    const y = rows.map((r) => r.y);
    return {
      name: s.name,
      n: rows.length,
      temperature: expectedCalibrationError(rows.map((r) => r.p), y),
      committed: expectedCalibrationError(rows.map((r) => calibrateTopLabel(params.confidenceMap, r.p)), y),
      pooled: expectedCalibrationError(rows.map((r) => pooled.get(r)!), y),
    };
  });
}
