import type { Author, Identifiers, Paper } from '../records/index.ts';
import { MalformedResponse } from './errors.ts';
import { normaliseArxiv, normaliseDoi, paperId } from '../identity/index.ts';
import { politeHeaders, searchUrl, type LiveAdapter, type Page, type PageAsk } from './live-adapter.ts';
import { readSourceText } from './source-text.ts';
import type { LiveConfig } from './config.ts';
import { object, text, parseJsonBody, type Json, jsonObjectOrNull } from './json-body.ts';
import { parseBooleanQuery, plainWords } from '../text/boolean-query.ts';

// Crossref REST API works query: https://api.crossref.org/swagger-ui/index.html and
// https://www.crossref.org/documentation/retrieve-metadata/rest-api/tips-for-using-the-crossref-rest-api/
// Deep paging uses cursor=* then message["next-cursor"] (rows at most 1000); the cursor string often
// stays the same from page to page, and an empty `items` list is the end.

function firstText(value: unknown): string | null {
  if (Array.isArray(value)) return value.map(text).find((entry) => entry !== null) ?? null;
  return text(value);
}

const cslTypes: Record<string, string> = {
  'journal-article': 'article-journal',
  'proceedings-article': 'paper-conference',
  'book-chapter': 'chapter',
  'book-section': 'chapter',
  'book-part': 'chapter',
  book: 'book',
  monograph: 'book',
  'edited-book': 'book',
  'reference-book': 'book',
  'posted-content': 'article',
  dissertation: 'thesis',
  report: 'report',
  dataset: 'dataset',
  'reference-entry': 'entry',
  'peer-review': 'review',
  standard: 'standard',
};

// "issued" is Crossref's earliest of print and online publication; the others are fallbacks for records
// that lack it.
function yearOf(item: Json): number | null {
  for (const field of ['issued', 'published', 'published-print', 'published-online', 'created']) {
    const parts = object(item[field])?.['date-parts'];
    const year = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : null;
    if (Number.isInteger(year)) return year as number;
  }
  return null;
}

export function parseItem(item: Json): Paper | null {
  const title = firstText(item['title']);
  const doi = normaliseDoi(text(item['DOI']) ?? '');
  if (!title || !doi) return null;
  const ids: Identifiers = { doi };
  const arxiv = normaliseArxiv(doi);
  if (arxiv) ids.arxiv = arxiv;
  const subtitle = firstText(item['subtitle']);
  const authors: Author[] = [];
  for (const person of Array.isArray(item['author']) ? item['author'] : []) {
    const entry = object(person);
    const family = text(entry?.['family']) ?? text(entry?.['name']);
    if (!family) continue;
    const given = text(entry?.['given']);
    authors.push(given ? { family, given } : { family });
  }
  const abstract = text(item['abstract']);
  const type = text(item['type']);
  const citations = item['is-referenced-by-count'];
  const subjects = Array.isArray(item['subject']) ? item['subject'].map(text).filter((entry) => entry !== null) : [];
  return readSourceText('crossref', {
    id: paperId(ids, `crossref:${doi}`),
    ids,
    title: subtitle && !title.includes(subtitle) ? `${title}: ${subtitle}` : title,
    abstract: abstract ?? null,
    tldr: null,
    authors,
    year: yearOf(item),
    venue: firstText(item['container-title']) ?? text(item['publisher']),
    type: type ? (cslTypes[type] ?? null) : null,
    url: `https://doi.org/${doi}`,
    citationCount: Number.isInteger(citations) ? (citations as number) : null,
    keywords: subjects,
    sources: ['crossref'],
  }, 'any');
}

export function parseWorkList(body: string): Page {
  const json = parseJsonBody(body);
  const message = object(object(json)?.['message']);
  const items = message?.['items'];
  if (!message || !Array.isArray(items)) throw new MalformedResponse('no "message.items" list in the answer');
  const records = items.map((item) => (object(item) ? parseItem(object(item)!) : null)).filter((paper) => paper !== null);
  const total = message['total-results'];
  return {
    records,
    next: items.length > 0 ? text(message['next-cursor']) : null,
    total: Number.isInteger(total) ? (total as number) : null,
  };
}

function dateFilter(years: PageAsk['years']): string | null {
  const parts: string[] = [];
  if (years?.from !== undefined) parts.push(`from-pub-date:${years.from}`);
  if (years?.to !== undefined) parts.push(`until-pub-date:${years.to}`);
  return parts.length ? parts.join(',') : null;
}

export const crossref: LiveAdapter = {
  name: 'crossref',
  maxPageSize: 1000,
  request(ask: PageAsk, config: LiveConfig) {
    // Crossref's `query` has no Boolean operators: it ranks works by the words it is given. A facet query
    // (src/text/boolean-query.ts) goes as the words of its terms.
    const groups = parseBooleanQuery(ask.query);
    const params: Record<string, string> = {
      query: groups === null ? ask.query : plainWords(groups),
      rows: String(Math.min(ask.size, 1000)),
      cursor: ask.cursor ?? '*',
    };
    const filter = dateFilter(ask.years);
    if (filter) params['filter'] = filter;
    // The polite pool: requests that name a contact are served from separate, more reliable machines.
    if (config.contactEmail) params['mailto'] = config.contactEmail;
    return {
      url: searchUrl(config.urls.crossref, '/works', params),
      headers: politeHeaders(config, 'application/json'),
      params,
    };
  },
  parse: (body) => parseWorkList(body),
  // A 400 carries {"status":"failed","message-type":"validation-failure","message":[{type, value, message}]}.
  errorMessage(body) {
    const root = jsonObjectOrNull(body);
    const message = root?.['message'];
    if (Array.isArray(message)) {
      const parts = message.map((entry) => text(object(entry)?.['message'])).filter((entry) => entry !== null);
      return parts.length ? parts.join(' ') : null;
    }
    return text(message);
  },
  // Crossref's public pool allows about 5 requests per second per client.
  intervalMs: () => 200,
};
