// Builds review drafts from real corpus records by running compose() on hand-made screening decisions and
// verified claims, for as long as the screen/claims/verify stages are not there to produce them. The papers,
// quotes and evidence are real text from corpora/; the verdicts, confidences and scores are chosen per test
// case and say so where they are used.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Paper, Question, ScreeningDecision, Stance, Verdict, VerifiedClaim } from '../../src/records/index.ts';
import { Question as QuestionSchema } from '../../src/records/index.ts';
import { compose, includedPapers, type Draft } from '../../src/pipeline/compose.ts';
import { facetsMentioned } from '../../src/text/facet-terms.ts';
import { paperText, questionTerms } from '../../src/pipeline/reviewers/question-terms.ts';
import { sentenceOf } from './corpus-papers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function loadQuestion(id: string): Question {
  return QuestionSchema.parse({ ...parse(readFileSync(`${root}questions/${id}.yaml`, 'utf8')), id });
}

export type ClaimSpec = {
  paper: Paper;
  fragment: string;
  facet: string | null;
  verdict: Verdict;
  confidence: number;
  evidence?: { paper: Paper; fragment: string; stance: Stance; score: number }[];
};

export const GENERATED = '2026-11-26T02:00:00Z';

export function makeClaim(question: Question, spec: ClaimSpec): VerifiedClaim {
  const s = sentenceOf(spec.paper, spec.fragment);
  const id = createHash('sha256').update(`${spec.paper.id}\n${s.text}`).digest('hex').slice(0, 16);
  return {
    id,
    question: question.id,
    paper: spec.paper.id,
    text: s.text,
    quote: { text: s.text, field: 'abstract', start: s.start, end: s.end },
    facet: spec.facet,
    worthiness: 0.7,
    hedged: false,
    group: null,
    method: 'test-fixture',
    verification: {
      claim: id,
      verdict: spec.verdict,
      confidence: spec.confidence,
      evidence: (spec.evidence ?? []).map((e) => {
        const q = sentenceOf(e.paper, e.fragment);
        return { paper: e.paper.id, quote: q.text, field: 'abstract' as const, start: q.start, end: q.end, stance: e.stance, score: e.score };
      }),
      checks: { quoteVerbatim: true, paperIncluded: true },
      verifier: 'test-fixture',
    },
  };
}

export function buildDraft(input: {
  question: Question;
  included: Paper[];
  excluded?: { paper: Paper; reason: NonNullable<ScreeningDecision['reason']> }[];
  duplicates?: number;
  claims: ClaimSpec[];
  claimsDropped?: number;
}): Draft {
  const { question, included } = input;
  const excluded = input.excluded ?? [];
  const duplicates = input.duplicates ?? 0;
  const papers = [...included, ...excluded.map((e) => e.paper)];
  const bySource: Record<string, number> = {};
  for (const p of papers) for (const s of p.sources) bySource[s] = (bySource[s] ?? 0) + 1;
  // Duplicates were returned by a source too; charge them to the first source so the PRISMA sums hold.
  const first = Object.keys(bySource).sort()[0];
  if (first && duplicates) bySource[first] = (bySource[first] ?? 0) + duplicates;
  const facets = questionTerms(question).facets;
  const decisions: ScreeningDecision[] = [
    ...included.map((p, i) => ({
      paper: p.id,
      included: true,
      reason: null,
      detail: null,
      relevance: Math.round((0.9 - i * 0.05) * 100) / 100,
      facets: facetsMentioned(paperText(p), facets),
    })),
    ...excluded.map((e) => ({ paper: e.paper.id, included: false, reason: e.reason, detail: null, relevance: 0.1, facets: [] })),
  ];
  return compose({
    question,
    engine: 'sift 0.1.0',
    generated: GENERATED,
    inputHash: 'test',
    retrieval: Object.keys(bySource).sort().map((source) => ({
      source,
      query: null,
      params: { path: `corpora/${source}.csl.json` },
      time: GENERATED,
      outcome: 'ok' as const,
      status: null,
      count: bySource[source] ?? 0,
      cacheHit: false,
      message: null,
    })),
    bySource,
    identified: papers.length + duplicates,
    duplicates,
    papers,
    decisions,
    included: includedPapers(papers, decisions),
    claims: input.claims.map((c) => makeClaim(question, c)),
    claimsDropped: input.claimsDropped ?? 0,
    references: included.map((p) => ({
      paper: p.id,
      text: `${p.authors.map((a) => a.family).join(', ')} (${p.year ?? 'n.d.'}). ${p.title}.`,
      citation: `${p.authors[0]?.family ?? 'Anonymous'}, ${p.year ?? 'n.d.'}`,
    })),
  });
}
