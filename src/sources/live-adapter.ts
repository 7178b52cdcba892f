import type { LiveSourceName, Paper, Question } from '../records/index.ts';
import type { LiveConfig } from './config.ts';

// One page request, fully built: `params` is what the retrieval log records, so it never holds a key
// (keys go into `url` or `headers` only, added by the adapter from config.keys).
export type PageRequest = {
  url: string;
  headers: Record<string, string>;
  params: Record<string, string>;
};

// Where the next page starts: a cursor string (OpenAlex, Crossref, Europe PMC) or an offset (arXiv,
// Semantic Scholar), both carried as strings.
export type Cursor = string;

export type Page = {
  records: Paper[];
  next: Cursor | null;
  total: number | null;
};

export type PageAsk = {
  query: string;
  // How many records this page should hold (the adapter may cap it at the API's page maximum).
  size: number;
  cursor: Cursor | null;
  years: { from?: number; to?: number } | null;
};

// Every database has the same shape (one file each, as Manubot has one handler per identifier kind):
// build a request from what the question asks, parse a body into Papers. Nothing else knows which API
// a Paper came from except by reading paper.sources.
export type LiveAdapter = {
  name: LiveSourceName;
  // The most records one page may hold, from each API's documentation.
  maxPageSize: number;
  request(ask: PageAsk, config: LiveConfig): PageRequest;
  // Throws MalformedResponse when the body is not the API's format.
  parse(body: string, ask: PageAsk): Page;
  // The API's own explanation from an error body (400 and friends), when it has one.
  errorMessage(body: string): string | null;
  // Least time between requests to this API (ms), from its usage policy.
  intervalMs(config: LiveConfig): number;
};

export function yearsOf(question: Question): PageAsk['years'] {
  const years = question.screening.years;
  if (!years || (years.from === undefined && years.to === undefined)) return null;
  const out: { from?: number; to?: number } = {};
  if (years.from !== undefined) out.from = years.from;
  if (years.to !== undefined) out.to = years.to;
  return out;
}

export function politeHeaders(config: LiveConfig, accept: string): Record<string, string> {
  return { 'user-agent': config.userAgent, accept };
}

export function searchUrl(base: string, path: string, params: Record<string, string>, secret: Record<string, string> = {}): string {
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries({ ...params, ...secret })) url.searchParams.set(name, value);
  return url.toString();
}
