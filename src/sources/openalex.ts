import type { Author, Identifiers, Paper } from '../records/index.ts';
import { MalformedResponse } from './errors.ts';
import { normaliseArxiv, normaliseDoi, normalisePmid, paperId } from '../identity/index.ts';
import { politeHeaders, searchUrl, type LiveAdapter, type Page, type PageAsk } from './live-adapter.ts';
import { splitName } from './person-name.ts';
import { readSourceText } from './source-text.ts';
import type { LiveConfig } from './config.ts';
import { object, text, parseJsonBody, type Json, jsonObjectOrNull } from './json-body.ts';

// OpenAlex works search: https://docs.openalex.org/api-entities/works/search-works
// Paging: https://docs.openalex.org/how-to-use-the-api/get-lists-of-entities/paging (cursor=*, then
// meta.next_cursor; per_page at most 200).


// OpenAlex ships abstracts as an inverted index (word → positions) for licensing reasons; the text is
// every word put back at its positions, joined by single spaces.
export function rebuildAbstract(index: unknown): string | null {
  const entries = object(index);
  if (!entries) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(entries)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions) if (Number.isInteger(position)) words[position as number] = word;
  }
  const joined = words.filter((word) => word !== undefined).join(' ').trim();
  return joined || null;
}

const cslTypes: Record<string, string> = {
  article: 'article-journal',
  review: 'article-journal',
  letter: 'article-journal',
  editorial: 'article-journal',
  erratum: 'article-journal',
  book: 'book',
  'book-chapter': 'chapter',
  dissertation: 'thesis',
  dataset: 'dataset',
  preprint: 'article',
  report: 'report',
  standard: 'standard',
  'reference-entry': 'entry',
  'peer-review': 'review',
};

function tail(url: string | null): string | null {
  return url ? (url.split('/').pop() ?? null) : null;
}

export function parseWork(work: Json): Paper | null {
  const title = text(work['title']) ?? text(work['display_name']);
  if (!title) return null;
  const rawIds = object(work['ids']) ?? {};
  const ids: Identifiers = {};
  const doi = normaliseDoi(text(work['doi']) ?? text(rawIds['doi']) ?? '');
  if (doi) ids.doi = doi;
  const openalex = tail(text(work['id']) ?? text(rawIds['openalex']));
  if (openalex) ids.openalex = openalex;
  const pmid = normalisePmid(tail(text(rawIds['pmid'])) ?? '');
  if (pmid) ids.pmid = pmid;
  const pmcid = tail(text(rawIds['pmcid']));
  if (pmcid) ids.pmcid = pmcid.toUpperCase().startsWith('PMC') ? pmcid.toUpperCase() : `PMC${pmcid}`;

  const primary = object(work['primary_location']);
  // `host_venue` is the pre-2023 schema; older responses (and caches) still carry it.
  const legacyVenue = object(work['host_venue']);
  const source = object(primary?.['source']);
  const locations = Array.isArray(work['locations']) ? work['locations'].map(object) : [];
  const landingPages = [primary, ...locations].map((location) => text(location?.['landing_page_url']));
  const arxiv = (doi ? normaliseArxiv(doi) : null) ?? landingPages.map((url) => (url ? normaliseArxiv(url) : null)).find(Boolean);
  if (arxiv) ids.arxiv = arxiv;

  const authors: Author[] = [];
  for (const authorship of Array.isArray(work['authorships']) ? work['authorships'] : []) {
    const entry = object(authorship);
    const name = text(object(entry?.['author'])?.['display_name']) ?? text(entry?.['raw_author_name']);
    const author = name ? splitName(name) : null;
    if (author) authors.push(author);
  }

  const keywords: string[] = [];
  for (const keyword of Array.isArray(work['keywords']) ? work['keywords'] : []) {
    // 2024 schema: {keyword, score}; 2025 schema: {id, display_name, score}.
    const entry = object(keyword);
    const word = text(entry?.['display_name']) ?? text(entry?.['keyword']);
    if (word) keywords.push(word);
  }

  const year = work['publication_year'];
  const type = text(work['type']);
  const venueType = text(source?.['type']);
  const citations = work['cited_by_count'];
  return readSourceText('openalex', {
    id: paperId(ids, `openalex:${openalex ?? title}`),
    ids,
    title,
    abstract: rebuildAbstract(work['abstract_inverted_index']),
    tldr: null,
    authors,
    year: Number.isInteger(year) ? (year as number) : null,
    venue: text(source?.['display_name']) ?? text(legacyVenue?.['display_name']),
    type: type === 'article' && venueType === 'conference' ? 'paper-conference' : type ? (cslTypes[type] ?? null) : null,
    url: doi ? `https://doi.org/${doi}` : (landingPages.find(Boolean) ?? text(work['id'])),
    citationCount: Number.isInteger(citations) ? (citations as number) : null,
    keywords,
    sources: ['openalex'],
  }, 'any');
}

export function parseWorks(body: string): Page {
  const json = parseJsonBody(body);
  const root = object(json);
  const results = root?.['results'];
  if (!root || !Array.isArray(results)) throw new MalformedResponse('no "results" list in the answer');
  const meta = object(root['meta']);
  const records = results.map((work) => (object(work) ? parseWork(object(work)!) : null)).filter((paper) => paper !== null);
  const count = meta?.['count'];
  return {
    records,
    // An empty page ends the walk even if a cursor came back (the docs' own stopping rule).
    next: results.length > 0 ? text(meta?.['next_cursor']) : null,
    total: Number.isInteger(count) ? (count as number) : null,
  };
}

function dateFilter(years: PageAsk['years']): string | null {
  const parts: string[] = [];
  if (years?.from !== undefined) parts.push(`from_publication_date:${years.from}-01-01`);
  if (years?.to !== undefined) parts.push(`to_publication_date:${years.to}-12-31`);
  return parts.length ? parts.join(',') : null;
}

export const openalex: LiveAdapter = {
  name: 'openalex',
  maxPageSize: 200,
  request(ask: PageAsk, config: LiveConfig) {
    // `search` reads a facet query (src/text/boolean-query.ts) as it is written: uppercase AND/OR,
    // parentheses and quoted phrases are OpenAlex's own syntax (developers.openalex.org, "Searching").
    const params: Record<string, string> = {
      search: ask.query,
      per_page: String(Math.min(ask.size, 200)),
      cursor: ask.cursor ?? '*',
    };
    const filter = dateFilter(ask.years);
    if (filter) params['filter'] = filter;
    if (config.contactEmail) params['mailto'] = config.contactEmail;
    const secret: Record<string, string> = config.keys.openalex ? { api_key: config.keys.openalex } : {};
    return {
      url: searchUrl(config.urls.openalex, '/works', params, secret),
      headers: politeHeaders(config, 'application/json'),
      params,
    };
  },
  parse: (body) => parseWorks(body),
  errorMessage(body) {
    const root = jsonObjectOrNull(body);
    return text(root?.['message']) ?? text(root?.['error']);
  },
  // OpenAlex allows 10 requests per second; a tenth of that is polite and still fast.
  intervalMs: () => 100,
};
