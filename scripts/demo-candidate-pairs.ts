// Candidate claim/evidence pairs on the three demo questions, for hand-labelling a blind set (issue 12; the labelled
// sets are tests/fixtures/stance-model/in-domain-heldout3.csv and in-domain-heldout4.csv, see PROVENANCE.md there).
// A dev tool, not part of npm test. It imports nothing from src/stance-model/ and prints texts and ids only, so the
// labeller never sees a stance.
//   node scripts/demo-candidate-pairs.ts <question> claims                 every claim of the review, by paper
//   node scripts/demo-candidate-pairs.ts <question> candidates <regex> [k] each claim matching regex (text or id) with
//                                                                          its top-k (20) BM25 sentences of other papers
//   node scripts/demo-candidate-pairs.ts <question> sample <n>             n claims in SHA-1 order of their text, each
//                                                                          with the first of its 20 candidates in SHA-1
//                                                                          order of claim|evidence not yet labelled
//   node scripts/demo-candidate-pairs.ts <question> pair <claim id> <paper id>  that paper's highest-ranked sentence
//   node scripts/demo-candidate-pairs.ts <question> paper <paper id>       a paper's title and sentences, with ids
//   node scripts/demo-candidate-pairs.ts <question> find <regex>           every sentence of an included paper matching
//   node scripts/demo-candidate-pairs.ts - build <selection.tsv> <out.csv> [split]
//       the selection (tab-separated: question, claim id, sentence id, label, origin) resolved to the verbatim texts,
//       written with the columns of tests/fixtures/stance-model/in-domain-pairs.csv; a pair already labelled (see
//       LABELLED below) is refused.
// <question>: a demo question id (questions/*.yaml). The papers are loaded as the tests load them
// (tests/pipeline/screen-claims-corpus.ts) and the stages run in memory as src/pipeline/run-stages.ts runs them
// (merge, screen, extractClaims on the included papers); candidates are found as src/pipeline/verify.ts finds them
// (BM25 over the verification stage's own sentence index, on the claim's content terms and its facet's stems).
// A pair already in one of the LABELLED files (same claim and evidence text) is marked "(labelled)" in listings, so a
// new set can exclude it; the files' labels are never read.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Claim, IncludedPaper, Question } from '../src/records/index.ts';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { merge } from '../src/pipeline/merge.ts';
import { screen } from '../src/pipeline/screen.ts';
import { extractClaims } from '../src/pipeline/claims.ts';
import { includedPapers } from '../src/pipeline/compose.ts';
import { sentenceIndex } from '../src/pipeline/verify.ts';
import { compileFacets } from '../src/text/facet-terms.ts';
import { contentTerms } from '../src/text/tokens.ts';
import { loadCorpus, loadQuestion } from '../tests/pipeline/screen-claims-corpus.ts';

export const DEMO_QUESTIONS = ['llm-vulnerability-detection', 'adversarial-robustness-code-models', 'finetuning-robustness-codestral'] as const;

type Sentence = { id: string; paper: string; text: string };
type DemoReview = {
  question: Question;
  included: IncludedPaper[];
  claims: Claim[];
  sentences: Map<string, Sentence>;
  candidates: (claim: Claim, k?: number) => Sentence[];
};

const FIXTURES = resolve(REPO_ROOT, 'tests', 'fixtures', 'stance-model');

function loadDemoReview(id: string): DemoReview {
  const question = loadQuestion(id);
  // papersFor()'s papers, keeping merge()'s record names, which screen() reads as run-stages.ts hands them.
  const files = question.sources.flatMap((s) => (s.type === 'csl-json' || s.type === 'bibtex' ? [s.path.replace(/^corpora\//, '')] : []));
  const { papers, recordNames } = merge(files.flatMap(loadCorpus));
  const { decisions } = screen(papers, question, { recordNames });
  const included = includedPapers(papers, decisions);
  const { claims } = extractClaims(included, question);
  const { index, sentences } = sentenceIndex(included);
  const facetStems = new Map(compileFacets(question.facets).map((f) => [f.id, f.stems]));
  const candidates = (claim: Claim, k = 20) => {
    const query = [...contentTerms(claim.text), ...(claim.facet === null ? [] : (facetStems.get(claim.facet) ?? []))];
    return index.search(query, { keep: (h) => sentences.get(h)?.paper !== claim.paper, limit: k }).map((h) => sentences.get(h.id)!);
  };
  return { question, included, claims, sentences, candidates };
}

// Sets labelled in earlier rounds: a new blind set must repeat none of their pairs.
const LABELLED = ['in-domain-pairs.csv', 'in-domain-heldout3.csv', 'in-domain-heldout4.csv'];

// Pairs already labelled, as "claim|evidence" (texts only), each with the file that holds it. `rebuilding` (an output
// path) leaves out the set being rebuilt, so that an earlier round's selection still rebuilds its own CSV.
function labelledPairs(rebuilding?: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const file of LABELLED.filter((f) => rebuilding === undefined || resolve(FIXTURES, f) !== resolve(rebuilding))) {
    const rows = parse(readFileSync(resolve(FIXTURES, file)), { columns: true }) as { claim: string; evidence: string }[];
    for (const r of rows) if (!pairs.has(`${r.claim}|${r.evidence}`)) pairs.set(`${r.claim}|${r.evidence}`, file);
  }
  return pairs;
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

function build(selectionPath: string, outPath: string, split: string): void {
  const lines = readFileSync(selectionPath, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const reviews = new Map<string, DemoReview>();
  const labelled = labelledPairs(outPath);
  const seen = new Set<string>();
  const rows: string[][] = [];
  const repeated: string[] = [];
  for (const line of lines) {
    const [question, claimId, sentenceId, label, origin] = line.split('\t').map((f) => f.trim());
    if (!question || !claimId || !sentenceId || !label || !origin) throw new Error(`short line: ${line}`);
    if (!['supports', 'contradicts', 'neutral'].includes(label)) throw new Error(`bad label "${label}"`);
    const review = reviews.get(question) ?? loadDemoReview(question);
    reviews.set(question, review);
    const claim = review.claims.find((c) => c.id === claimId);
    const evidence = review.sentences.get(sentenceId);
    if (!claim) throw new Error(`no claim ${claimId} in ${question}`);
    if (!evidence) throw new Error(`no sentence ${sentenceId} in ${question}`);
    if (evidence.paper === claim.paper) throw new Error(`${sentenceId} is from the claim's own paper`);
    const key = `${claim.text}|${evidence.text}`;
    if (labelled.has(key)) repeated.push(`already in ${labelled.get(key)}: ${claimId} / ${sentenceId}`);
    if (seen.has(key)) repeated.push(`selected twice: ${claimId} / ${sentenceId}`);
    seen.add(key);
    rows.push([claim.text, evidence.text, label, claim.paper, evidence.paper, question, split, origin]);
  }
  if (repeated.length > 0) throw new Error(repeated.join('\n'));
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['claim', 'evidence', 'label', 'claim_paper', 'evidence_paper', 'question', 'split', 'origin'];
  writeFileSync(outPath, [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  console.log(`${rows.length} pairs written to ${outPath}`);
}

function main(): void {
  const [name, mode, arg, k] = process.argv.slice(2);
  if (mode === 'build' && arg && k) return build(arg, k, process.argv[6] ?? 'heldout4');
  if (!name || !DEMO_QUESTIONS.includes(name as (typeof DEMO_QUESTIONS)[number]) || !mode) {
    console.error(`usage: node scripts/demo-candidate-pairs.ts <${DEMO_QUESTIONS.join('|')}> claims|candidates <regex> [k]|sample <n>|pair <claim> <paper>|paper <id>|find <regex>`);
    console.error('       node scripts/demo-candidate-pairs.ts - build <selection.tsv> <out.csv> [split]');
    process.exit(2);
  }
  const review = loadDemoReview(name);
  const labelled = labelledPairs();
  const mark = (c: Claim, s: Sentence) => (labelled.has(`${c.text}|${s.text}`) ? ' (labelled)' : '');
  console.log(`# ${name}: ${review.included.length} included papers, ${review.claims.length} claims`);
  if (mode === 'claims') {
    for (const c of review.claims) console.log(`${c.id}\t${c.paper}\t${c.facet ?? '-'}\t${c.text}`);
  } else if (mode === 'candidates') {
    const re = new RegExp(arg ?? '.', 'i');
    for (const c of review.claims.filter((claim) => re.test(claim.text) || re.test(claim.id))) {
      console.log(`\nCLAIM ${c.id} [${c.paper}] ${c.text}`);
      for (const s of review.candidates(c, Number(k ?? 20))) console.log(`  ${s.id}${mark(c, s)}  ${s.text}`);
    }
  } else if (mode === 'sample') {
    const sampled = [...review.claims].sort((a, b) => (sha1(a.text) < sha1(b.text) ? -1 : 1)).slice(0, Number(arg ?? 10));
    for (const c of sampled) {
      // A pair already labelled is passed over for the next in the same order: the new set must not repeat one.
      const pick = review
        .candidates(c)
        .filter((s) => !labelled.has(`${c.text}|${s.text}`))
        .sort((a, b) => (sha1(`${c.text}|${a.text}`) < sha1(`${c.text}|${b.text}`) ? -1 : 1))[0];
      if (!pick) continue;
      console.log(`\nCLAIM ${c.id} [${c.paper}] ${c.text}\n  ${pick.id}${mark(c, pick)}  ${pick.text}`);
    }
  } else if (mode === 'pair') {
    // The named paper's highest-ranked sentence for the claim, wherever it falls in the ranking.
    const claim = review.claims.find((c) => c.id === arg);
    const top = claim ? review.candidates(claim, Number.MAX_SAFE_INTEGER).find((s) => s.paper === k) : undefined;
    console.log(claim ? `CLAIM ${claim.id} [${claim.paper}] ${claim.text}\n  ${top ? `${top.id}${mark(claim, top)}  ${top.text}` : 'no sentence of that paper matches'}` : 'no such claim');
  } else if (mode === 'paper') {
    const p = review.included.find((paper) => paper.id === arg);
    console.log(p ? p.title : 'not included');
    for (const s of review.sentences.values()) if (s.paper === arg) console.log(`  ${s.id}  ${s.text}`);
  } else if (mode === 'find') {
    const re = new RegExp(arg ?? '.', 'i');
    for (const s of review.sentences.values()) if (re.test(s.text)) console.log(`  ${s.id}  ${s.text}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
