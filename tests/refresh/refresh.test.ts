import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RetrievalCache, type SourceResult } from '../../src/records/index.ts';
import { liveSourcesOf, progressLine, refresh, summaryLines, type RefreshProgress } from '../../src/refresh/refresh.ts';
import { atom, json, startReplayServer, type ReplayServer } from '../sources/replay-server.ts';
import { fakeWorld, fixture, liveDeps, question, replayConfig } from '../sources/recordings.ts';

let server: ReplayServer;
let directory: string;

beforeAll(async () => {
  server = await startReplayServer();
  directory = mkdtempSync(join(tmpdir(), 'sift-refresh-'));
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(() => {
  server.reset();
  server.route({ path: '/arxiv/api/query', replies: [atom(fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml'))] });
  server.route({ path: '/europepmc/rest/search', replies: [json(fixture('europepmc/search_cancer_core.json'))] });
});

const mixed = question({
  sources: [{ type: 'csl-json', path: 'corpora/ml4code.csl.json' }, { type: 'arxiv', limit: 10 }, { type: 'europepmc', limit: 5 }],
  search: { queries: ['testing'] },
});

// A result the local-corpus side may have put in the same cache; refresh must leave it alone.
const corpusResult: SourceResult = {
  source: 'ml4code',
  stale: false,
  log: [{ source: 'ml4code', query: null, params: {}, time: '2026-11-01T00:00:00.000Z', outcome: 'ok', status: null, count: 0, cacheHit: false, message: null }],
  records: [],
};

describe('refresh', () => {
  it('queries only the live sources the question lists (and --source narrows them)', () => {
    expect(liveSourcesOf(mixed)).toEqual(['arxiv', 'europepmc']);
    expect(liveSourcesOf(mixed, ['europepmc', 'openalex'])).toEqual(['europepmc']);
  });

  it('writes a new cache, keeps other results in place, reports progress per source', async () => {
    const cacheFile = join(directory, 'new.json');
    writeFileSync(cacheFile, `${JSON.stringify({ question: 'replay-test', results: [corpusResult] }, null, 2)}\n`);
    const config = replayConfig(server.url);
    const events: RefreshProgress[] = [];
    const summary = await refresh(mixed, { cacheFile, config, deps: liveDeps(config, fakeWorld()), onProgress: (event) => events.push(event) });
    expect(summary).toEqual({
      question: 'replay-test',
      cacheFile,
      written: true,
      sources: [
        { source: 'arxiv', outcome: 'ok', count: 10, previous: 0, message: null },
        { source: 'europepmc', outcome: 'ok', count: 5, previous: 0, message: null },
      ],
    });
    const cache = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile, 'utf8')));
    expect(cache.results.map((result) => [result.source, result.records.length, result.stale])).toEqual([
      ['ml4code', 0, false],
      ['arxiv', 10, false],
      ['europepmc', 5, false],
    ]);
    expect(cache.results[0]).toEqual(corpusResult);
    expect(events.filter((event) => event.source === 'arxiv').map((event) => [event.state, event.count, event.index, event.of])).toEqual([
      ['start', 0, 1, 2],
      ['page', 10, 1, 2],
      ['ok', 10, 1, 2],
    ]);
    expect(events.find((event) => event.state === 'page' && event.source === 'europepmc')!.total).toBe(5059039);
  });

  it('is deterministic: the same answers and clock give a byte-identical cache', async () => {
    const first = join(directory, 'first.json');
    const second = join(directory, 'second.json');
    for (const cacheFile of [first, second]) {
      const config = replayConfig(server.url);
      await refresh(mixed, { cacheFile, config, deps: liveDeps(config, fakeWorld()) });
    }
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(second, 'utf8'));
  });

  it('a failing source with nothing cached before is written as stale and empty, with the reason', async () => {
    const cacheFile = join(directory, 'fail.json');
    server.fault('/europepmc/rest/search', { kind: 'reply', reply: json({ errMsg: 'Invalid query' }, 400) });
    const config = replayConfig(server.url);
    const summary = await refresh(mixed, { sources: ['europepmc'], cacheFile, config, deps: liveDeps(config, fakeWorld()) });
    expect(summary.sources[0]).toMatchObject({ outcome: 'stale', count: 0, previous: 0 });
    const result = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile, 'utf8'))).results[0]!;
    expect(result).toMatchObject({ source: 'europepmc', stale: true, records: [] });
    expect(result.log.map((line) => line.outcome)).toEqual(['error', 'stale']);
    expect(result.log[1]!.message).toBe(
      'No earlier records to keep; this refresh failed: questions/replay-test.yaml: Europe PMC rejected the request (400), saying "Invalid query": ' +
        'check search.queries, search.limit and screening.years',
    );
  });

  it('a source that fails twice keeps only the lines that produced its records, not old failures', async () => {
    const cacheFile = join(directory, 'twice.json');
    const config = replayConfig(server.url);
    await refresh(mixed, { sources: ['arxiv'], cacheFile, config, deps: liveDeps(config, fakeWorld()) });
    for (let run = 0; run < 2; run += 1) {
      server.fault('/arxiv/api/query', { kind: 'reply', reply: atom('<feed xmlns="http://www.w3.org/2005/Atom"><entry>') });
      await refresh(mixed, { sources: ['arxiv'], cacheFile, config, deps: liveDeps(config, fakeWorld()) });
    }
    const result = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile, 'utf8'))).results[0]!;
    expect(result.records).toHaveLength(10);
    expect(result.log.map((line) => line.outcome)).toEqual(['ok', 'error', 'stale']);
  });

  it('a question without search.queries is a plain error, not a crash', async () => {
    const cacheFile = join(directory, 'noquery.json');
    const bare = question({ sources: [{ type: 'arxiv' }] });
    const { search: _ignored, ...withoutSearch } = bare;
    const config = replayConfig(server.url);
    const summary = await refresh(withoutSearch, { cacheFile, config, deps: liveDeps(config, fakeWorld()) });
    expect(summary.sources[0]!.message).toBe(
      'questions/replay-test.yaml: search.queries: is missing, but arXiv is listed as a source: add search: { queries: [...] }',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses to overwrite a cache it cannot read', async () => {
    const cacheFile = join(directory, 'corrupt.json');
    writeFileSync(cacheFile, '{"question": "replay-test", "results": [{"source": 1}]}');
    const config = replayConfig(server.url);
    await expect(refresh(mixed, { cacheFile, config, deps: liveDeps(config, fakeWorld()) })).rejects.toThrow(/is not a valid retrieval cache/);
    expect(readFileSync(cacheFile, 'utf8')).toBe('{"question": "replay-test", "results": [{"source": 1}]}');
  });
});

describe('progress and summary lines', () => {
  it('says per question and source what happened, failures in full', async () => {
    const cacheFile = join(directory, 'lines.json');
    server.fault('/arxiv/api/query', { kind: 'reply', reply: atom('<feed xmlns="http://www.w3.org/2005/Atom"><entry>') });
    const config = replayConfig(server.url);
    const lines: string[] = [];
    const summary = await refresh(mixed, { cacheFile, config, deps: liveDeps(config, fakeWorld()), onProgress: (event) => lines.push(progressLine(event)) });
    expect(lines).toContain('[2/2] replay-test · Europe PMC: 5 of 5059039 matching records so far');
    expect(lines).toContain('[2/2] replay-test · Europe PMC: 5 records');
    expect(lines.find((line) => line.startsWith('[1/2] replay-test · arXiv: FAILED'))).toMatch(
      /^\[1\/2\] replay-test · arXiv: FAILED, kept 0 earlier records \(stale\)\. questions\/replay-test\.yaml: arXiv sent a response that could not be read/,
    );
    const closing = summaryLines([summary]);
    expect(closing[0]).toBe('replay-test: arXiv stale (kept 0), Europe PMC 5 (was 0)');
    expect(closing[1]).toMatch(/^ {2}questions\/replay-test\.yaml: arXiv sent a response/);
    expect(closing.at(-1)).toBe('refresh: 1 of 2 source queries succeeded, 1 kept earlier results');
  });
});
