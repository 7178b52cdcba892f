import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Author, Identifiers, Paper } from '../records/index.ts';
import { MalformedResponse } from './errors.ts';
import { normaliseArxiv, normaliseDoi, paperId } from '../identity/index.ts';
import { politeHeaders, searchUrl, type LiveAdapter, type Page, type PageAsk } from './live-adapter.ts';
import { splitName } from './person-name.ts';
import type { LiveConfig } from './config.ts';
import { parseBooleanQuery } from '../text/boolean-query.ts';

// arXiv API (Atom 1.0 feed): https://info.arxiv.org/help/api/user-manual.html
// Two namespace styles are in the wild: the current feed declares `arxiv:` and `opensearch:` once on
// <feed>; the 2016 feed repeats xmlns on every element. Dropping prefixes (removeNSPrefix) reads both,
// and also a feed that picks other prefixes for the same namespaces. Atom has no element named like
// arXiv's extensions (doi, journal_ref, comment, primary_category), so nothing collides.
// Paging is start/max_results; the terms of use ask for one request every three seconds.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'entry' || name === 'author' || name === 'link' || name === 'category',
});

type Node = Record<string, unknown>;

function node(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

// Element text whether the parser gave a string or an object with attributes and #text.
function content(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : typeof node(value)?.['#text'] === 'string' ? (node(value)!['#text'] as string) : null;
  // Titles and summaries are hard-wrapped in the feed; the line breaks are layout, not content.
  const clean = raw?.replace(/\s+/g, ' ').trim();
  return clean ? clean : null;
}

function readFeed(body: string): Node {
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new MalformedResponse(`invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const feed = node(node(parser.parse(body))?.['feed']);
  if (!feed) throw new MalformedResponse('no Atom <feed> element');
  return feed;
}

function isErrorEntry(entry: Node): boolean {
  return (content(entry['id']) ?? '').includes('/api/errors');
}

export function parseEntry(entry: Node): Paper | null {
  const arxiv = normaliseArxiv(content(entry['id']) ?? '');
  const title = content(entry['title']);
  if (!arxiv || !title) return null;
  const ids: Identifiers = { arxiv };
  const doi = normaliseDoi(content(entry['doi']) ?? '');
  if (doi) ids.doi = doi;
  const authors: Author[] = [];
  for (const person of Array.isArray(entry['author']) ? entry['author'] : []) {
    const name = content(node(person)?.['name']);
    const author = name ? splitName(name) : null;
    if (author) authors.push(author);
  }
  const published = content(entry['published']) ?? content(entry['updated']) ?? '';
  const year = /^\d{4}/.test(published) ? Number(published.slice(0, 4)) : null;
  return {
    id: paperId(ids, `arxiv:${arxiv}`),
    ids,
    title,
    abstract: content(entry['summary']),
    tldr: null,
    authors,
    year,
    // The journal reference names where the paper was later published, when the authors said so.
    venue: content(entry['journal_ref']) ?? 'arXiv',
    type: 'article',
    url: `https://arxiv.org/abs/${arxiv}`,
    citationCount: null,
    keywords: [],
    sources: ['arxiv'],
  };
}

export function parseFeed(body: string, ask: PageAsk | null = null): Page {
  const feed = readFeed(body);
  const entries = (Array.isArray(feed['entry']) ? feed['entry'] : []).map(node).filter((entry) => entry !== null);
  const real = entries.filter((entry) => !isErrorEntry(entry));
  const records = real.map(parseEntry).filter((paper) => paper !== null);
  const total = Number(content(feed['totalResults']) ?? NaN);
  const start = Number(content(feed['startIndex']) ?? ask?.cursor ?? 0);
  const next = start + real.length;
  return {
    records,
    next: real.length > 0 && Number.isFinite(total) && next < total ? String(next) : null,
    total: Number.isFinite(total) ? total : null,
  };
}

// Each word must appear (AND); "quoted phrases" stay phrases. all: searches title, abstract, authors
// and comments (API manual, "query interface"). A facet query (src/text/boolean-query.ts) keeps its
// groups: each term its own all: field, OR within a group, AND between groups, grouped in parentheses
// (the manual's Boolean operators AND, OR, ANDNOT and grouping).
export function searchQuery(query: string, years: PageAsk['years']): string {
  const groups = parseBooleanQuery(query);
  const field = (term: string) => `all:${/[^\p{L}\p{N}]/u.test(term) ? `"${term.replace(/"/g, '')}"` : term}`;
  const terms = groups === null ? (query.match(/"[^"]+"|\S+/g) ?? []) : [];
  const parts =
    groups !== null
      ? groups.map((g) => (g.length === 1 ? field(g[0]!) : `(${g.map(field).join(' OR ')})`))
      : terms.map((term) => `all:${term.startsWith('"') ? term : term.replace(/[():]/g, '')}`).filter((part) => part !== 'all:');
  if (years) {
    // submittedDate takes [YYYYMMDDTTTT TO YYYYMMDDTTTT], GMT.
    parts.push(`submittedDate:[${years.from ?? 1991}01010000 TO ${years.to ?? 2999}12312359]`);
  }
  return parts.join(' AND ');
}

export const arxiv: LiveAdapter = {
  name: 'arxiv',
  maxPageSize: 1000,
  request(ask: PageAsk, config: LiveConfig) {
    const params: Record<string, string> = {
      search_query: searchQuery(ask.query, ask.years),
      start: ask.cursor ?? '0',
      max_results: String(Math.min(ask.size, 1000)),
      sortBy: 'relevance',
      sortOrder: 'descending',
    };
    return {
      url: searchUrl(config.urls.arxiv, '/query', params),
      headers: politeHeaders(config, 'application/atom+xml'),
      params,
    };
  },
  parse: (body, ask) => parseFeed(body, ask),
  // A bad request comes back as a feed with one entry titled "Error" whose summary says what was wrong.
  errorMessage(body) {
    try {
      const feed = readFeed(body);
      const entries = Array.isArray(feed['entry']) ? feed['entry'].map(node) : [];
      const error = entries.find((entry) => entry && isErrorEntry(entry));
      return error ? content(error['summary']) : null;
    } catch {
      return null;
    }
  },
  intervalMs: () => 3000,
};
