// Pairs the verifier SHOWS on the development reviews' pages, for blind labelling (origin `shown` in
// bench/stance/dev-topics-pairs.csv, see PROVENANCE.md there). A dev tool, not part of npm test.
//   node scripts/shown-pairs.ts <nagtegaal-2019|bannach-brown-2019> [supports] [neutral] [contradicts]
// Runs the stages and verify() as the pipeline does (scripts/candidate-pairs.ts), takes the evidence it keeps for
// each claim from the BM25 candidates (not the near-duplicate claims it adds, which restate the claim), and samples
// in SHA-1 order of claim|evidence the given numbers (default 8, 4, 2) of pairs it shows as "supports", "neutral"
// and "contradicts", then prints them mixed, in SHA-1 order, WITHOUT their stance: the labeller does not know which
// pair the verifier called what.
import { createHash } from 'node:crypto';
import { verify } from '../src/pipeline/verify.ts';
import { loadReview } from './candidate-pairs.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const [name, supports = '8', neutral = '4', contradicts = '2'] = process.argv.slice(2);
if (name === undefined) {
  console.error('usage: node scripts/shown-pairs.ts <nagtegaal-2019|bannach-brown-2019> [supports] [neutral] [contradicts]');
  process.exit(2);
}
const review = loadReview(name);
const verified = verify(review.claims, review.included, review.question, review.ranked);
const shown = verified.flatMap((c) =>
  c.verification.evidence
    // A near-duplicate of the claim in another paper is shown too, but it restates the claim: not a pair to judge.
    .filter((e) => !(c.group !== null && review.claims.some((o) => o.group === c.group && o.paper === e.paper && o.quote.start === e.start)))
    .map((e) => ({ claim: c, evidence: e, key: sha1(`${c.text}|${e.quote}`) })),
);
const take = (stance: string, n: number) => shown.filter((s) => s.evidence.stance === stance).sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, n);
const picked = [...take('supports', Number(supports)), ...take('neutral', Number(neutral)), ...take('contradicts', Number(contradicts))].sort((a, b) => (a.key < b.key ? -1 : 1));
for (const { claim, evidence } of picked) {
  console.log(`\nCLAIM [${claim.paper}] ${claim.text}\n  EVIDENCE [${evidence.paper}] ${evidence.quote}`);
}
