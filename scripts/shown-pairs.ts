// Pairs the verifier SHOWS on the development reviews' pages, for blind labelling (origins `shown` and `shown2` in
// bench/stance/dev-topics-pairs.csv, see PROVENANCE.md there). A dev tool, not part of npm test.
//   node scripts/shown-pairs.ts <nagtegaal-2019|bannach-brown-2019> [supports] [neutral] [contradicts]
//       (round 2) samples in SHA-1 order of claim|evidence the given numbers (default 8, 4, 2) of pairs shown as
//       "supports", "neutral" and "contradicts" on one review and prints them mixed, WITHOUT their stance
//   node scripts/shown-pairs.ts round3 <blind.tsv> <key.tsv> [cap]
//       (round 3) on both reviews, every pair shown as "supports" (at most cap/2, default 30, first in SHA-1 order)
//       and as many shown as "neutral" (first in SHA-1 order), leaving out pairs already in dev-topics-pairs.csv;
//       writes them shuffled (SHA-1 of `round3|claim|evidence`) to blind.tsv WITHOUT their stance, as rows of the
//       selection file (scripts/dev-topics-pairs.ts) with the label blank, and the stances to key.tsv, which the
//       labeller does not open before the labels are committed. Prints counts only.
// Both run the stages and verify() as the pipeline does (scripts/candidate-pairs.ts) and take the evidence verify()
// keeps for each claim from the BM25 candidates, not the near-duplicate claims it adds (they restate the claim).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { verify } from '../src/pipeline/verify.ts';
import { DEV_NAMES, loadReview } from './candidate-pairs.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function shownPairs(name: string) {
  const review = loadReview(name);
  const verified = verify(review.claims, review.included, review.question, review.ranked);
  let nearDuplicates = 0;
  const pairs = verified.flatMap((c) =>
    c.verification.evidence
      .filter((e) => {
        // A near-duplicate of the claim in another paper is shown too, but it restates the claim: not a pair to judge.
        const dup = c.group !== null && review.claims.some((o) => o.group === c.group && o.paper === e.paper && o.quote.start === e.start);
        if (dup && e.stance === 'supports') nearDuplicates++;
        return !dup;
      })
      .map((e) => ({ question: name, claim: c, evidence: e, key: sha1(`${c.text}|${e.quote}`) })),
  );
  return { pairs, nearDuplicates, supportedClaims: verified.filter((c) => c.verification.verdict === 'supported').length, claims: verified.length };
}

function round3(blindPath: string, keyPath: string, cap: number): void {
  type Row = { claim: string; evidence: string };
  const labelled = parse(readFileSync(resolve(REPO_ROOT, 'bench', 'stance', 'dev-topics-pairs.csv')), { columns: true }) as Row[];
  const seen = new Set(labelled.map((r) => `${r.claim}|${r.evidence}`));
  const all = DEV_NAMES.map((name) => {
    const s = shownPairs(name);
    console.log(`${name}: ${s.claims} claims, ${s.supportedClaims} "supported"; shown supports ${s.pairs.filter((p) => p.evidence.stance === 'supports').length} from BM25 candidates, ${s.nearDuplicates} from near-duplicate claims`);
    return s.pairs;
  }).flat();
  const fresh = all.filter((p) => !seen.has(`${p.claim.text}|${p.evidence.quote}`));
  const supports = fresh.filter((p) => p.evidence.stance === 'supports').sort(byKey);
  const neutral = fresh.filter((p) => p.evidence.stance === 'neutral').sort(byKey);
  console.log(`not yet labelled: supports ${supports.length}, neutral ${neutral.length} (already labelled: ${all.length - fresh.length})`);
  const takeS = supports.slice(0, Math.floor(cap / 2));
  const picked = [...takeS, ...neutral.slice(0, takeS.length)]
    .map((p) => ({ ...p, order: sha1(`round3|${p.claim.text}|${p.evidence.quote}`) }))
    .sort((a, b) => (a.order < b.order ? -1 : 1));
  const local = (id: string) => id.slice(id.indexOf(':') + 1);
  // Tabs and newlines cannot occur inside a selection field (read with quote: false); squash them.
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const header = 'question\tclaim_paper\tclaim_starts\tevidence_paper\tevidence_starts\tlabel\torigin';
  writeFileSync(blindPath, [header, ...picked.map((p) => [p.question, local(p.claim.paper), flat(p.claim.text), local(p.evidence.paper), flat(p.evidence.quote), '', 'shown2'].join('\t'))].join('\n') + '\n');
  writeFileSync(keyPath, ['question\tclaim_paper\tevidence_paper\tstance', ...picked.map((p) => [p.question, p.claim.paper, p.evidence.paper, p.evidence.stance].join('\t'))].join('\n') + '\n');
  console.log(`${picked.length} pairs (${takeS.length} supports, ${takeS.length} neutral) written to ${blindPath}; stances to ${keyPath}`);
}

const args = process.argv.slice(2);
if (args[0] === 'round3' && args[1] !== undefined && args[2] !== undefined) {
  round3(args[1], args[2], Number(args[3] ?? '60'));
} else if (args[0] !== undefined && (DEV_NAMES as readonly string[]).includes(args[0])) {
  const [name, supports = '8', neutral = '4', contradicts = '2'] = args;
  const { pairs } = shownPairs(name!);
  const take = (stance: string, n: number) => pairs.filter((s) => s.evidence.stance === stance).sort(byKey).slice(0, n);
  const picked = [...take('supports', Number(supports)), ...take('neutral', Number(neutral)), ...take('contradicts', Number(contradicts))].sort(byKey);
  for (const { claim, evidence } of picked) {
    console.log(`\nCLAIM [${claim.paper}] ${claim.text}\n  EVIDENCE [${evidence.paper}] ${evidence.quote}`);
  }
} else {
  console.error('usage: node scripts/shown-pairs.ts <nagtegaal-2019|bannach-brown-2019> [supports] [neutral] [contradicts]\n       node scripts/shown-pairs.ts round3 <blind.tsv> <key.tsv> [cap]');
  process.exit(2);
}
