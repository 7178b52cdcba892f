import type { Counts, FacetEvidence, IncludedPaper, Question, SummarySentence, Synthesis, VerifiedClaim } from '../records/index.ts';
import { contradictionsJudgedByModel } from '../records/index.ts';
import { namesIn } from './reviewers/question-names.ts';
import { compileFacets, mentionsAny } from '../text/facet-terms.ts';

type Contradiction = Synthesis['contradictions'][number];

// How many claims the summary states per facet: enough to answer the facet, few enough to stay a summary.
const FINDINGS_PER_FACET = 3;
// When fewer claims than this on a facet are corroborated, the strongest uncorroborated ones are stated
// too, labelled as resting on a single study: most findings in a young literature are reported once, and
// a summary that showed only corroborated ones would hide what the papers say.
const STATED_PER_FACET = 2;
const CONTRADICTIONS_PER_FACET = 2;
// Claims with no facet still answer the question; the strongest few are stated after the facets.
const UNFACETED_FINDINGS = 2;

const VERDICT_RANK = { supported: 0, insufficient: 1, contradicted: 2 } as const;

// The summary answers the question facet by facet in the question's order. Every finding quotes the claim
// whole and attributes it to its paper: the summary never says more than a paper's own words (design §4).
export function composeSummary(input: {
  question: Question;
  papers: readonly IncludedPaper[];
  claims: readonly VerifiedClaim[];
  facetEvidence: readonly FacetEvidence[];
  contradictions: readonly Contradiction[];
  counts: Counts;
  bySource: Record<string, number>;
}): SummarySentence[] {
  const { question, claims, counts } = input;
  const papers = new Map(input.papers.map((p) => [p.id, p]));
  const claimById = new Map(claims.map((c) => [c.id, c]));
  // A claim another included paper contradicts is contested, whatever its verdict: the verdict weighs the strongest
  // sentence each way, and calling it corroborated would hide the paper that says the opposite. It is stated once,
  // with the contradiction, among the facet's contested findings.
  const contested = new Set(input.contradictions.map((x) => x.claim));
  const out: SummarySentence[] = [overview(counts, input.bySource, contradictionsJudgedByModel(claims), contested.size)];
  const compiled = new Map(compileFacets(question.facets).map((f) => [f.id, f.terms]));

  for (const facet of question.facets) {
    const ranked = rank(claims.filter((c) => c.facet === facet.id));
    const supportedAll = distinct(ranked.filter((c) => c.verification.verdict === 'supported'));
    if (supportedAll.length === 0) {
      const ev = input.facetEvidence.find((e) => e.facet === facet.id);
      out.push(gap(facet.id, inSentence(facet.label, question), ev?.papers ?? 0, ranked.length));
    }
    const supported = supportedAll.filter((c) => !contested.has(c.id)).slice(0, FINDINGS_PER_FACET);
    for (const c of supported) out.push(finding(c, facet.id));
    // A single-study finding stands for the facet only if the sentence itself speaks of it: a claim's facet
    // may come from its paper as a whole, and nothing else vouches for an uncorroborated sentence.
    const single = distinct(
      ranked.filter(
        (c) => c.verification.verdict === 'insufficient' && c.verification.checks.quoteVerbatim && mentionsAny(c.text, compiled.get(facet.id)!),
      ),
    )
      .filter((c) => !supported.some((x) => x.group !== null && x.group === c.group))
      .slice(0, Math.max(0, STATED_PER_FACET - supported.length));
    for (const c of single) out.push(singleStudy(c, facet.id));
    // The strongest contradiction of each contested claim (the list is strongest first), one claim per sentence.
    const against: Contradiction[] = [];
    for (const x of input.contradictions) {
      if (against.length === CONTRADICTIONS_PER_FACET) break;
      if (claimById.get(x.claim)?.facet === facet.id && !against.some((y) => y.claim === x.claim)) against.push(x);
    }
    for (const x of against) {
      const c = claimById.get(x.claim);
      if (c) out.push(contradiction(c, x, papers, facet.id));
    }
  }
  const unfaceted = distinct(rank(claims.filter((c) => c.facet === null && c.verification.verdict === 'supported' && !contested.has(c.id))));
  for (const c of unfaceted.slice(0, UNFACETED_FINDINGS)) out.push(finding(c, null));
  return out;
}

// Strongest first: supported before unverified before contradicted, then calibrated confidence, then how much
// the sentence reads as a finding; the id makes ties deterministic.
function rank(claims: readonly VerifiedClaim[]): VerifiedClaim[] {
  return [...claims].sort(
    (a, b) =>
      VERDICT_RANK[a.verification.verdict] - VERDICT_RANK[b.verification.verdict] ||
      b.verification.confidence - a.verification.confidence ||
      b.worthiness - a.worthiness ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

// One claim per group of near-duplicates (Claim.group names the group's first claim): the strongest of
// them speaks for the group, so the summary never says the same thing twice.
function distinct(ranked: readonly VerifiedClaim[]): VerifiedClaim[] {
  const seen = new Set<string>();
  return ranked.filter((c) => {
    const key = c.group ?? c.id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function overview(counts: Counts, bySource: Record<string, number>, judgesContradiction: boolean, contested: number): SummarySentence {
  const sources = Object.keys(bySource).length;
  // A verdict weighs the strongest sentence each way; how many claims another paper contradicts is said apart, so
  // that "0 contradicted" beside contested findings below does not read as "nothing disputed".
  const disputed =
    contested === 0 || contested === counts.contradicted
      ? ''
      : ` Another included paper states the opposite of ${contested} of the ${plural(counts.claims, 'claim')}${counts.contradicted > 0 ? `, the ${counts.contradicted} contradicted among them` : ''}.`;
  const text =
    counts.included === 0
      ? `None of the ${counts.screened} screened records (${counts.identified} identified in ${plural(sources, 'source')}) met the screening criteria, so this review cannot answer the question.`
      : counts.claims === 0
      ? `This review included ${counts.included} of ${counts.screened} screened records (${counts.identified} identified in ${plural(sources, 'source')}), but no claim could be extracted from their abstracts.`
      : `This review included ${counts.included} of ${counts.screened} screened records (${counts.identified} identified in ${plural(sources, 'source')}); ` +
        `of the ${plural(counts.claims, 'claim')} extracted from their abstracts, ${counts.supported} ${counts.supported === 1 ? 'is' : 'are'} supported by other included papers, ` +
        `${counts.contradicted} contradicted${judgesContradiction ? '' : ' (as far as the offline verifier reads opposite findings)'} and ${counts.insufficient} without enough evidence either way.` +
        disputed;
  return { facet: null, text, claims: [], papers: [], kind: 'overview' };
}

function gap(facet: string, label: string, papers: number, claims: number): SummarySentence {
  const text =
    papers === 0 && claims === 0
      ? `No included study addresses ${label}.`
      : claims === 0
      ? `No included study addresses ${label} with a supported claim: ${plural(papers, 'included paper')} mention${papers === 1 ? 's' : ''} it, but no claim on it was extracted.`
      : `No claim on ${label} is corroborated by another included paper: ${plural(papers, 'included paper')} mention${papers === 1 ? 's' : ''} it, ` +
        `and each of the ${plural(claims, 'claim')} on it rests on a single study.`;
  return { facet, text, claims: [], papers: [], kind: 'gap' };
}

// A finding is the claim's own words, quoted; who said it is the sentence's citation, which the page renders
// in the question's citation style (naming the authors here too would say it twice).
function finding(c: VerifiedClaim, facet: string | null): SummarySentence {
  return { facet, text: `"${c.text}"`, claims: [c.id], papers: [c.paper], kind: 'finding' };
}

function singleStudy(c: VerifiedClaim, facet: string): SummarySentence {
  return { facet, text: `"${c.text}"`, claims: [c.id], papers: [c.paper], kind: 'single-study' };
}

function contradiction(
  c: VerifiedClaim,
  x: Contradiction,
  papers: ReadonlyMap<string, IncludedPaper>,
  facet: string,
): SummarySentence {
  const cited = c.paper === x.paper ? [c.paper] : [c.paper, x.paper];
  const [other] = attribution(papers.get(x.paper));
  return {
    facet,
    text: `"${c.text}", but ${other} contradict${other.includes(' et al.') || other.includes(' and ') ? '' : 's'} it: "${x.quote}"`,
    claims: [c.id],
    papers: cited,
    kind: 'contradiction',
  };
}

// A facet label starts a heading ("Fine-tuning strategies compared"); inside a sentence its first word is
// lower-cased unless it is a name: a name the question uses ("Codestral"), a capitalised term of a facet
// ("Mistral"), or a word with capitals inside it ("CodeQL", "LLMs").
function inSentence(label: string, question: Question): string {
  const first = /^[\p{L}][\p{L}\p{N}-]*/u.exec(label)?.[0] ?? '';
  const names = new Set([...namesIn(question.question), ...question.facets.flatMap((f) => f.terms.filter((t) => /\p{Lu}/u.test(t)))]);
  if (first === '' || names.has(first) || /\p{Lu}/u.test(first.slice(1))) return label;
  return first.charAt(0).toLowerCase() + label.slice(1);
}

// "Xu et al. (2022)", "Li and Chen (2023)", "Russell (2018)": the author-date form readers know from APA;
// the formatted reference list carries the full citation.
export function attribution(p: IncludedPaper | undefined): [who: string, verb: string] {
  if (!p) return ['An included paper', 'reports'];
  const year = p.year === null ? 'n.d.' : String(p.year);
  const a = p.authors;
  if (a.length === 0) return [`"${p.title}" (${year})`, 'reports'];
  if (a.length === 1) return [`${a[0]?.family} (${year})`, 'reports'];
  if (a.length === 2) return [`${a[0]?.family} and ${a[1]?.family} (${year})`, 'report'];
  return [`${a[0]?.family} et al. (${year})`, 'report'];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
