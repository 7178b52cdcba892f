// ECE per benchmark and the leave-one-topic-out check of the confidence map, on the repository's hand-labelled pair
// sets and (where ../shared holds it) HealthVer dev.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { holdOneTopicOut, scoreSet } from '../../src/stance-model/calibration-by-set.ts';
import { readStanceSets } from '../../src/bench/stance-sets.ts';
import { COMMITTED_PARAMS } from '../../src/stance-model/classify.ts';
import { passageLinkedGroups } from '../../src/stance-model/folds.ts';
import { fitTopLabelMap } from '../../src/stance-model/top-label-calibration.ts';
import { design, innerHeldOutProbabilities } from '../../src/stance-model/train.ts';
import { DEFAULT_DATASET, readVerificationFile } from '../../src/store/verification-file.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sets = readStanceSets(root);
const count = (y: number[], c: number) => y.filter((v) => v === c).length;

describe('readStanceSets', () => {
  it('reads both sets with the label counts their PROVENANCE.md gives', () => {
    const [inDomain, devTopics] = sets;
    // in-domain: design 6/4/40, heldout 13/4/70, heldout2 26/4/81 (supports/contradicts/neutral).
    expect([count(inDomain!.y, 0), count(inDomain!.y, 1), count(inDomain!.y, 2)]).toEqual([45, 12, 191]);
    expect([count(devTopics!.y, 0), count(devTopics!.y, 1), count(devTopics!.y, 2)]).toEqual([28, 6, 117]);
    expect(new Set(devTopics!.topics)).toEqual(new Set(['nagtegaal-2019', 'bannach-brown-2019']));
  });
});

describe.runIf(existsSync(DEFAULT_DATASET))('with HealthVer dev', () => {
  const pairs = existsSync(DEFAULT_DATASET) ? readVerificationFile(DEFAULT_DATASET, 'test') : [];
  const healthVer = { ...design(pairs), groups: passageLinkedGroups(pairs) };
  const heldOut = existsSync(DEFAULT_DATASET) ? innerHeldOutProbabilities(healthVer, COMMITTED_PARAMS) : [];

  it('the committed confidence map is the one fitted on the inner held-out rows', () => {
    const argmax = (p: readonly number[]) => p.indexOf(Math.max(...p));
    const map = fitTopLabelMap(
      heldOut.map((p) => Math.max(...p)),
      heldOut.map((p, i) => argmax(p) === healthVer.y[i]),
      COMMITTED_PARAMS.minBlock,
    );
    expect(map).toEqual(COMMITTED_PARAMS.confidenceMap);
  });

  it('reports, per set, the ECE of the committed map and of maps fitted with the topic held out', () => {
    const held = holdOneTopicOut(COMMITTED_PARAMS, sets, { probabilities: heldOut, y: healthVer.y });
    expect(held.map((h) => h.n)).toEqual([248, 151]);
    held.forEach((h, i) => expect(h.committed).toBeCloseTo(scoreSet(COMMITTED_PARAMS, sets[i]!).ece, 12));
    // Where calibration stands (committed map / topic held out): demo topics 0.027 / 0.028, development topics
    // 0.106 / 0.094. A map fitted on HealthVer does not carry to the development topics.
    expect(held[0]!.committed).toBeLessThan(0.05);
    for (const h of held) expect(h.pooled).toBeLessThan(0.15);
  });
});
