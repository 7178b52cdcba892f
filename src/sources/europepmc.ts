import type { Author, Identifiers, Paper } from '../records/index.ts';
import { MalformedResponse } from './errors.ts';
import { normaliseArxiv, normaliseDoi, normalisePmid, paperId } from '../identity/index.ts';
import { politeHeaders, searchUrl, type LiveAdapter, type Page, type PageAsk } from './live-adapter.ts';
import { markupToText } from './markup-text.ts';
import { splitName } from './person-name.ts';
import type { LiveConfig } from './config.ts';
import { object, text, parseJsonBody, type Json, jsonObjectOrNull } from './json-body.ts';

// Europe PMC RESTful search: https://europepmc.org/RestfulWebService#!/Europe32PMC32Articles32RESTful32API/search
// resultType=core carries abstractText; paging is cursorMark=* then nextCursorMark (pageSize at most
// 1000). Year ranges go into the query itself as PUB_YEAR:[from TO to] (Europe PMC search syntax).

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function authorsOf(result: Json): Author[] {
  const authors: Author[] = [];
  for (const person of list(object(result['authorList'])?.['author'])) {
    const entry = object(person);
    const family = text(entry?.['lastName']) ?? text(entry?.['collectiveName']);
    if (family) {
      const given = text(entry?.['firstName']) ?? text(entry?.['initials']);
      authors.push(given ? { family, given } : { family });
      continue;
    }
    const full = text(entry?.['fullName']);
    const split = full ? splitName(full) : null;
    if (split) authors.push(split);
  }
  if (authors.length === 0) {
    // The lite result type has only "Schoenfeld JD, Haas-Kogan DA." (family name, then initials).
    for (const part of (text(result['authorString']) ?? '').replace(/\.$/, '').split(',')) {
      const words = part.trim().split(' ');
      const initials = words.length > 1 ? words.pop() : undefined;
      const family = words.join(' ');
      if (family) authors.push(initials ? { family, given: initials } : { family });
    }
  }
  return authors;
}

export function parseResult(result: Json): Paper | null {
  const rawTitle = text(result['title']);
  // MEDLINE ends every ArticleTitle with a period by convention; it is not part of the title.
  const title = rawTitle ? markupToText(rawTitle).replace(/([^.])\.$/, '$1') : null;
  if (!title) return null;
  const ids: Identifiers = {};
  const doi = normaliseDoi(text(result['doi']) ?? '');
  if (doi) ids.doi = doi;
  const pmid = normalisePmid(text(result['pmid']) ?? '');
  if (pmid) ids.pmid = pmid;
  const pmcid = text(result['pmcid']);
  if (pmcid) ids.pmcid = pmcid.toUpperCase();
  const arxiv = doi ? normaliseArxiv(doi) : null;
  if (arxiv) ids.arxiv = arxiv;
  const source = text(result['source']) ?? 'MED';
  const localId = text(result['id']) ?? title;

  const journalInfo = object(result['journalInfo']);
  const venue = text(object(journalInfo?.['journal'])?.['title']) ?? text(object(result['bookOrReportDetails'])?.['publisher']);
  const yearText = text(result['pubYear']) ?? String(journalInfo?.['yearOfPublication'] ?? '');
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const abstract = text(result['abstractText']);
  const pubTypes = list(object(result['pubTypeList'])?.['pubType']).map(text);
  const preprint = source === 'PPR' || pubTypes.includes('Preprint');
  const keywords = list(object(result['keywordList'])?.['keyword']).map(text).filter((word) => word !== null);
  const citations = result['citedByCount'];
  return {
    id: paperId(ids, `europepmc:${source}-${localId}`),
    ids,
    title,
    abstract: abstract ? markupToText(abstract) || null : null,
    tldr: null,
    authors: authorsOf(result),
    year,
    venue,
    type: preprint ? 'article' : source === 'MED' || source === 'PMC' ? 'article-journal' : null,
    url: doi ? `https://doi.org/${doi}` : `https://europepmc.org/article/${source}/${localId}`,
    citationCount: Number.isInteger(citations) ? (citations as number) : null,
    keywords,
    sources: ['europepmc'],
  };
}

export function parseSearch(body: string, ask: PageAsk | null = null): Page {
  const json = parseJsonBody(body);
  const root = object(json);
  const results = object(root?.['resultList'])?.['result'];
  if (!root || !Array.isArray(results)) throw new MalformedResponse('no "resultList.result" list in the answer');
  const records = results.map((result) => (object(result) ? parseResult(object(result)!) : null)).filter((paper) => paper !== null);
  const next = text(root['nextCursorMark']);
  const hits = root['hitCount'];
  return {
    records,
    // At the end Europe PMC either omits nextCursorMark or repeats the cursor it was given.
    next: results.length > 0 && next && next !== (ask?.cursor ?? '*') ? next : null,
    total: Number.isInteger(hits) ? (hits as number) : null,
  };
}

// A facet query (src/text/boolean-query.ts) is Europe PMC syntax as it is: AND/OR, parentheses, quoted phrases.
function queryWithYears(query: string, years: PageAsk['years']): string {
  if (!years) return query;
  return `(${query}) AND (PUB_YEAR:[${years.from ?? 1000} TO ${years.to ?? 3000}])`;
}

export const europepmc: LiveAdapter = {
  name: 'europepmc',
  maxPageSize: 1000,
  request(ask: PageAsk, config: LiveConfig) {
    const params: Record<string, string> = {
      query: queryWithYears(ask.query, ask.years),
      resultType: 'core',
      format: 'json',
      pageSize: String(Math.min(ask.size, 1000)),
      cursorMark: ask.cursor ?? '*',
    };
    return {
      url: searchUrl(config.urls.europepmc, '/search', params),
      headers: politeHeaders(config, 'application/json'),
      params,
    };
  },
  parse: (body, ask) => parseSearch(body, ask),
  errorMessage(body) {
    const root = jsonObjectOrNull(body);
    return text(root?.['errMsg']) ?? text(root?.['message']);
  },
  // Europe PMC asks clients to stay well under 10 requests per second.
  intervalMs: () => 200,
};
