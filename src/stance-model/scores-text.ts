import { LABELS } from './model.ts';
import type { Scores } from './metrics.ts';

const pct = (v: number) => v.toFixed(3);

/** Human-readable benchmark figures; the JSON line after them is for machines. */
export function formatScores(scores: Scores, heading: string): string[] {
  const lines = [
    heading,
    `pairs            ${scores.n}`,
    `accuracy         ${pct(scores.accuracy)}`,
    `macro-F1         ${pct(scores.macro_f1)}`,
    `ECE (15 bins)    ${pct(scores.ece)}`,
    '',
    'class       precision  recall  F1     support',
  ];
  for (const label of LABELS) {
    const c = scores.per_class[label];
    lines.push(
      `${label.padEnd(12)}${pct(c.precision).padEnd(11)}${pct(c.recall).padEnd(8)}${pct(c.f1).padEnd(7)}${c.support}`,
    );
  }
  return lines;
}

/** The last line a benchmark prints: one JSON object, figures rounded to 4 decimals. */
export function scoresJson(scores: Scores, extra: Record<string, unknown> = {}): string {
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  const perClass = Object.fromEntries(
    LABELS.map((l) => {
      const c = scores.per_class[l];
      return [l, { precision: r(c.precision), recall: r(c.recall), f1: r(c.f1), support: c.support }];
    }),
  );
  return JSON.stringify({
    n: scores.n,
    accuracy: r(scores.accuracy),
    macro_f1: r(scores.macro_f1),
    ece: r(scores.ece),
    per_class: perClass,
    ...extra,
  });
}
