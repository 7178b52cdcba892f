import {
  LiveSourceName,
  RetrievalCache,
  type Question,
  type RetrievalLog,
  type SourceResult,
} from '../records/index.ts';
import { redact, redactValue, type LiveConfig } from '../sources/config.ts';
import { sourceLabels, SourceError } from '../sources/errors.ts';
import { retrieveLive, type LiveDeps } from '../sources/live.ts';
import { writeJsonAtomic } from '../store/write-atomic.ts';
import { readRetrievalCacheFile } from '../store/synthesis-store.ts';

export type RefreshProgress = {
  question: string;
  source: LiveSourceName;
  // 1-based position of this source among the ones being refreshed, and how many there are.
  index: number;
  of: number;
  state: 'start' | 'page' | 'ok' | 'stale';
  count: number;
  total: number | null;
  message: string | null;
};

export type RefreshOptions = {
  // Only these live sources (by name); all live sources the question lists when absent.
  sources?: string[];
  cacheFile: string;
  config: LiveConfig;
  deps: LiveDeps;
  onProgress?: (progress: RefreshProgress) => void;
};

export type SourceOutcome = {
  source: LiveSourceName;
  outcome: 'ok' | 'stale';
  count: number;
  previous: number;
  message: string | null;
};

export type RefreshSummary = {
  question: string;
  cacheFile: string;
  sources: SourceOutcome[];
  written: boolean;
};

export function readCache(path: string, question: string): RetrievalCache {
  return readRetrievalCacheFile(path) ?? { question, results: [] };
}

export function liveSourcesOf(question: Question, only?: string[]): LiveSourceName[] {
  const listed = question.sources
    .map((source) => LiveSourceName.safeParse(source.type))
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data);
  return only ? listed.filter((name) => only.includes(name)) : listed;
}

// A failed source keeps what it had. Its log keeps the lines that produced those records (outcome ok)
// plus this refresh's failed request and a stale line saying why; earlier failures are not carried on.
export function staleResult(previous: SourceResult | undefined, source: LiveSourceName, error: SourceError, time: string): SourceResult {
  const kept = previous?.records ?? [];
  const stale: RetrievalLog = {
    source,
    query: null,
    params: {},
    time,
    outcome: 'stale',
    status: error.status,
    count: kept.length,
    cacheHit: true,
    message: kept.length
      ? `Kept ${kept.length} records from an earlier refresh because this one failed: ${error.message}`
      : `No earlier records to keep; this refresh failed: ${error.message}`,
  };
  return {
    source,
    stale: true,
    log: [...(previous?.log ?? []).filter((line) => line.outcome === 'ok'), ...error.log.filter((line) => line.outcome === 'error'), stale],
    records: kept,
  };
}

// Query the question's live sources and update its retrieval cache. The cache is written once, at the
// end, atomically: an interrupted refresh (or a crash) leaves the file exactly as it was.
export async function refresh(question: Question, options: RefreshOptions): Promise<RefreshSummary> {
  const names = liveSourcesOf(question, options.sources);
  const summary: RefreshSummary = { question: question.id, cacheFile: options.cacheFile, sources: [], written: false };
  if (names.length === 0) return summary;
  const cache = readCache(options.cacheFile, question.id);
  const previousOf = (name: string): SourceResult | undefined => cache.results.find((result) => result.source === name);

  const outcomes = await Promise.all(
    names.map(async (source, position) => {
      const progress = (state: RefreshProgress['state'], count: number, total: number | null, message: string | null): void =>
        options.onProgress?.({ question: question.id, source, index: position + 1, of: names.length, state, count, total, message });
      progress('start', 0, null, null);
      const deps: LiveDeps = {
        ...options.deps,
        onPage: (page) => {
          options.deps.onPage?.(page);
          progress('page', page.count, page.total, null);
        },
      };
      try {
        const result = await retrieveLive(question, source, options.config, deps);
        progress('ok', result.records.length, null, null);
        return { result, message: null as string | null };
      } catch (error) {
        // Interrupted, or not a source failure at all: stop without touching the cache.
        if (!(error instanceof SourceError) || error.kind === 'interrupted') throw error;
        const result = staleResult(previousOf(source), source, error, options.deps.now());
        const message = redact(error.message, options.config);
        progress('stale', result.records.length, null, message);
        return { result, message };
      }
    }),
  );

  const results = [...cache.results];
  names.forEach((source, position) => {
    const { result, message } = outcomes[position]!;
    const previous = previousOf(source);
    summary.sources.push({
      source,
      outcome: result.stale ? 'stale' : 'ok',
      count: result.records.length,
      previous: previous?.records.length ?? 0,
      message,
    });
    const at = results.findIndex((entry) => entry.source === source);
    if (at >= 0) results[at] = result;
    else results.push(result);
  });
  // Every string passes through redact(): an API can send a key back inside a record's data (an echoed
  // request URL in a field), and the cache is committed and published.
  writeJsonAtomic(options.cacheFile, redactValue(RetrievalCache.parse({ question: question.id, results }), options.config));
  summary.written = true;
  return summary;
}

// One plain line per progress event, for CI logs (a terminal may draw a bar from the same events).
export function progressLine(event: RefreshProgress): string {
  const head = `[${event.index}/${event.of}] ${event.question} · ${sourceLabels[event.source]}`;
  switch (event.state) {
    case 'start':
      return `${head}: querying`;
    case 'page':
      return `${head}: ${event.count}${event.total !== null ? ` of ${event.total} matching` : ''} records so far`;
    case 'ok':
      return `${head}: ${event.count} records`;
    case 'stale':
      return `${head}: FAILED, kept ${event.count} earlier records (stale). ${event.message ?? ''}`.trimEnd();
  }
}

// The closing summary of a refresh: one line per question, then the failures in full.
export function summaryLines(summaries: RefreshSummary[]): string[] {
  const lines = summaries.map((summary) => {
    const parts = summary.sources.map((source) =>
      source.outcome === 'ok'
        ? `${sourceLabels[source.source]} ${source.count} (was ${source.previous})`
        : `${sourceLabels[source.source]} stale (kept ${source.count})`,
    );
    return `${summary.question}: ${parts.length ? parts.join(', ') : 'no live sources to refresh'}`;
  });
  const failures = summaries.flatMap((summary) => summary.sources.filter((source) => source.message !== null).map((source) => `  ${source.message}`));
  const stale = summaries.reduce((sum, summary) => sum + summary.sources.filter((source) => source.outcome === 'stale').length, 0);
  const total = summaries.reduce((sum, summary) => sum + summary.sources.length, 0);
  return [...lines, ...failures, `refresh: ${total - stale} of ${total} source queries succeeded, ${stale} kept earlier results`];
}
