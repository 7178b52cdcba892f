import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmCalibration } from '../../src/records/index.ts';
import { createLlmClient } from '../../src/llm/client.ts';
import { benchStance, type StanceBench } from '../../src/llm/bench-stance.ts';
import { fitStanceCalibration, TooFewJudgedPairs } from '../../src/llm/stance-calibration.ts';
import { claimGroup, groupedFolds } from '../../src/stance-model/folds.ts';
import { expectedCalibrationError } from '../../src/stance-model/metrics.ts';
import { LABELS } from '../../src/stance-model/model.ts';
import { calibratedConfidence, fitStanceMaps, statedJudgements, statedVector } from '../../src/stance-model/stated-confidence.ts';
import { startChatServer, type ChatServer } from './chat-server.ts';
import { inDomainPairs, overconfidentModel, RIGHT_SHARE } from './overconfident-model.ts';

// A loopback model that is right about 60% of the time while stating 0.90-0.99 (tests/llm/overconfident-model.ts),
// asked about 248 real hand-labelled claim/evidence pairs through the benchmark path (src/llm/bench-stance.ts):
// a calibration fitted on one half of the claims must bring the other half's calibration error down.

const pairs = inDomainPairs();
let server: ChatServer;
let bench: StanceBench;

beforeAll(async () => {
  server = await startChatServer(overconfidentModel(pairs));
  const asker = createLlmClient(
    { baseUrl: server.url, model: 'overconfident', apiKey: null, stream: false, concurrency: 8, timeoutMs: 5000, retries: 0, budget: { requests: 1000, tokens: 10_000_000 } },
    { fetch: globalThis.fetch, now: () => 0, sleep: async () => {}, random: () => 0, clock: () => '2026-11-26T10:00:00Z' },
  );
  bench = await benchStance(pairs, asker, 'overconfident');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a stance calibration fitted on the answers of an overconfident model', () => {
  it('is asked every pair, and every answer passes the checks', () => {
    expect(bench.answered).toBe(pairs.length);
    expect(bench.judgements.every((j) => j !== null)).toBe(true);
    const right = statedJudgements(pairs, bench.judgements).filter((j) => j.right).length / pairs.length;
    expect(Math.abs(right - RIGHT_SHARE)).toBeLessThan(0.1);
  });

  it('fitted on one half of the claims, lowers the calibration error on the other half', () => {
    const half = groupedFolds(pairs.map((p) => claimGroup(p.claim)), 2, 7);
    const fit = pairs.filter((_, i) => half[i] === 0);
    const held = pairs.filter((_, i) => half[i] === 1);
    const judgementsOf = (side: number) => bench.judgements.filter((_, i) => half[i] === side);
    const maps = fitStanceMaps(statedJudgements(fit, judgementsOf(0)));
    const heldJudgements = judgementsOf(1).map((j) => j!);
    const truth = held.map((p) => LABELS.indexOf(p.label));
    const before = expectedCalibrationError(heldJudgements.map((j) => statedVector(j.stance, j.confidence)), truth);
    const after = expectedCalibrationError(heldJudgements.map((j) => statedVector(j.stance, calibratedConfidence(maps, j.stance, j.confidence))), truth);
    expect(held.length).toBeGreaterThan(80);
    expect(before).toBeGreaterThan(0.25); // stated ~0.95, right ~60%
    expect(after).toBeLessThan(before / 2);
    // Each stance's mapped probability now reads as about how often the model is right when it states that stance.
    for (const stance of ['supports', 'neutral'] as const) {
      const stated = heldJudgements.map((j, i) => ({ j, right: LABELS[truth[i]!] === { supports: 'Supports', neutral: 'Neutral' }[stance] })).filter((x) => x.j.stance === stance);
      expect(stated.length).toBeGreaterThan(20);
      const share = stated.filter((x) => x.right).length / stated.length;
      const mean = stated.reduce((sum, x) => sum + calibratedConfidence(maps, stance, x.j.confidence), 0) / stated.length;
      expect(Math.abs(mean - share), stance).toBeLessThan(0.15);
      expect(mean, stance).toBeLessThan(0.9);
    }
  });

  it('cross-validates and writes a record keyed by the model, with the held-out figures', () => {
    const record = fitStanceCalibration(pairs, bench, { model: 'overconfident', file: 'in-domain.csv', sha256: 'x', answered: '2026-11-26', folds: 5, seed: 3 });
    expect(LlmCalibration.parse(record)).toEqual(record);
    expect(record).toMatchObject({ model: 'overconfident', prompt: 'stance-v2', method: 'platt-per-stance' });
    expect(record.fittedOn).toMatchObject({ pairs: pairs.length, judged: pairs.length });
    expect(record.crossValidated.judged).toBe(pairs.length);
    expect(record.crossValidated.eceBefore).toBeGreaterThan(0.25);
    expect(record.crossValidated.eceAfter).toBeLessThan(record.crossValidated.eceBefore / 2);
    expect(record.stances.neutral.own).toBe(true);
  });

  it('refuses to fit on too few judged pairs', () => {
    const few = { judgements: bench.judgements.map((j, i) => (i < 10 ? j : null)) };
    expect(() => fitStanceCalibration(pairs, few, { model: 'm', file: 'f', sha256: 'x', answered: 'd', folds: 5, seed: 3 })).toThrow(TooFewJudgedPairs);
  });
});
