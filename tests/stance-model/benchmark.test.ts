// The benchmark command end to end. The HealthVer file lives outside the repository (../shared, its
// PROVENANCE.md forbids copying it in), so the tests that need it run only where it exists; the CLI's
// contract is checked on a small hand-written CSV written to a temporary folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, readVerificationFile } from '../../src/store/verification-file.ts';
import { claimGroup, groupedFolds, passageLinkedGroups } from '../../src/stance-model/folds.ts';
import { score } from '../../src/stance-model/metrics.ts';
import { crossValidatedProbabilities, DEFAULT_TRAINING, design } from '../../src/stance-model/train.ts';
import params from '../../src/stance-model/params.json' with { type: 'json' };

const root = fileURLToPath(new URL('../../', import.meta.url));
const bench = (...args: string[]) => spawnSync(process.execPath, ['scripts/bench-verify.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('bench:verify on a given CSV', () => {
  // Invented rows: the CLI's output contract, not the verifier's quality, is under test here.
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-'));
  const csv = join(dir, 'pairs.csv');
  writeFileSync(
    csv,
    [
      'claim,evidence,label',
      'Masks reduce transmission.,Masks reduced transmission in households.,Supports',
      'Masks reduce transmission.,Masks did not reduce transmission in households.,Refutes',
      'Masks reduce transmission.,The hospital opened a new ward.,Neutral',
      'Fine-tuning improves detection.,Fine-tuning did not improve detection.,Refutes',
    ].join('\n'),
  );

  it('prints the figures and, last, one JSON object with the required keys', () => {
    const out = execFileSync(process.execPath, ['scripts/bench-verify.ts', csv], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/macro-F1/);
    expect(out).toMatch(/ECE \(15 bins\)/);
    const last = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ n: 4, mode: 'committed-params' });
    for (const key of ['accuracy', 'macro_f1', 'ece']) expect(typeof last[key]).toBe('number');
    expect(Object.keys(last['per_class'] as object)).toEqual(['Supports', 'Refutes', 'Neutral']);
  });

  it('with --cv, says the figures are nested cross-validation, in the text and in the JSON', () => {
    // Invented: six claims, each with one supporting, one refuting and one unrelated sentence, so that every
    // outer and inner training split of two grouped folds holds all three labels.
    const claims = ['Masks reduce transmission', 'Vitamin D lowers mortality', 'Remdesivir shortens recovery', 'Zinc prevents infection', 'Heat kills the virus', 'Smoking increases severity'];
    const cvCsv = join(dir, 'cv.csv');
    writeFileSync(
      cvCsv,
      [
        'claim,evidence,label',
        ...claims.flatMap((c) => [
          `${c}.,${c} in a large trial.,Supports`,
          `${c}.,It is not true that ${c.toLowerCase()}.,Refutes`,
          `${c}.,The hospital opened a new ward.,Neutral`,
        ]),
      ].join('\n'),
    );
    const r = bench(cvCsv, '--cv', '--folds', '2');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Nested cross-validation on cv\.csv/);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ n: 18, mode: 'cross-validation', selection: 'nested-cv' });
  });

  it('says where it looked and how to pass a path when the file is missing', () => {
    const r = bench(join(dir, 'absent.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(dir, 'absent.csv'));
    expect(r.stderr).toContain('npm run bench:verify -- path/to/file.csv');
  });
});

const haveData = existsSync(DEFAULT_DATASET);
if (!haveData) console.log(`skipping HealthVer benchmark tests: ${DEFAULT_DATASET} not found`);

describe.skipIf(!haveData)('HealthVer dev (../shared)', () => {
  it('the committed parameters were fitted on this very file', () => {
    const sha = createHash('sha256').update(readFileSync(DEFAULT_DATASET)).digest('hex');
    expect(params.fittedOn.sha256).toBe(sha);
  });

  it('no passage is paired with claims on both sides of a passage-grouped split', () => {
    const pairs = readVerificationFile(DEFAULT_DATASET, 'test');
    const folds = groupedFolds(passageLinkedGroups(pairs), 5, DEFAULT_TRAINING.seed);
    const foldsOfPassage = new Map<string, Set<number>>();
    pairs.forEach((p, i) => foldsOfPassage.set(p.evidence, (foldsOfPassage.get(p.evidence) ?? new Set()).add(folds[i]!)));
    expect([...foldsOfPassage.values()].every((f) => f.size === 1)).toBe(true);
    // Claim-grouped folds do split passages: that is what the stricter grouping is for.
    const byClaim = groupedFolds(pairs.map((p) => claimGroup(p.claim)), 5, DEFAULT_TRAINING.seed);
    const split = new Map<string, Set<number>>();
    pairs.forEach((p, i) => split.set(p.evidence, (split.get(p.evidence) ?? new Set()).add(byClaim[i]!)));
    expect([...split.values()].some((f) => f.size > 1)).toBe(true);
  });

  it('cross-validated, beats the majority class and stays calibrated', { timeout: 180_000 }, () => {
    const data = design(readVerificationFile(DEFAULT_DATASET, 'test'));
    const s = score(crossValidatedProbabilities(data, { ...DEFAULT_TRAINING, folds: 3 }), data.y);
    // Majority class (Neutral) gives macro-F1 0.23 on this split.
    expect(s.macro_f1).toBeGreaterThan(0.35);
    expect(s.ece).toBeLessThan(0.08);
  });
});
