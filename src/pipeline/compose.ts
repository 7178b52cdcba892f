import type {
  IncludedPaper,
  Paper,
  Question,
  RetrievalLog,
  ScreeningDecision,
  ScreeningReport,
  Synthesis,
  VerifiedClaim,
} from '../records/index.ts';
import { composeCounts } from './compose-counts.ts';
import { composeContradictions, composeFacetEvidence, composeGaps } from './compose-evidence.ts';
import { composeCriteria } from './compose-criteria.ts';
import { composeSummary } from './compose-summary.ts';
import { composeMethods } from './compose-methods.ts';
import { composeLimitations } from './compose-limitations.ts';
import { composeFigures } from './compose-figures.ts';
import { citableClaims } from './compose-claims.ts';

// compose(input) → the report's content, everything except the review and the history, which are
// computed from this draft afterwards (review.ts, history.ts).

export type Draft = Omit<Synthesis, 'review' | 'history'>;
export type Reference = Synthesis['references'][number];

export type ComposeInput = {
  question: Question;
  engine: string;
  /** ISO 8601 time of the synthesis run */
  generated: string;
  inputHash: string;
  retrieval: RetrievalLog[];
  bySource: Record<string, number>;
  identified: number;
  duplicates: number;
  /** merged records, every one of them screened */
  papers: Paper[];
  decisions: ScreeningDecision[];
  /** the included papers, in screening's order (includedPapers) */
  included: IncludedPaper[];
  /** how screening decided; absent for callers that screen by hand (tests) */
  screening?: ScreeningReport;
  claims: VerifiedClaim[];
  claimsDropped: number;
  references: Reference[];
};

/** The screened records screening included, in its order, each with its relevance and facets. */
export function includedPapers(papers: readonly Paper[], decisions: readonly ScreeningDecision[]): IncludedPaper[] {
  const byId = new Map(papers.map((p) => [p.id, p]));
  return decisions
    .filter((d) => d.included)
    .map((d) => {
      const paper = byId.get(d.paper);
      if (!paper) throw new Error(`screening decision names paper "${d.paper}", which is not among the screened records`);
      return { ...paper, relevance: d.relevance, facets: d.facets };
    });
}

export function compose(input: ComposeInput): Draft {
  const { question } = input;
  const included = [...input.included];
  // Most relevant first; the id breaks ties so the order never depends on the input order of equals.
  included.sort((a, b) => b.relevance - a.relevance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const { claims, dropped } = citableClaims(input.claims, included);
  const { counts, prisma, excluded } = composeCounts({
    bySource: input.bySource,
    identified: input.identified,
    duplicates: input.duplicates,
    papers: input.papers,
    decisions: input.decisions,
    included,
    claims,
    claimsDropped: input.claimsDropped + dropped,
  });
  const facetEvidence = composeFacetEvidence(question, included, claims);
  const contradictions = composeContradictions(claims);
  const gaps = composeGaps(question, claims);
  const criteria = composeCriteria(question, input.screening);

  return {
    id: question.id,
    title: question.title,
    question: question.question,
    facets: question.facets.map((f) => ({ id: f.id, label: f.label })),
    citationStyle: question.citationStyle,
    updated: input.generated.slice(0, 10),
    generated: input.generated,
    engine: input.engine,
    inputHash: input.inputHash,
    counts,
    prisma,
    retrieval: input.retrieval,
    criteria,
    papers: included,
    excluded,
    claims,
    facetEvidence,
    contradictions,
    gaps,
    summary: composeSummary({ question, papers: included, claims, facetEvidence, contradictions, counts, bySource: input.bySource }),
    limitations: composeLimitations({
      question,
      papers: included,
      screened: input.papers,
      claims,
      counts,
      bySource: input.bySource,
      retrieval: input.retrieval,
      gaps,
    }),
    methods: composeMethods({ question, retrieval: input.retrieval, bySource: input.bySource, criteria, counts, prisma, claims, screening: input.screening }),
    references: input.references,
    figures: composeFigures(included, claims),
    ...(input.screening ? { screening: input.screening } : {}),
  };
}
