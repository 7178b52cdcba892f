import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';

// A reviewer reads the composed draft and the question, and nothing else: no shared state, no other
// reviewer's verdict, so the panel's agreement means something.
export type Reviewer = (draft: Draft, question: Question) => ReviewerReport;
