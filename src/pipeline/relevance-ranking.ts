// Ranks every screened record by how likely it is to be relevant to the question: from the question's own words
// first, then from what the best-matching records have in common (pseudo-relevance feedback), and, when
// maintainers have decided some records, from their decisions.
//
// Exported API
//   type RankingBasis                      what is computed once per screening (terms, TF-IDF, question scores)
//   rankingBasis(terms, question, readings, gaps): RankingBasis        terms: src/text/record-text.ts recordTerms
//   rankRecords(basis, labels = new Map()): number[]
//       one score per record (higher = more likely relevant), standardised over the batch. labels: record index →
//       true (maintainers include) / false (exclude)
//   relevanceQuery(question, facets): Map<string, number>      the weighted BM25 query (stemmed term → weight)
//
// The score, in three steps (every weight below was chosen on the development reviews in ../shared/data/screening/,
// never on the demo questions):
// 1. Question score: facet coverage (src/pipeline/facet-coverage.ts: required facets and any aspect) plus
//    BM25_WEIGHT × the record's BM25 score against the question's words and facet terms, divided by the batch's
//    best BM25 score. Coverage decides; BM25 orders records of equal coverage by how much of the question's
//    vocabulary they use.
// 2. Relevance feedback, twice. The top FEEDBACK_TOP[0] of records by question score are taken as relevant and the
//    bottom FEEDBACK_BOTTOM as not; two linear models learn that split from TF-IDF vectors (src/text/tfidf.ts):
//    Rocchio's centroid difference and multinomial naive Bayes (src/text/relevance-models.ts). Their standardised
//    scores are added, and the second round learns again from the top FEEDBACK_TOP[1] of that ranking. Feedback
//    finds the vocabulary the relevant records share but the question did not name (drug names in a review of
//    antidepressant studies, "decision support" in a review of nudges); on the development reviews it lifts WSS@95
//    of the ranking from 0.31 and 0.15 to about 0.7 and 0.6.
// 3. Zero-shot score = feedback score + QUESTION_WEIGHT × standardised question score, so the question's own words
//    keep a say.
// 4. With maintainers' decisions (at least one inclusion and one exclusion): logistic regression on the decided
//    records' TF-IDF vectors, with the zero-shot score as an offset whose weight is learnt too (L2 penalty LABEL_L2
//    on the word weights, classes balanced). A few decisions nudge the zero-shot ranking; many can overrule it.
//    What it buys, replaying the development reviews' labels (npm run bench:screen, WSS@95 of the reading order,
//    Nagtegaal / Bannach-Brown): 0.743 / 0.627 against 0.739 / 0.625 for the same replay with a ranker that ignores
//    the decisions: next to nothing, and nothing tried does better on both (issue 11, Dec 2026; each figure is the
//    whole replay with that model in place of this step):
//    - this model fitted to convergence (L-BFGS, L2 1): 0.742 / 0.623; L2 0.1 and 300 unlabelled records of the
//      bottom half as presumed exclusions (Cormack & Grossman's continuous active learning): 0.754 / 0.611;
//    - ASReview's models on the decisions alone: multinomial naive Bayes with alpha 3.822 and balanced weights of
//      ratio 1.2 (ELAS u3) 0.724 / 0.540, refitted after every decision 0.740 / 0.554; alpha 1 0.736 / 0.472; ratio 9.8
//      0.421 / 0.328; linear SVM, squared hinge, C 0.11, ratio 9.8 (ELAS u4) 0.703 / 0.536;
//    - those models added to the zero-shot score: naive Bayes with weight 1 0.711 / 0.572, √(inclusions) 0.735 /
//      0.587, 0.25 0.742 / 0.591; the SVM with the zero-shot score as one more feature 0.749 / 0.627; reciprocal rank
//      fusion with naive Bayes 0.753 / 0.510; Rocchio on the decisions (β 1, γ 0.5) 0.677 / 0.531; mean similarity
//      to the 10 nearest included records minus to the 10 nearest excluded 0.666 / 0.557;
//    - the decisions as feedback labels beside the pseudo-labels of step 2: 0.697 / 0.629; a few dense features
//      (facet strengths, title-only, question score) beside the zero-shot score: 0.739 / 0.612; learning from the
//      decisions how to interleave title-only and other records: 0.717-0.752 / 0.546-0.662 as its
//      penalty moves (noise);
//    - title-only records ordered by the same model learnt from the decided records' titles and keywords: 0.742 /
//      0.665, but it orders the undecided title-only records of Bannach-Brown worse than the zero-shot ranking does
//      (pairwise, inclusions above exclusions, after 150 / 300 decisions: 0.73 / 0.69 against 0.77 / 0.71); its gain is
//      three title-only inclusions read before rank 600, and L2 0.5 instead of 1 gives 0.621: chance;
//    - bigrams, author names or publication years as features, and refitting after every decision instead of after
//      batches: no gain.
//    How large chance is: the zero-shot replay with its scores moved by noise of 0.05 standard deviations (no
//    information) gives WSS@95 0.717-0.747 / 0.607-0.657 over 10 seeds. Differences under about 0.03 are noise.
//    Why: the decisions a replay collects are the top of the zero-shot ranking, whose exclusions are near misses
//    that teach little about the rest, and the zero-shot ranking is itself a text classifier (step 2). Even with
//    80 % of all labels known (5-fold cross-fitting, read in the page's order) these models reach 0.70-0.75 on
//    Nagtegaal and 0.55-0.64 on Bannach-Brown, against the zero-shot 0.739 / 0.625. On Bannach-Brown, 95 % recall
//    allows 14 of its 280 inclusions to be missed and 12 lie beyond rank 700 of the zero-shot ranking, most of them
//    records no text model can connect to the question ("The fluxes of CO2 from grazed and fenced temperate
//    steppe…", "The effect of amphetamine and tyramine on the guinea-pig urinary bladder"; its source paper reports
//    screening errors), so its WSS@95 is set by title-only records such as "Attachment, loss, and depression" around
//    rank 600-650.
import type { Question } from '../records/index.ts';
import { Bm25Index } from '../text/bm25.ts';
import { contentTerms } from '../text/tokens.ts';
import { compileFacets, type CompiledFacet } from '../text/facet-terms.ts';
import { tfidfSpace, type TfidfSpace } from '../text/tfidf.ts';
import { naiveBayes, offsetLogistic, rocchio, score, scoreWithOffset, standardised } from '../text/relevance-models.ts';
import { coverage, type FacetReading } from './facet-coverage.ts';

export const BM25_WEIGHT = 0.2;
export const FEEDBACK_TOP = [0.1, 0.2] as const;
export const FEEDBACK_BOTTOM = 0.8;
export const QUESTION_WEIGHT = 0.5;
export const LABEL_L2 = 1;

export type RankingBasis = {
  space: TfidfSpace;
  /** step 1, one per record */
  questionScore: number[];
};

export function rankingBasis(
  terms: readonly (readonly string[])[],
  question: Question,
  readings: readonly FacetReading[],
  gaps: ReadonlySet<number>,
): RankingBasis {
  const facets = compileFacets(question.facets);
  const roles = question.facets.map((f) => f.role);
  const index = new Bm25Index();
  // Keyed by position: a repeated id must not break screening.
  terms.forEach((t, i) => index.addTerms(String(i), t));
  const query = relevanceQuery(question, facets);
  const bm25 = terms.map((_, i) => index.score(String(i), query));
  const best = Math.max(0, ...bm25);
  const questionScore = readings.map((r, i) => coverage(r.strengths, roles, gaps) + (best > 0 ? (BM25_WEIGHT * bm25[i]!) / best : 0));
  return { space: tfidfSpace(terms), questionScore };
}

export function rankRecords(basis: RankingBasis, labels: ReadonlyMap<number, boolean> = new Map()): number[] {
  const question = standardised(basis.questionScore);
  let ranking = question;
  for (const top of FEEDBACK_TOP) ranking = feedback(basis.space, ranking, top);
  const zeroShot = standardised(ranking.map((s, i) => s + QUESTION_WEIGHT * question[i]!));
  const decided = [...labels.entries()].sort((a, b) => a[0] - b[0]);
  if (!decided.some(([, y]) => y) || !decided.some(([, y]) => !y)) return zeroShot;
  // The maintainers' decisions: logistic regression on the decided records' TF-IDF vectors with the zero-shot score
  // as an offset, so a few decisions correct the ranking and many can overrule it.
  const model = offsetLogistic(
    decided.map(([i]) => basis.space.vectors[i]!),
    decided.map(([i]) => zeroShot[i]!),
    decided.map(([, y]) => (y ? 1 : 0)),
    basis.space.size,
    { l2: LABEL_L2 },
  );
  return standardised(basis.space.vectors.map((v, i) => scoreWithOffset(model, v, zeroShot[i]!)));
}

// One round of feedback: pseudo-labels from the ranking, the maintainers' labels where they exist.
function feedback(space: TfidfSpace, ranking: readonly number[], topShare: number): number[] {
  const n = ranking.length;
  const order = ranking.map((_, i) => i).sort((a, b) => ranking[b]! - ranking[a]! || a - b);
  const top = Math.max(1, Math.round(topShare * n));
  const bottomFrom = Math.min(n, Math.round((1 - FEEDBACK_BOTTOM) * n));
  const chosen: number[] = [];
  const y: number[] = [];
  order.forEach((i, rank) => {
    if (rank < top) {
      chosen.push(i);
      y.push(1);
    } else if (rank >= bottomFrom) {
      chosen.push(i);
      y.push(0);
    }
  });
  if (!y.includes(1) || !y.includes(0)) return [...ranking];
  return twoModels(space, chosen, y);
}

// Rocchio and naive Bayes learnt from the chosen records, their standardised scores added.
function twoModels(space: TfidfSpace, chosen: readonly number[], y: readonly number[]): number[] {
  const vectors = chosen.map((i) => space.vectors[i]!);
  const bayes = naiveBayes(vectors, y, space.size);
  const b = standardised(space.vectors.map((v) => score(bayes, v)));
  const centroid = rocchio(vectors, y, space.size);
  const a = standardised(space.vectors.map((v) => score(centroid, v)));
  return a.map((s, i) => s + b[i]!);
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
