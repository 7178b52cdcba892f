import type { Claim, Evidence, IncludedPaper, Question, Stance, Verdict, VerifiedClaim } from '../records/index.ts';
import { sharesAnAuthor } from '../identity/index.ts';
import { Bm25Index } from '../text/bm25.ts';
import { compileFacets } from '../text/facet-terms.ts';
import { splitSentences } from '../text/sentences.ts';
import { contentTerms } from '../text/tokens.ts';
import { stanceProbabilities, verifierName, type StanceProbabilities } from '../stance-model/classify.ts';
import { evidenceStance, MIN_PROBABILITY } from '../stance-model/evidence-stance.ts';
import { supportCheck, topicStats, type SupportCheck, type TopicDocument } from '../stance-model/specificity.ts';

// Verification stage: for each claim, check its quote and citation, find candidate evidence among the
// sentences of the OTHER included papers (BM25 on the claim's content terms plus its facet's terms), give each
// candidate a calibrated stance from the lexical verifier (src/stance-model/), let it take a side only when it speaks
// to the claim's specific finding (src/stance-model/specificity.ts), and aggregate a verdict.

/** Candidates scored by the stance model per claim (BM25's top hits from other papers). */
const CANDIDATES = 20;
/** Evidence items kept per claim. */
export const KEEP = 5;
/** How much the best evidence on one side must outweigh the best on the other. */
const MARGIN = 0.1;

type Sentence = { id: string; paper: string; text: string; start: number; end: number };

export type Scored = Evidence & { probabilities: StanceProbabilities };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every abstract sentence of the included papers, BM25-indexed, each named `<paper id>#<position>`. */
export function sentenceIndex(papers: readonly IncludedPaper[]): { index: Bm25Index; sentences: Map<string, Sentence> } {
  const index = new Bm25Index();
  const sentences = new Map<string, Sentence>();
  for (const paper of papers) {
    if (!paper.abstract) continue;
    splitSentences(paper.abstract).forEach((s, i) => {
      // Zero-padded so the index's id tie-break follows sentence order within a paper.
      const id = `${paper.id}#${String(i).padStart(4, '0')}`;
      sentences.set(id, { id, paper: paper.id, text: s.text, start: s.start, end: s.end });
      index.add({ id, text: s.text });
    });
  }
  return { index, sentences };
}

function checksFor(claim: Claim, byId: ReadonlyMap<string, IncludedPaper>): VerifiedClaim['verification']['checks'] {
  const paper = byId.get(claim.paper);
  const source = paper === undefined ? null : claim.quote.field === 'title' ? paper.title : paper.abstract;
  return {
    quoteVerbatim: source !== null && source.slice(claim.quote.start, claim.quote.end) === claim.quote.text,
    paperIncluded: paper !== undefined,
  };
}

/**
 * Non-neutral evidence first (it is what a verdict rests on), each side by score; then paper id and offset
 * so equal scores keep a stable order.
 */
export function byStrength(a: Scored, b: Scored): number {
  const rank = (e: Scored) => (e.stance === 'neutral' ? 1 : 0);
  return rank(a) - rank(b) || b.score - a.score || cmp(a.paper, b.paper) || a.start - b.start;
}

export function aggregate(evidence: readonly Scored[], checksPass: boolean): { verdict: Verdict; confidence: number } {
  const best = (stance: Stance) =>
    Math.max(0, ...evidence.filter((e) => e.stance === stance).map((e) => e.score));
  const s = best('supports');
  const c = best('contradicts');
  // A claim whose quote or citation fails its check is never supported: there is nothing verified to support.
  if (checksPass && s >= MIN_PROBABILITY && s >= c + MARGIN) return { verdict: 'supported', confidence: s };
  if (c >= MIN_PROBABILITY && c >= s + MARGIN) return { verdict: 'contradicted', confidence: c };
  // Insufficient: the confidence is the probability that no retrieved sentence takes a side. The stance
  // scores above are zeroed for sentences the support checks rule out, so the calibrated model's own
  // probability of support or contradiction is used too; without it every such claim read "100% sure".
  const sided = Math.max(0, ...evidence.map((e) => Math.max(e.probabilities.supports, e.probabilities.contradicts)));
  return { verdict: 'insufficient', confidence: 1 - Math.max(s, c, sided) };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * `ranked`: every screened record of the question, most relevant first (screening's rank); the support gate's
 * topic statistics are read from it, so that they do not move with how many papers screening includes. Without
 * it, the included papers in the order given.
 */
export function verify(claims: Claim[], papers: IncludedPaper[], question: Question, ranked: readonly TopicDocument[] = papers): VerifiedClaim[] {
  return verifyWithCandidates(claims, papers, question, ranked).verified;
}

/**
 * The same, also handing back every candidate each claim's evidence was chosen from (in claim order, strongest
 * first, the kept ones leading), so a language model can judge more of them than the page shows
 * (src/pipeline/llm-stance.ts). `verified` is exactly what verify() returns.
 */
export function verifyWithCandidates(
  claims: Claim[],
  papers: IncludedPaper[],
  question: Question,
  ranked: readonly TopicDocument[] = papers,
): { verified: VerifiedClaim[]; candidates: Scored[][] } {
  const candidates: Scored[][] = [];
  const byId = new Map(papers.map((p) => [p.id, p]));
  const { index, sentences } = sentenceIndex(papers);
  const facetStems = new Map(compileFacets(question.facets).map((f) => [f.id, f.stems]));
  const verifier = verifierName();
  // Topic statistics over the review's most relevant records: what they all talk about is topic, not a claim's
  // specific content.
  const stats = topicStats(papers, ranked);
  // The support gate for one claim and one sentence of another paper; evidence from a paper by any of the claim's
  // authors cannot corroborate it (src/identity/shared-authors.ts): one group saying it again is one finding.
  const check = (claim: Claim, text: string, paper: string): SupportCheck => {
    const x = byId.get(claim.paper);
    const y = byId.get(paper);
    const gate = supportCheck(claim.text, text, stats, claim.paper, paper);
    return x !== undefined && y !== undefined && sharesAnAuthor(x, y) ? { ...gate, blocked: 'same-authors' } : gate;
  };
  // Each group's members, in claim order: a claim meets its near-duplicates without a pass over every claim.
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    if (c.group === null) continue;
    const members = groups.get(c.group);
    if (members) members.push(c);
    else groups.set(c.group, [c]);
  }

  const verified = claims.map((claim) => {
    const checks = checksFor(claim, byId);
    const query = [...contentTerms(claim.text), ...(claim.facet === null ? [] : (facetStems.get(claim.facet) ?? []))];
    const scored: Scored[] = [];
    const seen = new Set<string>();

    // Near-duplicates of this claim in other papers state the same finding: they count as support, scored by
    // the verifier's probability that the duplicate does not contradict the claim.
    if (claim.group !== null) {
      for (const other of groups.get(claim.group) ?? []) {
        if (other.paper === claim.paper || other.id === claim.id) continue;
        const key = `${other.paper}|${other.quote.field}|${other.quote.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const probabilities = stanceProbabilities(claim.text, other.quote.text);
        // Grouping is lexical too: a "duplicate" about another paper's own system states that system's result.
        const blocked = check(claim, other.quote.text, other.paper).blocked;
        scored.push({
          paper: other.paper,
          quote: other.quote.text,
          field: other.quote.field,
          start: other.quote.start,
          end: other.quote.end,
          stance: blocked === null ? 'supports' : 'neutral',
          score: round(blocked === null ? 1 - probabilities.contradicts : probabilities.neutral),
          probabilities,
        });
      }
    }

    const hits = index.search(query, { keep: (id) => sentences.get(id)?.paper !== claim.paper, limit: CANDIDATES });
    for (const hit of hits) {
      const sentence = sentences.get(hit.id)!;
      const key = `${sentence.paper}|abstract|${sentence.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const probabilities = stanceProbabilities(claim.text, sentence.text);
      const { stance, score } = evidenceStance(probabilities, check(claim, sentence.text, sentence.paper));
      scored.push({
        paper: sentence.paper,
        quote: sentence.text,
        field: 'abstract',
        start: sentence.start,
        end: sentence.end,
        stance,
        score: round(score),
        probabilities,
      });
    }

    candidates.push(scored.sort(byStrength));
    const kept = scored.slice(0, KEEP);
    const { verdict, confidence } = aggregate(kept, checks.quoteVerbatim && checks.paperIncluded);
    const evidence: Evidence[] = kept.map(({ paper, quote, field, start, end, stance, score }) => ({
      paper,
      quote,
      field,
      start,
      end,
      stance,
      score,
    }));
    return { ...claim, verification: { claim: claim.id, verdict, confidence: round(confidence), evidence, checks, verifier } };
  });
  return { verified, candidates };
}
