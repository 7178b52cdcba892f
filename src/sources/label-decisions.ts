import type { MaintainerDecision, Question } from '../records/index.ts';
import type { RecordLabel } from './record-label.ts';

// A maintainer's screening decision (`screening.decisions` in a question file) named by id.
export type LabelDecision = MaintainerDecision & { id: string };

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

/**
 * The question as screening sees it: the decisions its corpora's label columns carry first, the question
 * file's own after them, so that where both name a record the file wins (matchDecisions: the later wins).
 */
export function withLabelDecisions(question: Question, labelled: readonly LabelDecision[]): Question {
  if (labelled.length === 0) return question;
  return { ...question, screening: { ...question.screening, decisions: [...labelled, ...question.screening.decisions] } };
}
