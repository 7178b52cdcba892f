import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatServer, type ChatServer } from '../llm/chat-server.ts';
import { inDomainCsv, overconfidentModel } from '../llm/overconfident-model.ts';
import { LlmCalibration } from '../../src/records/index.ts';

// The two commands that use a language model, run as processes: without configuration they say what to set;
// bench:verify --llm scores the stance step against the loopback chat-completions server.
const repo = new URL('../..', import.meta.url).pathname;
let server: ChatServer;
let work: string;

// Asynchronous: the server lives in this process, so a blocking spawn would leave the command waiting on it.
async function run(script: string, args: string[], env: Record<string, string>) {
  return promisify(execFile)(process.execPath, [join(repo, script), ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...env } }).then(
    (r) => ({ code: 0, out: `${r.stdout}${r.stderr}` }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
  );
}

beforeAll(async () => {
  // The model says "supports" when the evidence repeats the claim's first word, else "neutral" (a pretend rule).
  server = await startChatServer((r) => {
    const data = r.data as { claim: string; evidence: { id: string; text: string }[] };
    const first = data.claim.split(' ')[0]!;
    const judgements = data.evidence.map((e) => ({ evidence: e.id, stance: e.text.includes(first) ? 'supports' : 'neutral', confidence: 0.9, reason: 'Compared word by word.' }));
    return { kind: 'answer', content: JSON.stringify({ judgements }) };
  });
  work = mkdtempSync(join(tmpdir(), 'sift-llm-cli-'));
  // Invented pairs: the benchmark data may not be copied into the repository (its PROVENANCE.md).
  writeFileSync(
    join(work, 'pairs.csv'),
    'claim,evidence,label\n' +
      '"Vitamin D lowers risk","Vitamin D intake lowered risk in the trial",Supports\n' +
      '"Masks reduce spread","The weather was mild that year",Neutral\n' +
      '"Exercise raises mood","Exercise had no effect on mood",Refutes\n',
  );
}, 30_000);

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run bench:verify -- <csv> --llm', () => {
  it('scores the model on the same contract as the lexical benchmark', async () => {
    const { code, out } = await run('scripts/bench-verify.ts', [join(work, 'pairs.csv'), '--llm'], { SIFT_LLM_BASE_URL: server.url, SIFT_LLM_MODEL: 'pretend' });
    expect(code).toBe(0);
    const last = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ n: 3, mode: 'llm', model: 'pretend', answered: 3, rejected: 0, failed: 0, file: 'pairs.csv' });
    // Supports and Neutral right, the refutation read as support: 2 of 3.
    expect(last.accuracy).toBeCloseTo(2 / 3, 4);
    expect(Object.keys(last)).toEqual(expect.arrayContaining(['accuracy', 'macro_f1', 'ece', 'per_class']));
    expect(out).toContain('macro-F1');
  });

  it('says what to set when no model is configured', async () => {
    const { code, out } = await run('scripts/bench-verify.ts', [join(work, 'pairs.csv'), '--llm'], {});
    expect(code).toBe(2);
    expect(out).toContain('environment: SIFT_LLM_BASE_URL: is not set');
  });
});

describe('npm run bench:verify -- <csv> --llm --fit-calibration <out>', () => {
  it("fits an overconfident model's stance calibration, cross-validated, and writes it keyed by the model", async () => {
    // Real hand-labelled pairs (tests/fixtures/stance-model/in-domain-pairs.csv), a model right ~60% of the time
    // that states 0.90-0.99 (tests/llm/overconfident-model.ts).
    const overconfident = await startChatServer(overconfidentModel());
    try {
      writeFileSync(join(work, 'in-domain.csv'), inDomainCsv());
      const out = join(work, 'calibration', 'overconfident.json');
      const { code, out: printed } = await run('scripts/bench-verify.ts', [join(work, 'in-domain.csv'), '--llm', '--fit-calibration', out], {
        SIFT_LLM_BASE_URL: overconfident.url,
        SIFT_LLM_MODEL: 'overconfident',
        SIFT_LLM_CONCURRENCY: '8',
      });
      expect(code, printed).toBe(0);
      const last = JSON.parse(printed.trim().split('\n').at(-1)!);
      expect(last).toMatchObject({ n: 248, mode: 'llm', model: 'overconfident', answered: 248 });
      expect(last.calibration.ece_before).toBeGreaterThan(0.25);
      expect(last.calibration.ece_after).toBeLessThan(last.calibration.ece_before / 2);
      expect(printed).toMatch(/ECE +0\.\d{4} \(model's own\) -> 0\.\d{4} \(calibrated\)/);
      const written = LlmCalibration.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(written).toMatchObject({ model: 'overconfident', prompt: 'stance-v2', fittedOn: { file: 'in-domain.csv', pairs: 248, judged: 248 } });
    } finally {
      await overconfident.close();
    }
  }, 60_000);

  it('is refused without --llm, and writes nothing', async () => {
    const out = join(work, 'nothing.json');
    const { code, out: printed } = await run('scripts/bench-verify.ts', [join(work, 'pairs.csv'), '--fit-calibration', out], {});
    expect(code).not.toBe(0);
    expect(printed).toContain('use it with --llm');
    expect(existsSync(out)).toBe(false);
  });
});

describe('npm run synthesize -- --llm', () => {
  it('says what to set when no model is configured, and touches nothing', async () => {
    const { code, out } = await run('scripts/synthesize.ts', ['--llm'], {});
    expect(code).toBe(2);
    expect(out).toContain('environment: SIFT_LLM_MODEL: is not set');
  });
});
