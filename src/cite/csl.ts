import type { CSL, CSLType } from './citation-js.ts';
import type { Paper } from '../records/index.ts';
import { isPreprint, normaliseTitle } from '../identity/index.ts';

export type { CSL };

// CSL 1.0.2 item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
const CSL_TYPES: ReadonlySet<string> = new Set<CSLType>([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter',
  'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event',
  'figure', 'graphic', 'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture',
  'musical_score', 'pamphlet', 'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication',
  'post', 'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard',
  'thesis', 'treaty', 'webpage',
]);

// Words Google Scholar and DBLP skip when they build a key from a title's first word.
const KEY_STOPWORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'from', 'by', 'via', 'is', 'are', 'do', 'does', 'can', 'how', 'what', 'when', 'why', 'towards', 'toward']);

function ascii(value: string): string {
  return normaliseTitle(value).replace(/[^a-z0-9 ]/g, '');
}

/** A readable BibTeX-style key: first author's family name, year, first significant title word ("khare2023understanding"). */
export function citationKey(paper: Paper): string {
  const family = paper.authors[0] ? ascii(paper.authors[0].family).replace(/ /g, '') : '';
  const word = ascii(paper.title).split(' ').find((w) => w !== '' && !KEY_STOPWORDS.has(w)) ?? '';
  return `${family || 'anon'}${paper.year ?? 'nd'}${word}`;
}

function suffix(n: number): string {
  // b, c, …, z, then 27, 28, …: the first paper keeps the plain key, as BibTeX users expect.
  return n < 26 ? String.fromCharCode(97 + n) : String(n + 1);
}

/**
 * Unique citation keys for a set of papers, keyed by paper id. Papers sharing a base key are told apart
 * in paper-id order ("smith2020deep", "smith2020deepb"), so the keys do not depend on input order.
 */
export function citationKeys(papers: readonly Paper[]): Map<string, string> {
  const byId = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<string>();
  const keys = new Map<string, string>();
  const bases = new Map(byId.map((p) => [p.id, citationKey(p)]));
  for (const base of bases.values()) used.add(base);
  const taken = new Set<string>();
  for (const paper of byId) {
    const base = bases.get(paper.id)!;
    let key = base;
    for (let n = 1; taken.has(key) || (key !== base && used.has(key)); n++) key = base + suffix(n);
    taken.add(key);
    keys.set(paper.id, key);
  }
  return keys;
}

function link(paper: Paper): string | null {
  if (paper.ids.doi) return `https://doi.org/${paper.ids.doi}`;
  if (paper.ids.arxiv) return `https://arxiv.org/abs/${paper.ids.arxiv}`;
  return paper.url;
}

/**
 * A Paper as a CSL-JSON item, the citation record everything in src/cite formats from. `id` is the paper
 * id; `citation-key` (which citation-js uses as the BibTeX key) defaults to `citationKey(paper)`; use
 * `citationKeys` for a set so keys are unique.
 */
export function toCsl(paper: Paper, key: string = citationKey(paper)): CSL {
  // An arXiv preprint is cited as CSL "article" with publisher arXiv and number "arXiv:<id>", which APA 7
  // (§10.8) and the other styles print as the repository and identifier rather than as a journal.
  const arxivPreprint = isPreprint(paper) && paper.ids.arxiv !== undefined;
  const type: CSLType = arxivPreprint
    ? 'article'
    : paper.type !== null && CSL_TYPES.has(paper.type)
      ? (paper.type as CSLType)
      : 'article';
  const item: CSL = { id: paper.id, 'citation-key': key, type, title: paper.title };
  if (paper.authors.length > 0) {
    item.author = paper.authors.map((a) => (a.given === undefined ? { family: a.family } : { family: a.family, given: a.given }));
  }
  if (paper.year !== null) item.issued = { 'date-parts': [[paper.year]] };
  if (arxivPreprint) {
    item.publisher = 'arXiv';
    item.number = `arXiv:${paper.ids.arxiv!}`;
  } else if (paper.venue !== null) {
    item['container-title'] = paper.venue;
  }
  if (paper.ids.doi) item.DOI = paper.ids.doi;
  if (paper.ids.pmid) item.PMID = paper.ids.pmid;
  if (paper.ids.pmcid) item.PMCID = paper.ids.pmcid;
  const url = link(paper);
  if (url !== null) item.URL = url;
  if (paper.abstract !== null) item.abstract = paper.abstract;
  // citation-js splits `keyword` on commas when writing BibTeX and RIS keywords.
  if (paper.keywords.length > 0) item.keyword = paper.keywords.join(',');
  return item;
}

/** CSL items for a set of papers, with unique citation keys, sorted by citation key. */
export function toCslItems(papers: readonly Paper[]): CSL[] {
  const keys = citationKeys(papers);
  return papers
    .map((p) => toCsl(p, keys.get(p.id)!))
    .sort((a, b) => (a['citation-key']! < b['citation-key']! ? -1 : a['citation-key']! > b['citation-key']! ? 1 : 0));
}
