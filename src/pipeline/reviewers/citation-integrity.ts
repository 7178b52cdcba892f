import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';
import { addressesQuestion, paperText, questionTerms } from './question-terms.ts';
import { atLeast, fraction } from './score-scale.ts';

// Reviewer 3 — does every citation resolve, and does the summary combine several relevant papers? Follows
// each summary sentence to the claims and papers it cites, each claim to its paper and each paper to its
// reference, then counts how many distinct on-topic papers the summary draws on, per facet and overall.
// Scores correctness (of citations) and integration.
export function citationIntegrity(draft: Draft, question: Question): ReviewerReport {
  const reasons: string[] = [];
  const papers = new Set(draft.papers.map((p) => p.id));
  const claims = new Map(draft.claims.map((c) => [c.id, c]));
  const referenced = new Set(draft.references.map((r) => r.paper));
  const problems: string[] = [];

  const statesSomething = (kind: string) => kind === 'finding' || kind === 'single-study' || kind === 'contradiction';
  const stated = draft.summary.filter((s) => statesSomething(s.kind));
  for (const [i, s] of draft.summary.entries()) {
    if (statesSomething(s.kind) && s.claims.length === 0) problems.push(`summary sentence ${i + 1} states a ${s.kind} without citing a claim`);
    for (const id of s.claims) {
      const c = claims.get(id);
      if (!c) problems.push(`summary sentence ${i + 1} cites claim ${id}, which is not in the report`);
      else if (!s.papers.includes(c.paper)) problems.push(`summary sentence ${i + 1} cites claim ${id} without its paper ${c.paper}`);
    }
    for (const p of s.papers) if (!papers.has(p)) problems.push(`summary sentence ${i + 1} cites paper ${p}, which is not included`);
  }
  for (const c of draft.claims) if (!papers.has(c.paper)) problems.push(`claim ${c.id} cites paper ${c.paper}, which is not included`);
  const unreferenced = draft.papers.filter((p) => !referenced.has(p.id)).length;
  if (unreferenced) problems.push(`${unreferenced} included paper${unreferenced === 1 ? ' has' : 's have'} no formatted reference`);

  let correctness: number;
  if (stated.length === 0) {
    // Nothing cited is nothing wrong, but nothing a reader can check either: below the middle of the scale.
    correctness = problems.length ? 1 : 2;
    reasons.push('The summary states no finding, so there is no citation to check.');
  } else {
    correctness = problems.length === 0 ? 5 : problems.length <= Math.ceil(stated.length / 10) ? 3 : 1;
    reasons.push(`${stated.length} summary sentence${stated.length === 1 ? ' states' : 's state'} findings or contradictions; ${problems.length} citation problem${problems.length === 1 ? '' : 's'} found.`);
  }
  for (const p of problems.slice(0, 5)) reasons.push(`Citation problem: ${p}.`);

  // Integration: how far the summary brings papers together. Single-study findings set side by side are
  // not integrated; a corroborated finding joins its paper with the papers that support it, a contradiction
  // joins two. Counted: distinct relevant papers so joined, facets where two or more are joined, and the
  // share of all claims weighed against another included paper with a side taken.
  const byId = new Map(draft.papers.map((p) => [p.id, p]));
  const terms = questionTerms(question);
  const relevant = (id: string) => {
    const p = byId.get(id);
    return p !== undefined && addressesQuestion(paperText(p), terms);
  };
  const joined = (s: (typeof stated)[number]): string[] => {
    if (s.kind === 'contradiction') return s.papers;
    if (s.kind !== 'finding') return [];
    const sides = s.claims.flatMap((id) => claims.get(id)?.verification.evidence.filter((e) => e.stance === 'supports').map((e) => e.paper) ?? []);
    return [...s.papers, ...sides];
  };
  const cited = new Set(stated.flatMap(joined).filter(relevant));
  const combined = question.facets.filter((f) => new Set(stated.filter((s) => s.facet === f.id).flatMap(joined).filter(relevant)).size >= 2);
  const corroborated = draft.claims.filter((c) =>
    c.verification.evidence.some((e) => e.paper !== c.paper && e.stance !== 'neutral'),
  ).length;
  const integration = Math.round(
    (atLeast(cited.size, [2, 3, 5, 8]) +
      atLeast(combined.length / question.facets.length, [0.2, 0.4, 0.6, 0.8]) +
      atLeast(draft.claims.length ? corroborated / draft.claims.length : 0, [0.05, 0.1, 0.2, 0.4])) /
      3,
  );
  reasons.push(
    `The summary's corroborated and contested findings join ${cited.size} distinct included paper${cited.size === 1 ? '' : 's'} that address the question; ` +
      `${combined.length} of ${question.facets.length} facets join two or more of them.`,
  );
  reasons.push(`${fraction(corroborated, draft.claims.length)} claims are weighed against another included paper that takes a side (supports or contradicts).`);
  return {
    name: 'Citation integrity',
    focus: 'whether every citation resolves and how many relevant papers the summary brings together',
    criteria: { correctness, integration },
    reasons,
  };
}
