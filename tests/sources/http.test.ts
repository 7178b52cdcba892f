import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpFailure } from '../../src/sources/errors.ts';
import { backoffDelay, createHttpClient, defaultHttpOptions, isRetryableStatus, parseRetryAfter } from '../../src/sources/http.ts';
import { json, startReplayServer, type ReplayServer } from './replay-server.ts';
import { fakeWorld } from './recordings.ts';

describe('retry policy', () => {
  it('retries only 429 and 5xx', () => {
    expect([200, 301, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504].filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 504]);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2026-11-26T04:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 04:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 03:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('backs off exponentially with jitter between half and all of each step, capped', () => {
    const steps = [0, 1, 2, 3, 10].map((retry) => [backoffDelay(retry, defaultHttpOptions, () => 0), backoffDelay(retry, defaultHttpOptions, () => 0.999)]);
    expect(steps).toEqual([
      [500, 1000],
      [1000, 1999],
      [2000, 3998],
      [4000, 7996],
      [30000, 59970],
    ]);
  });
});

describe('the client against a loopback server', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('never has more requests in flight than the concurrency bound', async () => {
    server.route({ path: '/slow', replies: [{ ...json({ ok: true }), delayMs: 40 }] });
    const world = fakeWorld();
    let inFlight = 0;
    let most = 0;
    const client = createHttpClient(
      { ...defaultHttpOptions, concurrency: 2 },
      {
        ...world,
        fetch: async (input, init) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            const response = await globalThis.fetch(input, init);
            // The body is read inside the slot too.
            const text = await response.text();
            return new Response(text, { status: response.status, headers: response.headers });
          } finally {
            inFlight -= 1;
          }
        },
      },
    );
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => client.get({ url: `${server.url}/slow?n=${n}`, intervalMs: 0 })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(most).toBe(2);
  });

  it('spaces requests to one host by its interval even when they start together', async () => {
    server.route({ path: '/arxiv', replies: [json({ ok: true })] });
    const world = fakeWorld();
    const client = createHttpClient(defaultHttpOptions, world);
    await Promise.all([0, 1, 2].map((n) => client.get({ url: `${server.url}/arxiv?n=${n}`, intervalMs: 3000 })));
    expect(world.fetchTimes.map((time) => time - world.fetchTimes[0]!)).toEqual([0, 3000, 6000]);
  });

  it('times out a server that sends headers and half a body, then stalls', async () => {
    server.fault('/stall', { kind: 'stall', reply: json({ results: Array.from({ length: 50 }, (_, n) => n) }) });
    const world = fakeWorld();
    const client = createHttpClient({ ...defaultHttpOptions, timeoutMs: 150, retries: 0 }, world);
    const failure = await client.get({ url: `${server.url}/stall`, intervalMs: 0 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it('does not retry a 404 and reports status and body', async () => {
    const world = fakeWorld();
    const client = createHttpClient(defaultHttpOptions, world);
    const failure = await client.get({ url: `${server.url}/nothing`, intervalMs: 0 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpFailure);
    expect(failure).toMatchObject({ kind: 'status', status: 404, attempts: 1, delays: [] });
    expect(server.requests).toHaveLength(1);
  });
});
