// A screening label an export carried for one record: ASReview's label column in CSV (label_included,
// included, ...) or its note in RIS ("ASReview_relevant"). Kept beside the Papers, not on them: a label is
// a reviewer's decision about a record, not part of the work, and it becomes a maintainer decision
// (label-decisions.ts) rather than travelling through merging with the record.
export type RecordLabel = {
  /** The imported Paper's id, as the report shows it (doi:…, <corpus>:<record id>). */
  paperId: string;
  included: boolean;
  /** The line of the record in its file, for messages. */
  line: number | null;
};
