// The lines npm run bench:screen prints for one dataset, and the JSON object of its figures.
//
// Exported API
//   benchLines(bench: ScreeningBench, timing: { seconds: number; cpuSeconds: number }): string[]
//   benchJson(bench: ScreeningBench, extra?: Record<string, unknown>): Record<string, unknown>
import type { ScreeningBench } from './screening-benchmark.ts';

export function benchLines(b: ScreeningBench, timing: { seconds: number; cpuSeconds: number }): string[] {
  const z = b.zeroShot;
  const out = [
    `records           ${z.records} labelled (${z.labelledIncluded} included); ${b.papers} papers after merging ${b.duplicates} duplicates`,
    `screened in       ${timing.seconds.toFixed(2)} s (${timing.cpuSeconds.toFixed(2)} s CPU)`,
    `cut-off           relevance ${b.report.rule.cutOff.toFixed(3)} (${b.report.rule.method}; ${b.report.rule.groups.map((g) => `${g.group} ${g.included}/${g.records}`).join(', ')})`,
    `included          ${z.included}`,
    `recall            ${fixed(z.recall)}`,
    `precision         ${fixed(z.precision)}`,
  ];
  if (z.precisionRelevant !== null) out.push(`precision (relevant) ${fixed(z.precisionRelevant)}   included records the labels call at least partly relevant`);
  out.push(`WSS@95 (ranking)  ${fixed(z.wss95)} (k95 = ${z.k95 ?? '—'}; recall@${Object.entries(z.recallAt).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', @')})`);
  const missed = Object.entries(z.missedByReason).sort((a, b) => b[1] - a[1]);
  if (missed.length) out.push(`missed by reason  ${missed.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  if (b.report.gaps.length) out.push(`facet gaps        ${b.report.gaps.join(', ')}`);
  if (b.unknownLabels.length) out.push(`unknown labels    ${b.unknownLabels.length} label ids name no record (first: ${b.unknownLabels[0]})`);
  if (b.unlabelledPapers) out.push(`unlabelled        ${b.unlabelledPapers} papers have no label (not counted)`);
  const s = b.withLabels;
  if (s) {
    out.push(
      `with labels       the ranker asks, the labels answer (${s.papers} papers, ${s.inclusions} inclusions, ${s.refits} refits)`,
      `  recall after    ${Object.entries(s.recallAfter).map(([k, v]) => `${k}: ${v.toFixed(3)}`).join(', ')} labels`,
      `  WSS@95          ${fixed(s.wss95)} (k95 = ${s.k95 ?? '—'})`,
    );
  }
  const i = b.ignoringLabels;
  if (i) {
    out.push(
      `labels ignored    the same replay, the ranker never learning from the decisions (the baseline for "with labels")`,
      `  recall after    ${Object.entries(i.recallAfter).map(([k, v]) => `${k}: ${v.toFixed(3)}`).join(', ')} labels`,
      `  WSS@95          ${fixed(i.wss95)} (k95 = ${i.k95 ?? '—'})`,
    );
  }
  return out;
}

export function benchJson(b: ScreeningBench, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const z = b.zeroShot;
  return {
    ...extra,
    question: b.question,
    records: z.records,
    labelled_included: z.labelledIncluded,
    included: z.included,
    recall: z.recall,
    precision: z.precision,
    ...(z.precisionRelevant !== null ? { precision_relevant: z.precisionRelevant } : {}),
    wss95: z.wss95,
    k95: z.k95,
    missed_by_reason: z.missedByReason,
    cut_off: b.report.rule.cutOff,
    gaps: b.report.gaps,
    with_labels: b.withLabels ? { recall_after: b.withLabels.recallAfter, wss95: b.withLabels.wss95, k95: b.withLabels.k95 } : null,
    labels_ignored: b.ignoringLabels ? { recall_after: b.ignoringLabels.recallAfter, wss95: b.ignoringLabels.wss95, k95: b.ignoringLabels.k95 } : null,
  };
}

function fixed(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}
