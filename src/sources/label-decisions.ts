import type { RecordLabel } from './record-label.ts';

// The shape of a maintainer's screening decision (`screening.decisions` in a question file, the
// MaintainerDecision schema of the screening branch): one record named by id, include or exclude, and
// the reason shown in the report.
export type LabelDecision = { id: string; decision: 'include' | 'exclude'; reason: string };

/**
 * The labels an export carried, as maintainers' decisions: each labelled record included or excluded by
 * its id, with "label column of <file>" as the reason, so a report says where the decision came from.
 * A record labelled twice (the same work twice in one export, merged to one id) keeps its first label
 * unless a later one disagrees, when an include wins: excluding a work that a reviewer included once
 * would drop evidence silently.
 */
export function labelDecisions(labels: readonly RecordLabel[], file: string): LabelDecision[] {
  const reason = `label column of ${file}`;
  const byId = new Map<string, LabelDecision>();
  for (const label of labels) {
    const decision = label.included ? 'include' : 'exclude';
    const seen = byId.get(label.paperId);
    if (seen === undefined || decision === 'include') byId.set(label.paperId, { id: label.paperId, decision, reason });
  }
  return [...byId.values()];
}
