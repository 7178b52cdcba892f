import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atom, json, startReplayServer, type ReplayServer } from '../sources/replay-server.ts';
import { fixture } from '../sources/recordings.ts';
import { liveDemoQuestion } from '../refresh/live-demo-question.ts';

// The refresh command exactly as the workflows run it (`npm run synthesize -- --refresh …`), as a
// process, against the loopback replay server of recorded arXiv and Europe PMC responses.
const repo = new URL('../..', import.meta.url).pathname;
let server: ReplayServer;
let root: string;

// Asynchronous on purpose: the replay server lives in this process, so a blocking spawn would leave the
// command waiting on a server that cannot answer.
async function run(...args: string[]) {
  const result = await promisify(execFile)(process.execPath, [join(repo, 'scripts/synthesize.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      CI: 'true',
      SIFT_ARXIV_URL: `${server.url}/arxiv/api`,
      SIFT_EUROPEPMC_URL: `${server.url}/europepmc/rest`,
      SIFT_OPENALEX_URL: `${server.url}/unused`,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return { code: result.code, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  server = await startReplayServer();
  root = mkdtempSync(join(tmpdir(), 'sift-refresh-cli-'));
  mkdirSync(join(root, 'questions'));
  cpSync(join(repo, 'questions/llm-vulnerability-detection.yaml'), join(root, 'questions/llm-vulnerability-detection.yaml'));
  cpSync(join(repo, 'corpora'), join(root, 'corpora'), { recursive: true });
  writeFileSync(
    join(root, 'questions/live-demo.yaml'),
    liveDemoQuestion(['refresh: { everyDays: 7 }']),
  );
}, 30_000);
afterAll(async () => server.close());

describe('npm run synthesize -- --refresh (as CI runs it)', () => {
  it('queries the live sources, writes the cache, synthesizes, and prints plain progress lines', async () => {
    server.route({ path: '/arxiv/api/query', replies: [atom(fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml'))] });
    server.route({ path: '/europepmc/rest/search', replies: [json(fixture('europepmc/search_cancer_core.json'))] });
    const { code, out } = await run('--refresh', '--question', 'live-demo');
    expect(out).toContain('[1/2] live-demo · arXiv: querying');
    expect(out).toMatch(/live-demo · arXiv: 10 records/);
    expect(out).toMatch(/refresh: 2 of 2 source queries succeeded/);
    expect(out).toMatch(/live-demo: 35 identified/);
    expect(code).toBe(0);
    const cache = JSON.parse(readFileSync(join(root, 'src/content/papers/live-demo.json'), 'utf8'));
    expect(cache.results.map((r: { source: string; records: unknown[] }) => [r.source, r.records.length])).toEqual([
      ['arxiv', 10],
      ['europepmc', 25],
    ]);
    // Corpus-only reviews are not refreshed, only synthesized when asked.
    expect(out).not.toContain('llm-vulnerability-detection');
  });

  it('keeps a failing source’s earlier records, marked stale, and says why', async () => {
    const before = JSON.parse(readFileSync(join(root, 'src/content/papers/live-demo.json'), 'utf8'));
    server.reset();
    server.route({ path: '/arxiv/api/query', replies: [atom(fixture('arxiv/recorded-2026/id_abc_s0_m100_b79c8dcf6bc3.xml'), 400)] });
    server.route({ path: '/europepmc/rest/search', replies: [json(fixture('europepmc/search_cancer_core.json'))] });
    const { code, out } = await run('--refresh', '--question', 'live-demo');
    expect(out).toMatch(/arXiv: FAILED, kept 10 earlier records \(stale\)/);
    expect(out).toMatch(/questions\/live-demo\.yaml: arXiv rejected the request \(400\), saying "incorrect id format/);
    expect(out).toContain("live-demo: unchanged (inputs hash the same), nothing written");
    expect(code).toBe(0);
    const after = JSON.parse(readFileSync(join(root, 'src/content/papers/live-demo.json'), 'utf8'));
    const arxiv = after.results.find((r: { source: string }) => r.source === 'arxiv');
    expect(arxiv.stale).toBe(true);
    expect(arxiv.records).toEqual(before.results.find((r: { source: string }) => r.source === 'arxiv').records);
  });

  it('--due skips reviews refreshed within their interval', async () => {
    const { code, out } = await run('--refresh', '--due');
    expect(out).toContain('refresh: no question with live sources selected is due');
    expect(out).toContain('synthesize: 0 written, 0 unchanged, 0 failed');
    expect(code).toBe(0);
  });

  it('names a bad --shard plainly', async () => {
    const { code, out } = await run('--shard', '5/4');
    expect(out).toMatch(/--shard "5\/4" should be I\/N/);
    expect(code).not.toBe(0);
  });
});
