import pLimit from 'p-limit';
import { HttpFailure } from './errors.ts';

// The world as the HTTP layer sees it. Injected so tests replace the clock, the waits and the jitter:
// no test ever really sleeps through a backoff or a rate-limit interval.
export type HttpDeps = {
  fetch: typeof globalThis.fetch;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
};

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemHttpDeps: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  now: () => Date.now(),
  sleep: sleepFor,
  random: () => Math.random(),
};

export type HttpOptions = {
  timeoutMs: number;
  retries: number;
  concurrency: number;
  baseDelayMs: number;
  maxDelayMs: number;
  // A server asking for a longer pause than this is not waited for: the refresh reports it instead.
  maxRetryAfterMs: number;
  // Removes credentials from what a failure carries (an error body may echo the request, key and all),
  // so no HttpFailure ever holds a key, whoever prints it (src/sources/config.ts redact()).
  redact?: (text: string) => string;
};

export const defaultHttpOptions: HttpOptions = {
  timeoutMs: 30_000,
  retries: 4,
  concurrency: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
};

export type HttpRequest = {
  url: string;
  /** GET unless given (the language-model client POSTs its requests through the same policy) */
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  // Least time between two requests to this URL's host (ms): the per-host rate limit.
  intervalMs: number;
  signal?: AbortSignal;
};

export type HttpResponse = {
  status: number;
  body: string;
  /** response headers, names lower-case */
  headers: Record<string, string>;
  attempts: number;
  delays: number[];
};

export type HttpClient = {
  get(request: HttpRequest): Promise<HttpResponse>;
  /** the same, named for requests that are not GETs */
  send(request: HttpRequest): Promise<HttpResponse>;
};

// 429 and 5xx say "not now"; 4xx otherwise say "never like this" and are not retried.
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

// Exponential backoff with "equal jitter": half the step is fixed, half random, so many clients that
// failed together do not all come back together.
export function backoffDelay(retry: number, options: HttpOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (step / 2) * random());
}

// fetch() reports every network failure as "fetch failed"; the cause says what really happened.
const networkCodes: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed before an answer came',
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'connecting timed out',
};

function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code && networkCodes[cause.code]) return networkCodes[cause.code]!;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

// p-retry fits the loop but not the contract here: it sleeps with its own setTimeout and draws jitter
// from Math.random, and cannot take a per-attempt delay from Retry-After, so the loop is written out.
export function createHttpClient(options: HttpOptions, deps: HttpDeps): HttpClient {
  const limit = pLimit(options.concurrency);
  const redact = options.redact ?? ((text: string) => text);
  const nextSlot = new Map<string, number>();

  // Reserve the host's next free slot synchronously, then wait for it: concurrent callers queue up one
  // interval apart instead of all seeing the same free slot.
  async function waitForHost(url: string, intervalMs: number, signal?: AbortSignal): Promise<void> {
    if (intervalMs <= 0) return;
    const host = new URL(url).host;
    const now = deps.now();
    const slot = Math.max(now, nextSlot.get(host) ?? now);
    nextSlot.set(host, slot + intervalMs);
    if (slot > now) await deps.sleep(slot - now, signal);
  }

  async function attempt(
    request: HttpRequest,
  ): Promise<{ status: number; body: string; headers: Record<string, string>; retryAfter: string | null }> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const init: RequestInit = { signal, redirect: 'follow' };
    if (request.headers) init.headers = request.headers;
    if (request.method) init.method = request.method;
    if (request.body !== undefined) init.body = request.body;
    const response = await deps.fetch(request.url, init);
    // The body is read under the same signal: a server that sends headers and then stalls times out too.
    const body = await response.text();
    const headers = Object.fromEntries([...response.headers].map(([name, value]) => [name.toLowerCase(), value]));
    return { status: response.status, body, headers, retryAfter: response.headers.get('retry-after') };
  }

  async function get(request: HttpRequest): Promise<HttpResponse> {
    const delays: number[] = [];
    for (let attempts = 1; ; attempts += 1) {
      const retriesLeft = options.retries - (attempts - 1);
      let failure: HttpFailure;
      let retryAfterMs: number | null = null;
      try {
        await waitForHost(request.url, request.intervalMs, request.signal);
        const result = await limit(() => attempt(request));
        if (result.status >= 200 && result.status < 300) {
          return { status: result.status, body: result.body, headers: result.headers, attempts, delays };
        }
        retryAfterMs = parseRetryAfter(result.retryAfter, deps.now());
        failure = new HttpFailure({
          kind: 'status',
          message: `HTTP ${result.status}`,
          status: result.status,
          body: redact(result.body),
          attempts,
          retryAfterMs,
          delays,
        });
        if (!isRetryableStatus(result.status)) throw failure;
      } catch (error) {
        if (error instanceof HttpFailure) throw error;
        if (request.signal?.aborted) {
          throw new HttpFailure({ kind: 'aborted', message: 'aborted', attempts, delays });
        }
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        failure = timedOut
          ? new HttpFailure({ kind: 'timeout', message: `no answer within ${options.timeoutMs} ms`, attempts, delays })
          : new HttpFailure({ kind: 'network', message: redact(networkDetail(error)), attempts, delays });
      }
      if (retriesLeft <= 0) throw failure;
      if (retryAfterMs !== null && retryAfterMs > options.maxRetryAfterMs) throw failure;
      const delay = retryAfterMs ?? backoffDelay(attempts - 1, options, deps.random);
      delays.push(delay);
      try {
        await deps.sleep(delay, request.signal);
      } catch {
        throw new HttpFailure({ kind: 'aborted', message: 'aborted', attempts, delays });
      }
    }
  }

  return { get, send: get };
}
