import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetrievalCache } from '../../src/records/index.ts';
import { atom, json, startReplayServer, type ReplayServer, type Reply } from '../sources/replay-server.ts';
import { fixture } from '../sources/recordings.ts';
import { liveDemoQuestion } from './live-demo-question.ts';

// The refresh command as a process (`npm run synthesize -- --refresh`), against the loopback replay
// server of recorded arXiv, Europe PMC and OpenAlex responses: killed mid-run, run twice at once, and
// handed a key that the servers echo back (issue 10, findings 9 and 6). Bounded: a handful of kills at
// spread-out moments, each run a few seconds at most.

const repo = new URL('../..', import.meta.url).pathname;
let server: ReplayServer;
const roots: string[] = [];

type Run = { code: number | null; signal: NodeJS.Signals | null; out: string };

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    CI: 'true',
    SIFT_ARXIV_URL: `${server.url}/arxiv/api`,
    SIFT_EUROPEPMC_URL: `${server.url}/europepmc/rest`,
    SIFT_OPENALEX_URL: `${server.url}/openalex`,
    SIFT_CROSSREF_URL: `${server.url}/crossref`,
    ...extra,
  };
}

// Asynchronous on purpose: the replay server lives in this process.
function start(root: string, args: string[], extra: Record<string, string> = {}): { done: Promise<Run>; kill: () => void } {
  const child = spawn(process.execPath, [join(repo, 'scripts/synthesize.ts'), ...args], { cwd: root, env: env(extra) });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
  return { done, kill: () => child.kill('SIGKILL') };
}

function liveRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'sift-refresh-proc-'));
  roots.push(root);
  mkdirSync(join(root, 'questions'));
  writeFileSync(
    join(root, 'questions/live-demo.yaml'),
    liveDemoQuestion(),
  );
  return root;
}

const cacheFile = (root: string) => join(root, 'src/content/papers/live-demo.json');
const titlesBySource = (cache: RetrievalCache) => Object.fromEntries(cache.results.map((r) => [r.source, r.records.map((p) => p.title)]));

// The Europe PMC page as recorded, and as a later refresh finds it (its first title corrected; invented,
// so that the old and the new cache can be told apart).
const europepmcOld = fixture('europepmc/search_cancer_core.json');
const europepmcNew = (() => {
  const body = JSON.parse(europepmcOld) as { resultList: { result: Array<{ title: string }> } };
  body.resultList.result[0]!.title = `Corrected: ${body.resultList.result[0]!.title}`;
  return JSON.stringify(body);
})();

function serve(europepmc: string, delayMs: number): void {
  server.reset();
  const slow = (reply: Reply): Reply => ({ ...reply, delayMs });
  server.route({ path: '/arxiv/api/query', replies: [slow(atom(fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml')))] });
  server.route({ path: '/europepmc/rest/search', replies: [slow(json(europepmc))] });
}

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('a refresh killed mid-run', () => {
  it('leaves the old cache or the new one, never half of one, and the next start clears what it left', async () => {
    const root = liveRoot();
    serve(europepmcOld, 0);
    const first = await start(root, ['--refresh', '--question', 'live-demo']).done;
    expect(first.code, first.out).toBe(0);
    const old = titlesBySource(RetrievalCache.parse(JSON.parse(readFileSync(cacheFile(root), 'utf8'))));

    serve(europepmcNew, 150);
    // Kill moments spread from start-up, through the queries, the cache write and the synthesis.
    const seen: Array<Record<string, string[]>> = [];
    for (const after of [50, 600, 1200, 1800, 2500]) {
      const run = start(root, ['--refresh', '--question', 'live-demo']);
      await new Promise((resolve) => setTimeout(resolve, after));
      run.kill();
      await run.done;
      // Parsing checks it is whole: a half-written cache is not JSON, or not a retrieval cache.
      seen.push(titlesBySource(RetrievalCache.parse(JSON.parse(readFileSync(cacheFile(root), 'utf8')))));
    }

    // What a write killed between writing and renaming leaves (the kills above rarely hit that instant);
    // a pid above Linux's pid_max (2^22) is no process's.
    writeFileSync(join(root, 'src/content/papers', `.live-demo.json.${2 ** 22 + 1}.tmp`), '{"question":"live-de');
    // A killed run's lock is taken over (its pid is gone): were it waited for, the run would stop with
    // the lock's message and a non-zero code instead.
    const last = await start(root, ['--refresh', '--question', 'live-demo']).done;
    expect(last.code, last.out).toBe(0);
    expect(last.out).not.toContain('.sift-lock');
    const left = readdirSync(join(root, 'src/content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp') || f.includes('.sift-lock'));
    expect(left).toEqual([]);
    const fresh = titlesBySource(RetrievalCache.parse(JSON.parse(readFileSync(cacheFile(root), 'utf8'))));
    expect(fresh).not.toEqual(old);
    for (const cache of seen) expect([old, fresh]).toContainEqual(cache);
  }, 120_000);
});

describe('two refreshes at once', () => {
  it('loses neither one’s results: the second waits for the first', async () => {
    const root = liveRoot();
    serve(europepmcOld, 600);
    const arxiv = start(root, ['--refresh', '--source', 'arxiv', '--question', 'live-demo']);
    const europepmc = start(root, ['--refresh', '--source', 'europepmc', '--question', 'live-demo']);
    const [a, b] = await Promise.all([arxiv.done, europepmc.done]);
    expect(a.code, a.out).toBe(0);
    expect(b.code, b.out).toBe(0);
    const cache = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile(root), 'utf8')));
    expect(cache.results.map((r) => [r.source, r.records.length]).sort()).toEqual([
      ['arxiv', 10],
      ['europepmc', 25],
    ]);
  }, 120_000);

  it('stops with a message naming the lock when the other run takes too long', async () => {
    const root = liveRoot();
    serve(europepmcOld, 3_000);
    const slow = start(root, ['--refresh', '--source', 'europepmc', '--question', 'live-demo']);
    // Wait until the slow run holds the lock.
    for (let i = 0; i < 100 && !existsSync(join(root, 'src/content/.sift-lock')); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await start(root, ['--refresh', '--source', 'arxiv', '--question', 'live-demo'], { SIFT_LOCK_WAIT_MS: '300' }).done;
    expect(second.code).not.toBe(0);
    // The slow run holds the lock through its refresh and then its synthesis.
    expect(second.out).toMatch(/src\/content\/\.sift-lock: another Sift run \(pid \d+ on .+, "synthesize( --refresh)?", since .+\) is writing the content folder; waited 0 s for it and stopped so that neither run overwrites the other's results: wait for that run to finish and run this again/);
    expect((await slow.done).code).toBe(0);
  }, 120_000);
});

describe('a key the servers echo back (issue 10, finding 6)', () => {
  const KEY = 'zq7/QX+kv 9w-5d1e';
  const forms = [KEY, encodeURIComponent(KEY), JSON.stringify(KEY).slice(1, -1).replace('/', '\\/'), new URLSearchParams({ k: KEY }).toString().slice(2)];
  // Every form begins and ends as the key does: a form left whole, or half-redacted, shows an end.
  const leaks = (text: string) => ['zq7', '9w-5d1e'].filter((end) => text.includes(end));

  it('reaches neither the output, the cache nor the stored synthesis', async () => {
    const root = liveRoot();
    writeFileSync(
      join(root, 'questions/keyed.yaml'),
      ['title: A keyed review', 'question: What do the recorded works say about English?', 'facets:', '  - { id: english, label: English, terms: [english] }', 'sources:', '  - { type: openalex, limit: 5 }', '  - { type: crossref, limit: 5 }', 'search: { queries: [english] }'].join('\n'),
    );
    server.reset();
    const body = JSON.parse(fixture('openalex/works_search_english_africa_per200.min.json')) as { meta: Record<string, unknown>; results: Array<Record<string, unknown>> };
    // A 200 whose record data carries the request back, key and all, in several encodings.
    const results = body.results.slice(0, 5).map((work, i) => ({ ...work, title: `${String(work['title'])} ${forms[i % forms.length]}`, display_name: `${String(work['display_name'])} ${forms[i % forms.length]}` }));
    server.route({ path: '/openalex/works', replies: [json({ meta: { ...body.meta, next_cursor: null }, results })] });
    // An error body echoing the key JSON-escaped (with "\/", as PHP writes it) and percent-encoded.
    server.route({ path: '/crossref/works', replies: [json({ status: 'failed', message: [{ message: `key "${forms[2]}" refused for /works?api_key=${forms[1]}` }] }, 403)] });
    const run = await start(root, ['--refresh', '--question', 'keyed'], { OPENALEX_API_KEY: KEY }).done;
    expect(run.code, run.out).toBe(0);
    expect(server.requests.some((request) => request.query['api_key'] === KEY)).toBe(true);
    expect(run.out).toContain('[redacted]');
    expect(leaks(run.out)).toEqual([]);
    const cache = readFileSync(join(root, 'src/content/papers/keyed.json'), 'utf8');
    expect(cache).toContain('[redacted]');
    expect(leaks(cache)).toEqual([]);
    expect(leaks(readFileSync(join(root, 'src/content/syntheses/keyed.json'), 'utf8'))).toEqual([]);
  }, 60_000);
});
