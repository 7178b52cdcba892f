import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RetrievalCache, type Question } from '../../src/records/index.ts';
import { refresh, type RefreshProgress } from '../../src/refresh/refresh.ts';
import type { LiveConfig } from '../../src/sources/config.ts';
import { atom, json, startReplayServer, type Fault, type ReplayServer } from './replay-server.ts';
import { crossrefError, fakeWorld, fixture, liveDeps, question, replayConfig, s2Recording, SECRET_OPENALEX } from './recordings.ts';

// Every fault issue #3 names, injected by the replay server on 127.0.0.1, run through refresh() against
// a cache that already holds results from all five sources. For each: how often it retried and how long
// it waited (from the fake clock), what the user is told, and what happened to the cache.

const s2Path = '/s2/graph/v1/paper/search';
const openalexPath = '/openalex/works';
const crossrefPath = '/crossref/works';
const arxivPath = '/arxiv/api/query';
const europepmcPath = '/europepmc/rest/search';

const recorded429 = s2Recording('SemanticScholarTest.test_search_paper_6222d16_0.json');
const recorded429Again = s2Recording('SemanticScholarTest.test_search_paper_6222d16_1.json');
const recordedRetry200 = s2Recording('SemanticScholarTest.test_search_paper_6222d16_2.json');

const everySource: Question = question({
  sources: [
    { type: 'openalex', limit: 20 },
    { type: 'crossref', limit: 20 },
    { type: 'arxiv', limit: 10 },
    { type: 'semanticscholar', limit: 20 },
    { type: 'europepmc', limit: 25 },
  ],
  search: { queries: ['testing'] },
});

let server: ReplayServer;
let directory: string;
let baseline: string;
let cacheFile: string;

function routeRecordings(): void {
  server.route({ path: openalexPath, replies: [json(fixture('openalex/works_search_english_africa_per200.min.json'))] });
  server.route({ path: crossrefPath, replies: [json(fixture('crossref/test_works_field_queries_0.json'))] });
  server.route({ path: arxivPath, replies: [atom(fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml'))] });
  server.route({ path: s2Path, replies: [json(s2Recording('test_search_paper_next_page_ae6c154_0.json').body)] });
  server.route({ path: europepmcPath, replies: [json(fixture('europepmc/search_cancer_core.json'))] });
}

async function run(sources: string[], overrides: Partial<LiveConfig> = {}, signal?: AbortSignal) {
  const config = replayConfig(server.url, overrides);
  const world = fakeWorld(Date.parse('2026-11-26T04:00:00Z'));
  const events: RefreshProgress[] = [];
  const summary = await refresh(everySource, {
    sources,
    cacheFile,
    config,
    deps: liveDeps(config, world, signal),
    onProgress: (event) => events.push(event),
  });
  const cache = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile, 'utf8')));
  return { summary, world, events, cache };
}

function resultOf(cacheText: string, source: string) {
  return RetrievalCache.parse(JSON.parse(cacheText)).results.find((result) => result.source === source)!;
}

// What must hold after any failed source: its records byte-for-byte as before, marked stale, and every
// other source's result untouched.
function expectKeptAndStale(source: string, message: RegExp): void {
  const before = readFileSync(baseline, 'utf8');
  const after = readFileSync(cacheFile, 'utf8');
  const was = resultOf(before, source);
  const now = resultOf(after, source);
  expect(JSON.stringify(now.records)).toBe(JSON.stringify(was.records));
  expect(now.stale).toBe(true);
  const last = now.log.at(-1)!;
  expect(last.outcome).toBe('stale');
  expect(last.cacheHit).toBe(true);
  expect(last.message).toMatch(message);
  expect(now.log.filter((line) => line.outcome === 'error')).toHaveLength(1);
  for (const other of RetrievalCache.parse(JSON.parse(before)).results.filter((result) => result.source !== source)) {
    expect(JSON.stringify(resultOf(after, other.source))).toBe(JSON.stringify(other));
  }
}

beforeAll(async () => {
  server = await startReplayServer();
  directory = mkdtempSync(join(tmpdir(), 'sift-faults-'));
  baseline = join(directory, 'baseline.json');
  cacheFile = join(directory, 'cache.json');
  routeRecordings();
  const config = replayConfig(server.url);
  const world = fakeWorld();
  const summary = await refresh(everySource, { cacheFile: baseline, config, deps: liveDeps(config, world) });
  expect(summary.sources.map((source) => [source.source, source.outcome, source.count])).toEqual([
    ['openalex', 'ok', 20],
    ['crossref', 'ok', 20],
    ['arxiv', 'ok', 10],
    ['semanticscholar', 'ok', 20],
    ['europepmc', 'ok', 25],
  ]);
});

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => {
  server.reset();
  routeRecordings();
  copyFileSync(baseline, cacheFile);
});

describe('429 Too Many Requests (the recorded Semantic Scholar 429s)', () => {
  it('with Retry-After in seconds: waits exactly that long, twice, then takes the recorded 200', async () => {
    server.reset();
    const headers = { 'content-type': 'application/json', 'retry-after': '7' };
    server.route({
      path: s2Path,
      replies: [
        { status: 429, body: recorded429.body, headers },
        { status: 429, body: recorded429Again.body, headers },
        json(recordedRetry200.body),
      ],
    });
    const { summary, world, cache } = await run(['semanticscholar']);
    expect(server.requests).toHaveLength(3);
    expect(world.sleeps).toEqual([7000, 7000]);
    expect(summary.sources).toEqual([{ source: 'semanticscholar', outcome: 'ok', count: 20, previous: 20, message: null }]);
    const result = cache.results.find((entry) => entry.source === 'semanticscholar')!;
    expect(result.stale).toBe(false);
    expect(result.log[0]!.message).toBe('answered after 3 attempts (waited 7.0 s, 7.0 s)');
    expect(result.records[0]!.title).toBe('Large Language Models Pass the Turing Test');
  });

  it('with Retry-After as an HTTP-date: waits until that time', async () => {
    const at = new Date(Date.parse('2026-11-26T04:00:05Z')).toUTCString();
    server.fault(s2Path, { kind: 'reply', reply: { status: 429, body: recorded429.body, headers: { 'retry-after': at } } });
    const { world, summary } = await run(['semanticscholar']);
    expect(world.sleeps).toEqual([5000]);
    expect(summary.sources[0]!.outcome).toBe('ok');
  });

  it('without Retry-After, every time: exponential backoff with jitter, then gives up and keeps the old records', async () => {
    const limited: Fault = { kind: 'reply', reply: { status: 429, body: recorded429.body } };
    server.fault(s2Path, limited, limited, limited, limited);
    const { world, summary } = await run(['semanticscholar'], {}, undefined);
    expect(server.requests).toHaveLength(4);
    // Base 1 s doubling, "equal jitter" with random() = 0.5: 3/4 of 1, 2 and 4 s. The 250 ms is the
    // keyed 1 request/s limit topping up the first, shorter backoff.
    expect(world.sleeps).toEqual([750, 250, 1500, 3000]);
    expect(world.fetchTimes.map((time) => time - world.fetchTimes[0]!)).toEqual([0, 1000, 2500, 5500]);
    const message =
      'questions/replay-test.yaml: Semantic Scholar answered 429 (too many requests) after 4 attempts: run the refresh again later';
    expect(summary.sources[0]).toMatchObject({ source: 'semanticscholar', outcome: 'stale', count: 20, previous: 20, message });
    expectKeptAndStale('semanticscholar', /^Kept 20 records from an earlier refresh because this one failed: questions\/replay-test\.yaml: Semantic Scholar answered 429/);
  });

  it('asking for a longer wait than allowed: stops at once and says how long it asked for', async () => {
    server.fault(s2Path, { kind: 'reply', reply: { status: 429, body: recorded429.body, headers: { 'retry-after': '3600' } } });
    const { world, summary } = await run(['semanticscholar'], { keys: { openalex: null, semanticscholar: null } });
    expect(server.requests).toHaveLength(1);
    expect(world.sleeps).toEqual([]);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: Semantic Scholar answered 429 (too many requests) after 1 attempt; it asked to wait 3600 s: ' +
        'run the refresh again later, or set SEMANTIC_SCHOLAR_API_KEY for a dedicated rate limit',
    );
    expectKeptAndStale('semanticscholar', /asked to wait 3600 s/);
  });
});

describe('server errors', () => {
  it('500 then 503 then success: two retries with backoff, fresh records kept', async () => {
    server.fault(
      openalexPath,
      { kind: 'reply', reply: json({ error: 'Internal Server Error' }, 500) },
      { kind: 'reply', reply: { status: 503, body: '<html><body>Service Unavailable</body></html>', headers: { 'content-type': 'text/html' } } },
    );
    const { world, summary, cache } = await run(['openalex']);
    expect(server.requests).toHaveLength(3);
    expect(world.sleeps).toEqual([750, 1500]);
    expect(summary.sources[0]!.outcome).toBe('ok');
    expect(cache.results.find((entry) => entry.source === 'openalex')!.log[0]!.message).toBe('answered after 3 attempts (waited 0.8 s, 1.5 s)');
  });

  it('503 every time: gives up after the retries, keeps the old records, says so', async () => {
    const unavailable: Fault = { kind: 'reply', reply: { status: 503, body: 'Service Unavailable', headers: { 'retry-after': '2' } } };
    server.fault(europepmcPath, unavailable, unavailable, unavailable, unavailable);
    const { world, summary } = await run(['europepmc']);
    expect(server.requests).toHaveLength(4);
    // Retry-After is honoured on 503 as well; the rate-limit interval (200 ms) is shorter and adds nothing.
    expect(world.sleeps).toEqual([2000, 2000, 2000]);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: Europe PMC answered 503 (server error) after 4 attempts; the service is having trouble: run the refresh again later',
    );
    expectKeptAndStale('europepmc', /Europe PMC answered 503/);
  });
});

describe('network faults', () => {
  it('a connection reset is retried', async () => {
    server.fault(crossrefPath, { kind: 'reset' });
    const { world, summary } = await run(['crossref']);
    expect(server.requests).toHaveLength(2);
    expect(world.sleeps).toEqual([750]);
    expect(summary.sources[0]!.outcome).toBe('ok');
  });

  it('connection resets every time: gives up with a plain message', async () => {
    server.fault(crossrefPath, { kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
    const { world, summary } = await run(['crossref']);
    expect(server.requests).toHaveLength(4);
    expect(world.sleeps).toEqual([750, 1500, 3000]);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: Crossref could not be reached (the connection was closed before an answer came, 4 attempts): ' +
        'check the network connection and SIFT_CROSSREF_URL',
    );
    expectKeptAndStale('crossref', /Crossref could not be reached/);
  });

  it('a server that never answers: timed out, retried, then reported', async () => {
    server.fault(openalexPath, { kind: 'hang' }, { kind: 'hang' });
    const { world, summary } = await run(['openalex'], { timeoutMs: 150, retries: 1 });
    expect(server.requests).toHaveLength(2);
    expect(world.sleeps).toEqual([750]);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: OpenAlex did not answer within 0.15 s (2 attempts): run the refresh again later',
    );
    expectKeptAndStale('openalex', /OpenAlex did not answer within 0\.15 s/);
  });
});

describe('unreadable answers are not retried', () => {
  it('malformed JSON', async () => {
    const body = fixture('crossref/test_works_field_queries_0.json');
    server.fault(crossrefPath, { kind: 'reply', reply: json(body.slice(0, Math.floor(body.length / 2))) });
    const { world, summary } = await run(['crossref']);
    expect(server.requests).toHaveLength(1);
    expect(world.sleeps).toEqual([]);
    expect(summary.sources[0]!.message).toMatch(
      /^questions\/replay-test\.yaml: Crossref sent a response that could not be read \(invalid JSON: .+\): run the refresh again later; if it keeps happening the API format may have changed, so report it$/,
    );
    expectKeptAndStale('crossref', /could not be read \(invalid JSON/);
  });

  it('truncated XML', async () => {
    const feed = fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml');
    server.fault(arxivPath, { kind: 'reply', reply: atom(feed.slice(0, Math.floor(feed.length * 0.6))) });
    const { world, summary } = await run(['arxiv']);
    expect(server.requests).toHaveLength(1);
    expect(world.sleeps).toEqual([]);
    expect(summary.sources[0]!.message).toMatch(/^questions\/replay-test\.yaml: arXiv sent a response that could not be read \(invalid XML at line \d+: .+\): run the refresh again later/);
    expectKeptAndStale('arxiv', /invalid XML/);
  });
});

describe('API errors with a body', () => {
  it('400 from Crossref: not retried, the API message quoted', async () => {
    server.fault(crossrefPath, { kind: 'reply', reply: crossrefError('400_test_funders_fail_limit_0.txt') });
    const { world, summary } = await run(['crossref']);
    expect(server.requests).toHaveLength(1);
    expect(world.sleeps).toEqual([]);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: Crossref rejected the request (400), saying "Integer specified as things but must be a positive integer less than or equal to 1000": ' +
        'check search.queries, search.limit and screening.years',
    );
    expectKeptAndStale('crossref', /Crossref rejected the request/);
  });

  it("400 from arXiv: the error feed's summary quoted", async () => {
    server.fault(arxivPath, { kind: 'reply', reply: atom(fixture('arxiv/recorded-2026/id_abc_s0_m100_b79c8dcf6bc3.xml'), 400) });
    const { summary } = await run(['arxiv']);
    expect(summary.sources[0]!.message).toMatch(/^questions\/replay-test\.yaml: arXiv rejected the request \(400\), saying "incorrect id format for abc": check search\.queries/);
  });

  it('400 from Semantic Scholar: its error field quoted', async () => {
    server.fault(s2Path, { kind: 'reply', reply: json(s2Recording('test_bad_query_parameters_0.json').body, 400) });
    const { summary } = await run(['semanticscholar']);
    expect(summary.sources[0]!.message).toMatch(/\(400\), saying "Unrecognized or unsupported fields: \[unknown\]": check search\.queries/);
  });

  it('401 from OpenAlex without a key: "set OPENALEX_API_KEY"', async () => {
    server.fault(openalexPath, { kind: 'reply', reply: json({ error: 'Unauthorized', message: 'API key required' }, 401) });
    const { summary } = await run(['openalex'], { keys: { openalex: null, semanticscholar: null } });
    expect(server.requests).toHaveLength(1);
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: OpenAlex answered 401, saying "API key required": set OPENALEX_API_KEY (OpenAlex requires an API key since 2026)',
    );
    expectKeptAndStale('openalex', /set OPENALEX_API_KEY/);
  });

  it('403 with a key that the API echoes back: the key appears nowhere we keep', async () => {
    // Invented body: an API that quotes the request URL, key included, in its error (real APIs do).
    const echoed = `${server.url}/openalex/works?search=testing&api_key=${SECRET_OPENALEX}`;
    server.fault(openalexPath, { kind: 'reply', reply: json({ error: 'Forbidden', message: `invalid key ${SECRET_OPENALEX} for ${echoed}` }, 403) });
    const { summary } = await run(['openalex']);
    expect(server.requests[0]!.query['api_key']).toBe(SECRET_OPENALEX);
    const message = summary.sources[0]!.message!;
    expect(message).toMatch(/^questions\/replay-test\.yaml: OpenAlex answered 403, saying "invalid key \[redacted\] for .+api_key=\[redacted\]": OPENALEX_API_KEY is set but was not accepted/);
    expect(message).not.toContain(SECRET_OPENALEX);
    expect(readFileSync(cacheFile, 'utf8')).not.toContain(SECRET_OPENALEX);
  });
});

describe('an empty result', () => {
  it('is a success with no records, not a failure and not retried', async () => {
    server.reset();
    server.route({ path: s2Path, replies: [json(s2Recording('test_empty_paginated_results_0.json').body)] });
    const { world, summary, cache } = await run(['semanticscholar']);
    expect(server.requests).toHaveLength(1);
    expect(world.sleeps).toEqual([]);
    expect(summary.sources).toEqual([{ source: 'semanticscholar', outcome: 'ok', count: 0, previous: 20, message: null }]);
    const result = cache.results.find((entry) => entry.source === 'semanticscholar')!;
    expect(result).toMatchObject({ stale: false, records: [] });
    expect(result.log).toMatchObject([{ outcome: 'ok', count: 0, status: 200 }]);
  });
});

describe('an interrupted refresh', () => {
  it('leaves the cache file byte-identical and no temporary file behind', async () => {
    const before = readFileSync(cacheFile);
    server.fault(arxivPath, { kind: 'hang' });
    const controller = new AbortController();
    const events: RefreshProgress[] = [];
    const config = replayConfig(server.url);
    const world = fakeWorld();
    const pending = refresh(everySource, {
      sources: ['arxiv', 'openalex'],
      cacheFile,
      config,
      deps: liveDeps(config, world, controller.signal),
      onProgress: (event) => {
        events.push(event);
        // Interrupt once OpenAlex has finished and arXiv is still waiting.
        if (event.source === 'openalex' && event.state === 'ok') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ kind: 'interrupted', source: 'arxiv' });
    expect(readFileSync(cacheFile).equals(before)).toBe(true);
    expect(readdirSync(directory).sort()).toEqual(['baseline.json', 'cache.json']);
  });
});
