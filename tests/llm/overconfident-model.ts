import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LabelledPair } from '../../src/stance-model/dataset.ts';
import type { ChatReply, ChatRequest } from './chat-server.ts';

// A pretend language model that is systematically overconfident, for the stance calibration tests: it gives the
// right stance for about 60% of claim/evidence pairs and a wrong one for the rest, always stating a probability of
// 0.90 to 0.99. Which pairs it gets right is fixed by a hash of the pair, so every run answers the same. The pairs
// are real: the hand-labelled in-domain pairs of tests/fixtures/stance-model/in-domain-pairs.csv (sentences
// verbatim from the corpora's abstracts, see its PROVENANCE.md), read as the benchmark reads a CSV.

const STANCE_OF: Record<string, string> = { supports: 'supports', contradicts: 'contradicts', neutral: 'neutral' };
const OTHERS: Record<string, [string, string]> = {
  supports: ['neutral', 'contradicts'],
  contradicts: ['supports', 'neutral'],
  neutral: ['supports', 'contradicts'],
};

/** The in-domain pairs with the benchmark's label names (Supports / Refutes / Neutral). */
export function inDomainPairs(): LabelledPair[] {
  const rows = parse(readFileSync(new URL('../fixtures/stance-model/in-domain-pairs.csv', import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[];
  const label = { supports: 'Supports', contradicts: 'Refutes', neutral: 'Neutral' } as const;
  return rows.map((r) => ({ claim: r['claim']!, evidence: r['evidence']!, label: label[r['label'] as keyof typeof label] }));
}

/** The same pairs as a benchmark CSV (claim, evidence, label). */
export function inDomainCsv(): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return ['claim,evidence,label', ...inDomainPairs().map((p) => [q(p.claim), q(p.evidence), p.label].join(','))].join('\n') + '\n';
}

/** Two numbers in [0, 1) fixed by the pair. */
function draws(claim: string, evidence: string): [number, number] {
  const h = createHash('sha256').update(`${claim}\n${evidence}`).digest();
  return [h.readUInt32BE(0) / 2 ** 32, h.readUInt32BE(4) / 2 ** 32];
}

export const RIGHT_SHARE = 0.6;

export function overconfidentModel(pairs: readonly LabelledPair[] = inDomainPairs()): (request: ChatRequest) => ChatReply {
  const truth = new Map(pairs.map((p) => [`${p.claim}\n${p.evidence}`, p.label === 'Supports' ? 'supports' : p.label === 'Refutes' ? 'contradicts' : 'neutral']));
  return (request) => {
    const data = request.data as { claim: string; evidence: { id: string; text: string }[] };
    const judgements = data.evidence.map((e) => {
      const right = STANCE_OF[truth.get(`${data.claim}\n${e.text}`) ?? 'neutral']!;
      const [u, v] = draws(data.claim, e.text);
      const stance = u < RIGHT_SHARE ? right : OTHERS[right]![v < 0.5 ? 0 : 1]!;
      return { evidence: e.id, stance, confidence: Math.round((0.9 + 0.09 * v) * 100) / 100, reason: 'Read against the claim.' };
    });
    return { kind: 'answer', content: JSON.stringify({ judgements }) };
  };
}
