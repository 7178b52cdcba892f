// Precision of "supports" on our own domain: hand-labelled claim/evidence pairs from the three demo reviews
// (tests/fixtures/stance-model/in-domain-pairs.csv, see PROVENANCE.md there). The held-out half was not read while
// the support gate was designed; this test keeps what it reached from regressing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { screen } from '../../src/pipeline/screen.ts';
import { extractClaims } from '../../src/pipeline/claims.ts';
import { verify } from '../../src/pipeline/verify.ts';
import { stanceProbabilities } from '../../src/stance-model/classify.ts';
import { evidenceStance } from '../../src/stance-model/evidence-stance.ts';
import { supportCheck, topicStats, type TopicStats } from '../../src/stance-model/specificity.ts';
import { loadQuestion, papersFor } from '../pipeline/screen-claims-corpus.ts';

type Row = { claim: string; evidence: string; label: string; claim_paper: string; evidence_paper: string; question: string; split: string };
const root = fileURLToPath(new URL('../../', import.meta.url));
const rows = parse(readFileSync(`${root}tests/fixtures/stance-model/in-domain-pairs.csv`), { columns: true }) as Row[];
// heldout3 and heldout4: blind sets of later annotator rounds, each in a file of its own (PROVENANCE.md), with its own
// topic statistics.
const rows3 = parse(readFileSync(`${root}tests/fixtures/stance-model/in-domain-heldout3.csv`), { columns: true }) as Row[];
const rows4 = parse(readFileSync(`${root}tests/fixtures/stance-model/in-domain-heldout4.csv`), { columns: true }) as Row[];

// Topic statistics as verify() builds them: the topic read from every screened record by rank, the papers those of
// the review's included ones. The pairs were drawn from the reviews as they were then, when their papers were among
// the review's most relevant; when a question's screening narrows (adversarial-robustness in 3613f7e: 10 of its 18
// old held-out pairs and 6 of its 30 heldout2 pairs have a paper it no longer ranks high, the smart-contract ones
// among them), a pair's own papers fall down the ranking and their shared words ("smart contract") start to look
// specific to the topic. So the pairs' papers head the ranking here, as they headed the reviews they came from.
function topicStatsFor(pairs: readonly Row[]): Map<string, TopicStats> {
  const stats = new Map<string, TopicStats>();
  for (const id of new Set(pairs.map((r) => r.question))) {
    const question = loadQuestion(id);
    const papers = papersFor(question);
    const { decisions } = screen(papers, question);
    const byId = new Map(papers.map((p) => [p.id, p]));
    const pairPapers = new Set(pairs.filter((row) => row.question === id).flatMap((r) => [r.claim_paper, r.evidence_paper]));
    const ranked = [...decisions].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((d) => byId.get(d.paper)!);
    const included = new Set([...decisions.filter((d) => d.included).map((d) => d.paper), ...pairPapers]);
    stats.set(id, topicStats(papers.filter((p) => included.has(p.id)), [...ranked.filter((p) => pairPapers.has(p.id)), ...ranked.filter((p) => !pairPapers.has(p.id))]));
  }
  return stats;
}
const stats = topicStatsFor(rows);
const stats3 = topicStatsFor(rows3);
const stats4 = topicStatsFor(rows4);

function confusion(split: string, gate: boolean, label: 'supports' | 'contradicts' = 'supports'): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const [set, setStats] = split === 'heldout3' ? [rows3, stats3] : split === 'heldout4' ? [rows4, stats4] : [rows, stats];
  for (const r of set.filter((row) => row.split === split)) {
    const p = stanceProbabilities(r.claim, r.evidence);
    // Without the gate: the stance model's own reading.
    const predicted = gate
      ? evidenceStance(p, supportCheck(r.claim, r.evidence, setStats.get(r.question)!, r.claim_paper, r.evidence_paper)).stance === label
      : p[label] >= 0.5 && p[label] > p[label === 'supports' ? 'contradicts' : 'supports'];
    if (predicted && r.label === label) tp++;
    else if (predicted) fp++;
    else if (r.label === label) fn++;
  }
  return { tp, fp, fn };
}

describe('"supports" on hand-labelled pairs from our own reviews', () => {
  it('has the labelled halves it claims to have', () => {
    expect(rows.filter((r) => r.split === 'heldout')).toHaveLength(87);
    expect(rows.filter((r) => r.split === 'heldout' && r.label === 'supports')).toHaveLength(13);
  });

  // The old held-out half was labelled under the stricter first-round rule (another attack's success is not the
  // same finding); two of the three pairs the frames called "supports" against its labels meet the second-round
  // rule (PROVENANCE.md). The fourth (engine 0.6, comparisons read by their sides in claims too): ChatGPT's lower
  // F-score on 3 of 7 smart-contract vulnerabilities as support for pre-trained LMs beating LLMs. It is design data.
  it('calls at most four old held-out pairs "supports" against their labels, and finds at least eleven that are', () => {
    const { tp, fp } = confusion('heldout', true);
    expect(fp).toBeLessThanOrEqual(4);
    expect(tp).toBeGreaterThanOrEqual(11);
  });

  // heldout2 (111 pairs, 26 supports; PROVENANCE.md): chosen and labelled blind to the model, scored before and after
  // each engine version up to 0.5.1 without reading its pairs (13 correct, 1 wrong at 0.5.1). Session 23 opened it as
  // design data for engine 0.6 (a fresh blind set, heldout3, took its place): 18 correct, 1 wrong; 19 since "To this
  // end" opens no purpose.
  it('on heldout2, finds at least 19 of the 26 true supports with at most 1 false "supports"', () => {
    expect(rows.filter((r) => r.split === 'heldout2')).toHaveLength(111);
    expect(rows.filter((r) => r.split === 'heldout2' && r.label === 'supports')).toHaveLength(26);
    const { tp, fp } = confusion('heldout2', true);
    expect(tp).toBeGreaterThanOrEqual(19);
    expect(fp).toBeLessThanOrEqual(1);
  });

  // Contradictions (engine 0.5: opposite findings read from the frames, comparisons by their sides; 0.5.1: how well a
  // subject performs, in a sentence about vulnerabilities, is a detection finding). Designed on the design and old
  // held-out halves (4 true contradictions each): 4 and 2 found, 1 wrong (ChatGPT's lower F-score on smart contracts
  // set against GPT-4 outperforming the state of the art, labelled neutral). heldout2 gave 0 of 4 blind; designed on
  // too since engine 0.6 (a factor explains a direction only in the clause that gives it): 2 of 4, none wrong.
  it('finds contradictions on the design halves, and marks at most one neutral pair as one', () => {
    const design = confusion('design', true, 'contradicts');
    const old = confusion('heldout', true, 'contradicts');
    const second = confusion('heldout2', true, 'contradicts');
    expect(design.tp + old.tp).toBeGreaterThanOrEqual(6);
    expect(design.fp + old.fp).toBeLessThanOrEqual(1);
    expect(second.tp).toBeGreaterThanOrEqual(2);
    expect(second.fp).toBe(0);
  });

  // heldout3 (102 pairs, 32 supports, 11 contradicts; PROVENANCE.md): chosen and labelled by a second annotator who
  // never ran the verifier, scored once with engine 0.5.1 (supports 3 correct, 0 wrong; contradictions 4 correct, 1
  // wrong) and once with 0.6 (8 correct, 1 wrong; 4 and 1), without reading its pairs. Design data since heldout4
  // took its place: its false contradiction was a background sentence (specificity.test.ts).
  // 14 of its supports found since, 1 wrong (attacks that "fool" models, the finding after "find that", "To this end").
  it('on heldout3, finds at least 14 of the 32 true supports with at most 1 false, and 4 of 11 contradictions with none false', () => {
    expect(rows3.filter((r) => r.split === 'heldout3')).toHaveLength(102);
    expect(rows3.filter((r) => r.label === 'supports')).toHaveLength(32);
    const supports = confusion('heldout3', true);
    const contradicts = confusion('heldout3', true, 'contradicts');
    expect(supports.tp).toBeGreaterThanOrEqual(14);
    expect(supports.fp).toBeLessThanOrEqual(1);
    expect(contradicts.tp).toBeGreaterThanOrEqual(4);
    expect(contradicts.fp).toBe(0);
  });

  // heldout4 (110 pairs, 41 supports, 13 contradicts; PROVENANCE.md): chosen and labelled by a third annotator round
  // that never ran the verifier; scored by totals only, with engine 0.6.0 (supports 9, contradictions 7, none wrong)
  // and with 0.6.1 (17 and 7, none wrong).
  it('on heldout4, finds at least 17 of the 41 true supports and 7 of 13 contradictions, none false', () => {
    expect(rows4.filter((r) => r.split === 'heldout4')).toHaveLength(110);
    expect(rows4.filter((r) => r.label === 'supports')).toHaveLength(41);
    expect(rows4.filter((r) => r.label === 'contradicts')).toHaveLength(13);
    const supports = confusion('heldout4', true);
    const contradicts = confusion('heldout4', true, 'contradicts');
    expect(supports.tp).toBeGreaterThanOrEqual(17);
    expect(supports.fp).toBe(0);
    expect(contradicts.tp).toBeGreaterThanOrEqual(7);
    expect(contradicts.fp).toBe(0);
  });

  // "To this end" opens a finding, not a purpose, and "suffer from" is a result word: the gate held this pair (heldout2,
  // labelled supports; its twin in heldout3 too) back as stating no finding.
  it('lets "To this end, … models still suffer from non-robust issues and can be easily fooled" support an attack\'s success', () => {
    const r = rows.find((row) => row.split === 'heldout2' && row.claim.startsWith('We show that DAMP has up to 89%') && row.evidence.startsWith('To this end, while deep learning'))!;
    const check = supportCheck(r.claim, r.evidence, stats.get(r.question)!, r.claim_paper, r.evidence_paper);
    expect([r.label, check.blocked, check.sameFinding]).toEqual(['supports', null, ['any/adversarial']]);
  });

  it('would fail without the support gate (the stance model alone reads topic as support)', () => {
    expect(confusion('heldout', false).fp).toBeGreaterThan(10);
  });
});

// A demo review's claims as the stages verify them: screened, claims extracted, verified against the included papers.
function verifiedReview(id: string) {
  const question = loadQuestion(id);
  const papers = papersFor(question);
  const { decisions } = screen(papers, question);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const included = decisions.filter((d) => d.included).map((d) => ({ ...byId.get(d.paper)!, relevance: d.relevance, facets: d.facets }));
  const ranked = [...decisions].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((d) => byId.get(d.paper)!);
  return verify(extractClaims(included, question).claims, included, question, ranked);
}

describe('a review whose papers agree on a finding', () => {
  // adversarial-robustness-code-models: DAMP, MHM and the code2vec study all find that models of code are fooled by
  // semantics-preserving identifier changes. Engine 0.1.3 supported none of its 19 claims.
  it('supports the attack papers\' claims with each other\'s findings', () => {
    const verified = verifiedReview('adversarial-robustness-code-models');
    expect(verified.filter((c) => c.verification.verdict === 'supported').length).toBeGreaterThanOrEqual(3);
    const damp = verified.find((c) => c.text.startsWith('We show that our DAMP attack is effective'));
    expect(damp?.verification.verdict).toBe('supported');
    const code2vec = damp?.verification.evidence.find((e) => e.paper === 'arxiv:2004.02942');
    expect(code2vec?.stance).toBe('supports');
    expect(code2vec?.quote).toContain('easily fooled by typos or adversarial attacks');
  });
});

describe('a review whose papers disagree on a finding', () => {
  // llm-vulnerability-detection: one paper finds LLMs "the future for vulnerability detection", another that pre-trained
  // LMs are "generally superior to LLMs". Engine 0.4 marked no contradiction offline.
  it('shows the opposite finding as contradicting, with both quotes', () => {
    const verified = verifiedReview('llm-vulnerability-detection');
    const future = verified.find((c) => c.text.startsWith('We demonstrate that large language models (LLMs) are the future for vulnerability detection'));
    const against = future?.verification.evidence.find((e) => e.stance === 'contradicts');
    expect(against?.quote).toContain('generally superior to LLMs in software vulnerability detection');
    expect(future?.quote.text).toContain('outperforming Graph Neural Networks');
  });
});
