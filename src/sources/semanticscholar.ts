import type { Author, Identifiers, Paper } from '../records/index.ts';
import { MalformedResponse } from './errors.ts';
import { normaliseArxiv, normaliseDoi, normalisePmid, paperId } from '../identity/index.ts';
import { politeHeaders, searchUrl, type LiveAdapter, type Page, type PageAsk } from './live-adapter.ts';
import { splitName } from './person-name.ts';
import type { LiveConfig } from './config.ts';
import { object, parseJsonBody, type Json, jsonObjectOrNull } from './json-body.ts';
import { parseBooleanQuery, plainWords } from '../text/boolean-query.ts';

// Semantic Scholar Graph API relevance search: https://api.semanticscholar.org/api-docs/graph#tag/Paper-Data/operation/get_graph_paper_relevance_search
// Offset paging (limit at most 100 per page) and at most 1,000 results per query in all. `tldr` is not
// requested here: the relevance search does not list it among its fields, but a paper object that
// carries one (the paper endpoint does) is read.

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export const searchFields = [
  'paperId',
  'externalIds',
  'url',
  'title',
  'abstract',
  'venue',
  'publicationVenue',
  'journal',
  'year',
  'publicationTypes',
  'citationCount',
  'authors',
].join(',');

// The API serves relevance-ranked results only up to offset + limit = 1,000.
const resultWindow = 1000;

function cslType(types: unknown, venue: string | null): string | null {
  const list = Array.isArray(types) ? types : [];
  if (venue === 'arXiv.org') return 'article';
  if (list.includes('Conference')) return 'paper-conference';
  if (list.includes('JournalArticle') || list.includes('Review')) return 'article-journal';
  if (list.includes('BookSection')) return 'chapter';
  if (list.includes('Book')) return 'book';
  if (list.includes('Dataset')) return 'dataset';
  return null;
}

export function parsePaper(paper: Json): Paper | null {
  const title = text(paper['title']);
  if (!title) return null;
  const external = object(paper['externalIds']) ?? {};
  const ids: Identifiers = {};
  const doi = normaliseDoi(text(external['DOI']) ?? '');
  if (doi) ids.doi = doi;
  const arxiv = normaliseArxiv(text(external['ArXiv']) ?? '') ?? (doi ? normaliseArxiv(doi) : null);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = normalisePmid(text(external['PubMed']) ?? '');
  if (pmid) ids.pmid = pmid;
  const pmc = text(external['PubMedCentral']);
  if (pmc) ids.pmcid = pmc.toUpperCase().startsWith('PMC') ? pmc.toUpperCase() : `PMC${pmc}`;
  const s2 = text(paper['paperId']);
  if (s2) ids.s2 = s2;

  const authors: Author[] = [];
  for (const person of Array.isArray(paper['authors']) ? paper['authors'] : []) {
    const name = text(object(person)?.['name']);
    const author = name ? splitName(name) : null;
    if (author) authors.push(author);
  }
  const venue = text(object(paper['publicationVenue'])?.['name']) ?? text(paper['venue']) ?? text(object(paper['journal'])?.['name']);
  const year = paper['year'];
  const citations = paper['citationCount'];
  return {
    id: paperId(ids, `semanticscholar:${s2 ?? title}`),
    ids,
    title,
    abstract: text(paper['abstract']),
    tldr: text(object(paper['tldr'])?.['text']),
    authors,
    year: Number.isInteger(year) ? (year as number) : null,
    venue,
    type: cslType(paper['publicationTypes'], venue),
    url: text(paper['url']) ?? (doi ? `https://doi.org/${doi}` : null),
    citationCount: Number.isInteger(citations) ? (citations as number) : null,
    keywords: [],
    sources: ['semanticscholar'],
  };
}

export function parseSearch(body: string): Page {
  const json = parseJsonBody(body);
  const root = object(json);
  if (!root || !Number.isInteger(root['total'])) throw new MalformedResponse('no "total" in the answer');
  // With no hits the API omits `data` altogether: {"total": 0, "offset": 0}.
  const data = root['data'] ?? [];
  if (!Array.isArray(data)) throw new MalformedResponse('"data" is not a list');
  const records = data.map((paper) => (object(paper) ? parsePaper(object(paper)!) : null)).filter((paper) => paper !== null);
  const next = root['next'];
  return {
    records,
    next: data.length > 0 && Number.isInteger(next) && (next as number) < resultWindow ? String(next) : null,
    total: root['total'] as number,
  };
}

function yearRange(years: PageAsk['years']): string | null {
  if (!years) return null;
  return `${years.from ?? ''}-${years.to ?? ''}`;
}

export const semanticscholar: LiveAdapter = {
  name: 'semanticscholar',
  maxPageSize: 100,
  request(ask: PageAsk, config: LiveConfig) {
    const offset = Number(ask.cursor ?? '0');
    // Paper search takes plain words, no Boolean syntax, and matches nothing for a hyphenated term (API
    // documentation, /graph/v1/paper/search): a facet query goes as its terms' words, hyphens as spaces.
    const groups = parseBooleanQuery(ask.query);
    const params: Record<string, string> = {
      query: groups === null ? ask.query : plainWords(groups, 'space'),
      fields: searchFields,
      offset: String(offset),
      limit: String(Math.max(1, Math.min(ask.size, 100, resultWindow - offset))),
    };
    const range = yearRange(ask.years);
    if (range) params['year'] = range;
    const headers = politeHeaders(config, 'application/json');
    if (config.keys.semanticscholar) headers['x-api-key'] = config.keys.semanticscholar;
    return { url: searchUrl(config.urls.semanticscholar, '/paper/search', params), headers, params };
  },
  parse: (body) => parseSearch(body),
  errorMessage(body) {
    const root = jsonObjectOrNull(body);
    return text(root?.['message']) ?? text(root?.['error']);
  },
  // With a key: 1 request per second (the key's allowance). Without one, every anonymous client shares
  // one pool, so go slower still.
  intervalMs: (config) => (config.keys.semanticscholar ? 1000 : 3000),
};
