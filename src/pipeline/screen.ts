// Screening: one decision per paper, with the first criterion it fails and an absolute relevance score.
//
// Exported API
//   screen(papers: Paper[], question: Question): ScreeningDecision[]
//   relevanceQuery(question: Question, facets = compileFacets(question.facets)): Map<string, number>
//       the weighted BM25 query (stemmed term → weight)
//
// Criteria, checked in this order; the first that fails is the reason (PRISMA 2020 item 16b asks for one
// reason per excluded record):
//   outside-years           year known and outside screening.years (a record with no year is not excluded: we
//                           cannot say it is outside)
//   no-abstract             screening.requireAbstract and no abstract text
//   excluded-term           title or abstract mentions a screening.exclude term
//   missing-required-term   screening.require is non-empty and title + abstract mention none of its terms
//   below-relevance         relevance < screening.minRelevance
//   over-limit              passed everything, but more than screening.maxIncluded did; the most relevant are kept
//                           (ties by paper id)
// Terms match as src/text/terms.ts describes (whole words, stemmed, lower-case terms of 5+ letters as prefixes);
// facets are compiled and counted by src/text/facet-terms.ts.
//
// Relevance (in [0, 1], ABSOLUTE: a paper's score does not depend on how good the best paper of the batch is,
// so a corpus where nothing is on topic scores low everywhere instead of crowning its least bad record):
//   relevance = 0.5 · coverage + 0.5 · lexical
//   coverage  = mean over the question's facets of: 1 if a facet term is in the title, else 0.75 if facet terms
//               occur 2+ times in the abstract, 0.5 if once, else 0
//   lexical   = s / (s + K), s = BM25 (k1 1.2, b 0.75) of the title (counted twice, a simple field weight) and the
//               abstract against a weighted query: the question's distinct content terms weigh 1 each, and each
//               facet adds 1 spread over its terms; K = 0.4 · Σ weight·idf over the query terms — a document that
//               matched 40% of the query's weighted idf mass at full term-frequency saturation scores 0.5 (set by
//               screening the demo questions: lower values let single-facet papers through on vocabulary alone).
//               BM25's idf uses the screened batch as its collection, but the saturating normalisation never
//               divides by the batch's best score.
// Rounded to 3 decimals so the page, the JSON and the sort agree.
import type { Paper, Question, ScreeningDecision, ExclusionReason } from '../records/index.ts';
import { Bm25Index } from '../text/bm25.ts';
import { contentTerms } from '../text/tokens.ts';
import { analyseText, findTerms, type AnalysedText, type CompiledTerm } from '../text/terms.ts';
import { compileFacets, compileTerms, facetMentions, type CompiledFacet } from '../text/facet-terms.ts';

export const COVERAGE_WEIGHT = 0.5;
export const LEXICAL_WEIGHT = 1 - COVERAGE_WEIGHT;
export const LEXICAL_HALF = 0.4;

type Assessed = {
  paper: Paper;
  relevance: number;
  facets: string[];
  failure: { reason: ExclusionReason; detail: string } | null;
  coverageDetail: string;
};

export function screen(papers: Paper[], question: Question): ScreeningDecision[] {
  const criteria = question.screening;
  const facets = compileFacets(question.facets);
  const exclude = compileTerms(criteria.exclude);
  const require = compileTerms(criteria.require);

  const index = new Bm25Index();
  // Keyed by position: the runner passes merged papers, but a repeated id must not break screening.
  papers.forEach((p, i) => index.add({ id: String(i), text: `${p.title}\n${p.title}\n${p.abstract ?? ''}` }));
  const query = relevanceQuery(question, facets);
  let idfMass = 0;
  for (const [term, weight] of query) idfMass += weight * index.idf(term);
  const half = LEXICAL_HALF * idfMass;

  const assessed: Assessed[] = papers.map((paper, i) => {
    const title = analyseText(paper.title);
    const abstract = analyseText(paper.abstract ?? '');
    const coverage = facetCoverage(title, abstract, facets);
    const s = index.score(String(i), query);
    const lexical = half > 0 ? s / (s + half) : 0;
    const relevance = round3(COVERAGE_WEIGHT * coverage.coverage + LEXICAL_WEIGHT * lexical);
    const mentioned = coverage.facets;
    const coverageDetail = `mentions ${mentioned.length} of ${facets.length} facets${mentioned.length ? ` (${mentioned.join(', ')})` : ''}`;
    return {
      paper,
      relevance,
      facets: mentioned,
      coverageDetail,
      failure: firstFailure(paper, question, title, abstract, exclude, require, relevance, coverageDetail),
    };
  });

  const byRelevance = (a: Assessed, b: Assessed) => b.relevance - a.relevance || compareIds(a.paper.id, b.paper.id);
  const passing = assessed.filter((a) => a.failure === null).sort(byRelevance);
  passing.forEach((a, rank) => {
    if (rank >= criteria.maxIncluded) {
      a.failure = {
        reason: 'over-limit',
        detail: `relevance ${a.relevance.toFixed(3)} ranks ${rank + 1}; the review includes the ${criteria.maxIncluded} most relevant`,
      };
    }
  });

  // Order: included papers first, by relevance (highest first), then excluded ones, also by relevance; ties
  // by paper id in code-unit order.
  const included = assessed.filter((a) => a.failure === null).sort(byRelevance);
  const excluded = assessed.filter((a) => a.failure !== null).sort(byRelevance);
  return [...included, ...excluded].map((a) => ({
    paper: a.paper.id,
    included: a.failure === null,
    reason: a.failure?.reason ?? null,
    detail: a.failure?.detail ?? `${a.coverageDetail}; relevance ${a.relevance.toFixed(3)}`,
    relevance: a.relevance,
    facets: a.facets,
  }));
}

// The question's distinct content terms weigh 1 each; each facet adds weight 1 spread over its distinct terms, so
// a facet listed with nine synonyms does not outweigh a facet listed with two.
export function relevanceQuery(question: Question, facets: readonly CompiledFacet[] = compileFacets(question.facets)): Map<string, number> {
  const query = new Map<string, number>();
  for (const t of new Set(contentTerms(question.question))) query.set(t, 1);
  for (const f of facets) {
    const terms = [...new Set(f.stems)];
    for (const t of terms) query.set(t, (query.get(t) ?? 0) + 1 / terms.length);
  }
  return new Map([...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function facetCoverage(
  title: AnalysedText,
  abstract: AnalysedText,
  facets: readonly CompiledFacet[],
): { coverage: number; facets: string[] } {
  if (facets.length === 0) return { coverage: 0, facets: [] };
  const inTitle = facetMentions(title, facets);
  const inAbstract = facetMentions(abstract, facets);
  let sum = 0;
  const mentioned: string[] = [];
  facets.forEach((f, i) => {
    const n = inAbstract[i]!.count;
    const w = inTitle[i]!.count > 0 ? 1 : n >= 2 ? 0.75 : n === 1 ? 0.5 : 0;
    if (w > 0) mentioned.push(f.id);
    sum += w;
  });
  return { coverage: sum / facets.length, facets: mentioned };
}

function firstFailure(
  paper: Paper,
  question: Question,
  title: AnalysedText,
  abstract: AnalysedText,
  exclude: CompiledTerm[],
  require: CompiledTerm[],
  relevance: number,
  coverageDetail: string,
): { reason: ExclusionReason; detail: string } | null {
  const c = question.screening;
  const { from, to } = c.years ?? {};
  if (paper.year !== null && ((from !== undefined && paper.year < from) || (to !== undefined && paper.year > to))) {
    const range = from !== undefined && to !== undefined ? `${from}–${to}` : from !== undefined ? `${from} onwards` : `up to ${to}`;
    return { reason: 'outside-years', detail: `published ${paper.year}; the review covers ${range}` };
  }
  if (c.requireAbstract && (paper.abstract ?? '').trim().length === 0) {
    return { reason: 'no-abstract', detail: 'the record has no abstract' };
  }
  if (exclude.length > 0) {
    const hit = findTerms(title, exclude)[0] ?? findTerms(abstract, exclude)[0];
    if (hit) {
      const where = findTerms(title, exclude).length > 0 ? 'title' : 'abstract';
      return { reason: 'excluded-term', detail: `the ${where} mentions "${hit.text}" (excluded term "${hit.term}")` };
    }
  }
  if (require.length > 0 && findTerms(title, require).length === 0 && findTerms(abstract, require).length === 0) {
    return {
      reason: 'missing-required-term',
      detail: `neither title nor abstract mentions any of ${require.map((t) => `"${t.term}"`).join(', ')}`,
    };
  }
  if (relevance < c.minRelevance) {
    return {
      reason: 'below-relevance',
      detail: `relevance ${relevance.toFixed(3)} is below the threshold ${c.minRelevance.toFixed(2)}; ${coverageDetail}`,
    };
  }
  return null;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
