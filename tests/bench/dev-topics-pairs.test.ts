// bench/stance/dev-topics-pairs.csv (PROVENANCE.md there): the labelled set holds what its provenance says, and its
// texts are the corpora's own words, as the pipeline sees them (scripts/dev-topics-pairs.ts build resolves them).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { stanceProbabilities } from '../../src/stance-model/classify.ts';
import { evidenceStance } from '../../src/stance-model/evidence-stance.ts';
import { supportCheck, topicStats } from '../../src/stance-model/specificity.ts';

type Row = { claim: string; evidence: string; label: string; claim_paper: string; evidence_paper: string; question: string; split: string; origin: string };
const root = fileURLToPath(new URL('../../', import.meta.url));
const rows = parse(readFileSync(`${root}bench/stance/dev-topics-pairs.csv`), { columns: true }) as Row[];
const dev = fileURLToPath(new URL('../../../shared/data/screening/', import.meta.url));

describe('the development-topic pairs', () => {
  it('have the labels, halves and origins PROVENANCE.md gives', () => {
    const count = (f: (r: Row) => boolean) => rows.filter(f).length;
    expect(rows).toHaveLength(151);
    expect(count((r) => r.label === 'supports')).toBe(28);
    expect(count((r) => r.label === 'contradicts')).toBe(6);
    expect(count((r) => r.question === 'nagtegaal-2019')).toBe(75);
    expect(count((r) => r.split === 'heldout')).toBe(69);
    expect(count((r) => r.origin === 'sampled')).toBe(20);
    expect(count((r) => r.origin === 'shown')).toBe(27);
    expect(count((r) => r.origin === 'shown2')).toBe(60);
    expect(count((r) => r.origin === 'shown2' && r.label === 'supports')).toBe(6);
    // A pair is labelled once: round 3 left out the pairs already here. (Round 2 holds one text pair twice, from two
    // records of one Nagtegaal paper, n1424 and n1843.)
    expect(new Set(rows.map((r) => `${r.claim_paper}|${r.evidence_paper}|${r.claim}|${r.evidence}`)).size).toBe(rows.length);
    expect(count((r) => r.claim_paper === r.evidence_paper)).toBe(0);
  });

  // Claims come from a title or an abstract (extractClaims reads both: two claims here are titles), evidence from an
  // abstract (the sentences verify() indexes).
  it.skipIf(!existsSync(`${dev}nagtegaal-2019.csl.json`))('quote the records verbatim (../shared)', () => {
    const abstracts = new Map<string, string>();
    const titles = new Map<string, string>();
    for (const name of ['nagtegaal-2019', 'bannach-brown-2019']) {
      for (const item of JSON.parse(readFileSync(`${dev}${name}.csl.json`, 'utf8')) as { id: string; title?: string; abstract?: string }[]) {
        if (item.abstract) abstracts.set(`${name}:${item.id}`, item.abstract);
        titles.set(`${name}:${item.id}`, item.title ?? '');
      }
    }
    // Whitespace only is normalised by the corpus parser; every word is the abstract's.
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    for (const r of rows) {
      expect(squash(`${titles.get(r.claim_paper)} ${abstracts.get(r.claim_paper) ?? ''}`)).toContain(squash(r.claim));
      expect(squash(abstracts.get(r.evidence_paper) ?? '')).toContain(squash(r.evidence));
    }
  });

  // The design half (PROVENANCE.md: may be read while changing the verifier). Engine 0.2.0 said "supports" for 9
  // of the pairs of rounds 1-2, all wrong, each on two shared rare terms that were the measure both studies report
  // (cholesterol and lipoprotein, maze and open field). Requiring three such terms or a name (e83ff8a) left 16 wrong
  // among round 3's design pairs (`shown2`), sampled from what that gate let through: shared terms alone do not
  // tell the studies' subject from their measure, so they no longer take a side (src/stance-model/evidence-stance.ts).
  it.skipIf(!existsSync(`${dev}nagtegaal-2019.csl.json`))('gives no "supports" on the design half that its labels do not (../shared)', async () => {
    const { loadReview } = await import('../../scripts/candidate-pairs.ts');
    const design = rows.filter((r) => r.split === 'design');
    const stats = new Map([...new Set(design.map((r) => r.question))].map((q) => {
      const review = loadReview(q);
      return [q, topicStats(review.included, review.ranked)] as const;
    }));
    const wrong = design.filter((r) => {
      const check = supportCheck(r.claim, r.evidence, stats.get(r.question)!, r.claim_paper, r.evidence_paper);
      const { stance } = evidenceStance(stanceProbabilities(r.claim, r.evidence), check);
      return stance === 'supports' && r.label !== 'supports';
    });
    expect(wrong.map((r) => r.claim.slice(0, 60))).toEqual([]);
  }, 60_000);

  // A design pair the gate held back twice: "reversed" is no word of RESULT_VERB, and JYCF is the evidence paper's own
  // compound. The general reader reads fluoxetine reversing the behavioural abnormalities in both sentences, which is
  // a result, and a result about fluoxetine, not about JYCF alone.
  it.skipIf(!existsSync(`${dev}bannach-brown-2019.csl.json`))('lets a finding the general reader reads on a shared subject through the gate (../shared)', async () => {
    const { loadReview } = await import('../../scripts/candidate-pairs.ts');
    const review = loadReview('bannach-brown-2019');
    const r = rows.find((row) => row.claim.startsWith('Chronic treatment (14 days) with etazolate'))!;
    const check = supportCheck(r.claim, r.evidence, topicStats(review.included, review.ranked), r.claim_paper, r.evidence_paper);
    expect([r.label, check.blocked, check.sameFinding]).toEqual(['supports', null, ['general:fluoxetin/behavior']]);
    expect(evidenceStance(stanceProbabilities(r.claim, r.evidence), check).stance).toBe('supports');
  }, 60_000);

  // The general finding frames (src/stance-model/general-frames.ts, issue 12) take a side on these topics: 8 right
  // of 8 at the fourth scoring (PROVENANCE.md), 6 on the design half and 2 on the held-out half; 9 of 9 (7 design) since
  // the gate lets a general frame's result through. The bounds are
  // issue 12's acceptance: precision at least 0.9, no more than one wrong on the held-out half, recall above 0; the
  // held-out half is judged by totals only.
  it.skipIf(!existsSync(`${dev}nagtegaal-2019.csl.json`))('finds supports on topics no frame was written for, precisely (../shared)', async () => {
    const { loadReview } = await import('../../scripts/candidate-pairs.ts');
    const stats = new Map([...new Set(rows.map((r) => r.question))].map((q) => {
      const review = loadReview(q);
      return [q, topicStats(review.included, review.ranked)] as const;
    }));
    const predicted = rows.filter((r) => {
      const check = supportCheck(r.claim, r.evidence, stats.get(r.question)!, r.claim_paper, r.evidence_paper);
      return evidenceStance(stanceProbabilities(r.claim, r.evidence), check).stance === 'supports';
    });
    const right = (split?: string) => predicted.filter((r) => r.label === 'supports' && (split === undefined || r.split === split)).length;
    const wrong = (split?: string) => predicted.filter((r) => r.label !== 'supports' && (split === undefined || r.split === split)).length;
    expect(right('design')).toBeGreaterThanOrEqual(7);
    expect(right('heldout')).toBeGreaterThan(0);
    expect(wrong('heldout')).toBeLessThanOrEqual(1);
    expect(right() / predicted.length).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
