import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Question, type QuestionInput } from '../../src/records/index.ts';
import { readLiveConfig, type LiveConfig } from '../../src/sources/config.ts';
import type { HttpDeps } from '../../src/sources/http.ts';
import { createLiveHttp, type LiveDeps } from '../../src/sources/live.ts';
import type { Reply } from './replay-server.ts';

// Shared by the live-source tests: reading the recorded responses, a fake clock, and config pointing
// every source at the replay server.

const root = fileURLToPath(new URL('../fixtures/api/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${root}${path}`, 'utf8');
}

// Semantic Scholar recordings wrap the response as {method, uri, status, body}.
export function s2Recording(name: string): { uri: string; status: number; body: string } {
  const recording = JSON.parse(fixture(`semanticscholar/${name}`)) as { uri: string; status: number | null; body: unknown };
  return { uri: recording.uri, status: recording.status ?? 200, body: JSON.stringify(recording.body) };
}

// Crossref error recordings: three "# " header lines (URL, status, content type), then the raw body.
export function crossrefError(name: string): Reply {
  const lines = fixture(`crossref/errors/${name}`).split('\n');
  const status = Number(/status (\d+)/.exec(lines[1] ?? '')?.[1]);
  return { status, body: lines.slice(3).join('\n'), headers: { 'content-type': 'application/json;charset=utf-8' } };
}

export const SECRET_OPENALEX = 'oa-key-DO-NOT-LEAK-7f3a';
export const SECRET_S2 = 's2-key-DO-NOT-LEAK-91bc';

export function replayConfig(base: string, overrides: Partial<LiveConfig> = {}, keys = true): LiveConfig {
  return readLiveConfig(
    {
      SIFT_OPENALEX_URL: `${base}/openalex/`,
      SIFT_CROSSREF_URL: `${base}/crossref`,
      SIFT_ARXIV_URL: `${base}/arxiv/api`,
      SIFT_SEMANTICSCHOLAR_URL: `${base}/s2/graph/v1`,
      SIFT_EUROPEPMC_URL: `${base}/europepmc/rest`,
      SIFT_CONTACT_EMAIL: 'sift-tests@example.org',
      ...(keys ? { OPENALEX_API_KEY: SECRET_OPENALEX, SEMANTIC_SCHOLAR_API_KEY: SECRET_S2 } : {}),
    },
    { timeoutMs: 2_000, retries: 3, ...overrides },
  );
}

// A clock that only moves when someone sleeps: backoff and rate-limit waits are recorded, not taken.
export type FakeWorld = HttpDeps & { sleeps: number[]; fetchTimes: number[]; iso: () => string };

export function fakeWorld(start = Date.parse('2026-11-26T03:00:00Z')): FakeWorld {
  let time = start;
  let woken = 0;
  const sleepers: Array<{ at: number; order: number; resolve: () => void }> = [];
  const wakeNext = (): void => {
    sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = sleepers.shift();
    if (!next) return;
    woken += 1;
    time = Math.max(time, next.at);
    next.resolve();
  };
  const sleeps: number[] = [];
  const fetchTimes: number[] = [];
  return {
    fetch: (input, init) => {
      fetchTimes.push(time);
      return globalThis.fetch(input, init);
    },
    now: () => time,
    // Sleepers wake in order of their wake-up time, each moving the clock to that time; one wakes per
    // event-loop turn so that what it does next (a fetch) happens at its own time.
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms);
        sleepers.push({ at: time + ms, order: sleepers.length + woken, resolve });
        setImmediate(wakeNext);
      }),
    // Jitter fixed at the middle: each backoff is exactly 3/4 of its exponential step.
    random: () => 0.5,
    sleeps,
    fetchTimes,
    iso: () => new Date(time).toISOString(),
  };
}

export function liveDeps(config: LiveConfig, world: FakeWorld, signal?: AbortSignal): LiveDeps {
  const deps: LiveDeps = { http: createLiveHttp(config, world), now: world.iso };
  if (signal) deps.signal = signal;
  return deps;
}

export function question(input: Partial<QuestionInput> & { id?: string } = {}): Question {
  return Question.parse({
    id: 'replay-test',
    title: 'Replay test question',
    question: 'What do the recorded responses contain?',
    facets: [{ id: 'all', label: 'Everything recorded', terms: ['test'] }],
    sources: [{ type: 'openalex' }],
    search: { queries: ['testing'], limit: 100 },
    ...input,
  });
}
