// The hand-labelled claim/evidence pairs on the development screening datasets' topics (issue 12):
//   node scripts/dev-topics-pairs.ts build   bench/stance/dev-topics-selection.tsv → bench/stance/dev-topics-pairs.csv
// The selection names each pair by its papers and the opening words of its two sentences, with the label written by
// hand; build resolves them to the verbatim sentences the pipeline sees (the claims extractClaims finds, the sentences
// verify() indexes), so the CSV's texts are the corpus's, not retyped. A dev tool, not part of npm test.
// Scoring lives apart (scripts/score-dev-topics-pairs.ts), so that labelling never needed the verifier.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { loadReview, type Review } from './candidate-pairs.ts';

type Selected = {
  question: string;
  claim_paper: string;
  claim_starts: string;
  evidence_paper: string;
  evidence_starts: string;
  label: string;
  origin: string;
};

const DIR = resolve(REPO_ROOT, 'bench', 'stance');

function build(): void {
  const selected = parse(readFileSync(resolve(DIR, 'dev-topics-selection.tsv')), { columns: true, delimiter: '\t', quote: false }) as Selected[];
  const reviews = new Map<string, Review>();
  const rows: string[][] = [];
  for (const s of selected) {
    if (!['supports', 'contradicts', 'neutral'].includes(s.label)) throw new Error(`bad label "${s.label}"`);
    const review = reviews.get(s.question) ?? loadReview(s.question);
    reviews.set(s.question, review);
    const claimPaper = `${s.question}:${s.claim_paper}`;
    const evidencePaper = `${s.question}:${s.evidence_paper}`;
    const claims = review.claims.filter((c) => c.paper === claimPaper && c.text.startsWith(s.claim_starts));
    const evidence = [...review.sentences.values()].filter((e) => e.paper === evidencePaper && e.text.startsWith(s.evidence_starts));
    if (claims.length !== 1) throw new Error(`${claims.length} claims of ${claimPaper} start "${s.claim_starts}"`);
    if (evidence.length !== 1) throw new Error(`${evidence.length} sentences of ${evidencePaper} start "${s.evidence_starts}"`);
    const claim = claims[0]!.text;
    // As in tests/fixtures/stance-model/in-domain-pairs.csv: the parity of the claim text's SHA-1, so that a claim
    // never sits in both halves.
    const split = parseInt(createHash('sha1').update(claim).digest('hex').slice(-1), 16) % 2 === 0 ? 'design' : 'heldout';
    rows.push([claim, evidence[0]!.text, s.label, claimPaper, evidencePaper, s.question, split, s.origin]);
  }
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['claim', 'evidence', 'label', 'claim_paper', 'evidence_paper', 'question', 'split', 'origin'];
  writeFileSync(resolve(DIR, 'dev-topics-pairs.csv'), [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  console.log(`${rows.length} pairs written to bench/stance/dev-topics-pairs.csv`);
}

const [mode] = process.argv.slice(2);
if (mode === 'build') build();
else {
  console.error('usage: node scripts/dev-topics-pairs.ts build');
  process.exit(2);
}
