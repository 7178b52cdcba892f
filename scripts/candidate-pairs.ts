// Candidate claim/evidence pairs for hand-labelling on the development screening datasets (issue 12; the labelled
// set is bench/stance/dev-topics-pairs.csv, see PROVENANCE.md there). A dev tool, not part of npm test.
// It imports nothing from src/stance-model/: it prints texts only, so the labeller cannot see a stance.
//   node scripts/candidate-pairs.ts <name> claims                 every claim of the review, by paper
//   node scripts/candidate-pairs.ts <name> candidates <regex> [k] each claim matching regex with its top-k (20) BM25
//                                                                 sentences from other included papers
//   node scripts/candidate-pairs.ts <name> sample <n>             n claims in SHA-1 order, each with one of its 20
//                                                                 candidates (SHA-1 order of claim|evidence)
//   node scripts/candidate-pairs.ts <name> pair <claim id> <paper id>   that paper's highest-ranked BM25 sentence
//   node scripts/candidate-pairs.ts <name> paper <paper id>       a paper's sentences, numbered
// <name>: nagtegaal-2019 or bannach-brown-2019. The stages run in memory as src/pipeline/run-stages.ts runs them
// (merge, screen, extractClaims) on ../shared/data/screening/<name>.csl.json with bench/screening/<name>.yaml, and the
// candidates are found as src/pipeline/verify.ts finds them (BM25 on the claim's content terms and its facet's terms).
// Every line names a pair as claim id / sentence id, which scripts/dev-topics-pairs.ts turns back into verbatim text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Claim, IncludedPaper, Question } from '../src/records/index.ts';
import { formatProblem } from '../src/records/problem.ts';
import { parseQuestion } from '../src/questions/parse-question.ts';
import { readCorpus } from '../src/sources/corpus.ts';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { merge } from '../src/pipeline/merge.ts';
import { screen } from '../src/pipeline/screen.ts';
import { extractClaims } from '../src/pipeline/claims.ts';
import { includedPapers } from '../src/pipeline/compose.ts';
import { sentenceIndex } from '../src/pipeline/verify.ts';
import { compileFacets } from '../src/text/facet-terms.ts';
import { contentTerms } from '../src/text/tokens.ts';

export const DEV = resolve(REPO_ROOT, '..', 'shared', 'data', 'screening');
export const DEV_NAMES = ['nagtegaal-2019', 'bannach-brown-2019'] as const;

export type Sentence = { id: string; paper: string; text: string };
export type Review = {
  question: Question;
  included: IncludedPaper[];
  /** every screened record, most relevant first (screening's rank): what verify() reads the topic from */
  ranked: IncludedPaper[] | { id: string; title: string; abstract: string | null }[];
  claims: Claim[];
  sentences: Map<string, Sentence>;
  candidates: (claim: Claim, k?: number) => Sentence[];
};

export function loadReview(name: string): Review {
  const parsed = parseQuestion(readFileSync(resolve(REPO_ROOT, 'bench', 'screening', `${name}.yaml`), 'utf8'), `${name}.yaml`);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  const question = parsed.question;
  const records = readCorpus({ type: 'csl-json', path: `${name}.csl.json` }, DEV, new Date(0).toISOString()).records;
  const { papers, recordNames } = merge(records);
  const { decisions } = screen(papers, question, { recordNames });
  const included = includedPapers(papers, decisions);
  const { claims } = extractClaims(included, question);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const ranked = [...decisions].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((d) => byId.get(d.paper)!);
  // The verification stage's own index, so the ids match its candidates.
  const { index, sentences } = sentenceIndex(included);
  const facetStems = new Map(compileFacets(question.facets).map((f) => [f.id, f.stems]));
  const candidates = (claim: Claim, k = 20) => {
    const query = [...contentTerms(claim.text), ...(claim.facet === null ? [] : (facetStems.get(claim.facet) ?? []))];
    return index
      .search(query)
      .filter((h) => sentences.get(h.id)?.paper !== claim.paper)
      .slice(0, k)
      .map((h) => sentences.get(h.id)!);
  };
  return { question, included, ranked, claims, sentences, candidates };
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

function main(): void {
  const [name, mode, arg, k] = process.argv.slice(2);
  if (!name || !DEV_NAMES.includes(name as (typeof DEV_NAMES)[number]) || !mode) {
    console.error('usage: node scripts/candidate-pairs.ts <nagtegaal-2019|bannach-brown-2019> claims|candidates <regex> [k]|sample <n>|paper <id>');
    process.exit(2);
  }
  const review = loadReview(name);
  console.log(`# ${name}: ${review.included.length} included papers, ${review.claims.length} claims`);
  if (mode === 'claims') {
    for (const c of review.claims) console.log(`${c.id}\t${c.paper}\t${c.text}`);
  } else if (mode === 'candidates') {
    const re = new RegExp(arg ?? '.', 'i');
    for (const c of review.claims.filter((claim) => re.test(claim.text))) {
      console.log(`\nCLAIM ${c.id} [${c.paper}] ${c.text}`);
      for (const s of review.candidates(c, Number(k ?? 20))) console.log(`  ${s.id}  ${s.text}`);
    }
  } else if (mode === 'sample') {
    const sampled = [...review.claims].sort((a, b) => (sha1(a.text) < sha1(b.text) ? -1 : 1)).slice(0, Number(arg ?? 10));
    for (const c of sampled) {
      const pick = review.candidates(c).sort((a, b) => (sha1(`${c.text}|${a.text}`) < sha1(`${c.text}|${b.text}`) ? -1 : 1))[0];
      if (!pick) continue;
      console.log(`\nCLAIM ${c.id} [${c.paper}] ${c.text}\n  ${pick.id}  ${pick.text}`);
    }
  } else if (mode === 'pair') {
    // The named paper's highest-ranked sentence for the claim, wherever it falls in the ranking.
    const claim = review.claims.find((c) => c.id === arg);
    const top = claim ? review.candidates(claim, Number.MAX_SAFE_INTEGER).find((s) => s.paper === k) : undefined;
    console.log(claim ? `CLAIM ${claim.id} [${claim.paper}] ${claim.text}\n  ${top ? `${top.id}  ${top.text}` : 'no sentence of that paper matches'}` : 'no such claim');
  } else if (mode === 'paper') {
    const p = review.included.find((paper) => paper.id === arg);
    console.log(p ? `${p.title}` : 'not included');
    for (const s of review.sentences.values()) if (s.paper === arg) console.log(`  ${s.id}  ${s.text}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
