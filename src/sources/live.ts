import { SourceResult, type LiveSourceName, type Paper, type Question, type RetrievalLog } from '../records/index.ts';
import { arxiv } from './arxiv.ts';
import { cleanPaper } from './clean-paper.ts';
import { redact, type LiveConfig } from './config.ts';
import { crossref } from './crossref.ts';
import { describeFailure, HttpFailure, MalformedResponse, sourceLabels, SourceError } from './errors.ts';
import { europepmc } from './europepmc.ts';
import { createHttpClient, defaultHttpOptions, systemHttpDeps, type HttpClient, type HttpDeps } from './http.ts';
import { yearsOf, type Cursor, type LiveAdapter, type PageAsk } from './live-adapter.ts';
import { openalex } from './openalex.ts';
import { semanticscholar } from './semanticscholar.ts';

export const adapters: Record<LiveSourceName, LiveAdapter> = { openalex, crossref, arxiv, semanticscholar, europepmc };

export type PageProgress = { source: LiveSourceName; query: string; count: number; total: number | null };

export type LiveDeps = {
  http: HttpClient;
  // ISO 8601 time for the retrieval log; injected so a test's log is reproducible.
  now: () => string;
  signal?: AbortSignal;
  onPage?: (progress: PageProgress) => void;
};

// One client for a whole refresh, so the per-host rate limits and the concurrency bound hold across
// every question and source it serves.
export function createLiveHttp(config: LiveConfig, deps: HttpDeps): HttpClient {
  return createHttpClient(
    {
      ...defaultHttpOptions,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      concurrency: config.concurrency,
      redact: (text) => redact(text, config),
    },
    deps,
  );
}

// The real world, for the command line: system clock, real sleeps, real fetch.
export function systemLiveDeps(config: LiveConfig, signal?: AbortSignal): LiveDeps {
  const deps: LiveDeps = { http: createLiveHttp(config, systemHttpDeps), now: () => new Date().toISOString() };
  if (signal) deps.signal = signal;
  return deps;
}

// How many records to take per query: the source entry's own limit, else the question's search.limit.
export function limitFor(question: Question, source: LiveSourceName): number {
  const entry = question.sources.find((candidate) => candidate.type === source);
  const own = entry && 'limit' in entry ? entry.limit : undefined;
  return own ?? question.search?.limit ?? 100;
}

function retryNote(attempts: number, delays: number[]): string | null {
  if (attempts <= 1) return null;
  const waits = delays.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ');
  return `answered after ${attempts} attempts (waited ${waits})`;
}

// Every record a page brings passes the one cleaning step (clean-paper.ts); what it cut or left out is said
// in the page's log line, the first few notes in full and how many more.
const NOTES_IN_LOG = 3;

function cleanPage(records: readonly Paper[]): { records: Paper[]; note: string | null } {
  const kept: Paper[] = [];
  const notes: string[] = [];
  for (const record of records) {
    const cleaned = cleanPaper(record);
    if (cleaned.paper) kept.push(cleaned.paper);
    const id = record.id.length > 80 ? `${record.id.slice(0, 79)}…` : record.id;
    for (const note of cleaned.notes) notes.push(`${JSON.stringify(id)} ${note.field} ${note.problem}`);
  }
  if (notes.length === 0) return { records: kept, note: null };
  const more = notes.length - NOTES_IN_LOG;
  return { records: kept, note: `cleaned: ${notes.slice(0, NOTES_IN_LOG).join('; ')}${more > 0 ? `; and ${more} more` : ''}` };
}

// Query one live source for everything the question asks (each query, paged up to the limit). Returns
// the source's records on success; on any failure throws a SourceError whose `log` holds every request
// made, the failed one last, so the caller can keep older results and say why.
export async function retrieveLive(
  question: Question,
  sourceName: LiveSourceName,
  config: LiveConfig,
  deps: LiveDeps,
): Promise<SourceResult> {
  const adapter = adapters[sourceName];
  const queries = question.search?.queries ?? [];
  if (queries.length === 0) {
    throw new SourceError({
      source: sourceName,
      question: question.id,
      kind: 'no-query',
      field: 'search.queries',
      problem: `is missing, but ${sourceLabels[sourceName]} is listed as a source`,
      fix: 'add search: { queries: [...] }',
    });
  }
  const limit = limitFor(question, sourceName);
  const years = yearsOf(question);
  const log: RetrievalLog[] = [];
  const records: Paper[] = [];
  const seen = new Set<string>();

  for (const query of queries) {
    let cursor: Cursor | null = null;
    let taken = 0;
    while (taken < limit) {
      const ask: PageAsk = { query, size: Math.min(limit - taken, adapter.maxPageSize), cursor, years };
      const request = adapter.request(ask, config);
      const params = Object.fromEntries(Object.entries(request.params).map(([name, value]) => [name, redact(value, config)]));
      const time = deps.now();
      try {
        const httpRequest = { url: request.url, headers: request.headers, intervalMs: adapter.intervalMs(config) };
        const response = await deps.http.get(deps.signal ? { ...httpRequest, signal: deps.signal } : httpRequest);
        const page = adapter.parse(response.body, ask);
        const cleaned = cleanPage(page.records);
        const fresh = cleaned.records.slice(0, limit - taken);
        for (const paper of fresh) {
          // Two queries of one question often find the same work; the source identified it once.
          if (seen.has(paper.id)) continue;
          seen.add(paper.id);
          records.push(paper);
        }
        taken += fresh.length;
        log.push({
          source: sourceName,
          query,
          params,
          time,
          outcome: 'ok',
          status: response.status,
          count: fresh.length,
          cacheHit: false,
          message: [retryNote(response.attempts, response.delays), cleaned.note].filter((part) => part !== null).join('; ') || null,
        });
        deps.onPage?.({ source: sourceName, query, count: taken, total: page.total });
        if (page.next === null || fresh.length === 0) break;
        cursor = page.next;
      } catch (error) {
        // Anything but an HTTP failure or an unreadable body is a bug: let it crash loudly.
        if (!(error instanceof HttpFailure || error instanceof MalformedResponse)) throw error;
        const apiMessage = error instanceof HttpFailure && error.body ? adapter.errorMessage(error.body) : null;
        const failure = describeFailure(error, { source: sourceName, question: question.id, apiMessage }, config);
        log.push({
          source: sourceName,
          query,
          params,
          time,
          outcome: 'error',
          status: failure.status,
          count: 0,
          cacheHit: false,
          message: failure.message,
        });
        failure.log = log;
        throw failure;
      }
    }
  }
  // Parsing the result checks every record against the Paper schema: an adapter bug fails loudly here
  // rather than in a later build.
  return SourceResult.parse({ source: sourceName, stale: false, log, records });
}
