import type { Paper, Synthesis } from '../../records/index.ts';
import { identifierLinks } from '../identifier-links.ts';

// What a report page tells search engines and reference managers about the report as a work of its own:
// Highwire Press citation_* meta tags (the tags Google Scholar's inclusion guidelines ask for, read by
// Zotero's Embedded Metadata translator too) and a schema.org ScholarlyArticle whose `citation` lists the
// included papers. Everything comes from the stored synthesis; nothing here is computed about the papers.

/** The report's author as a work: Sift writes the synthesis (the question file's maintainers are not stored with it). */
export const REPORT_AUTHOR = 'Sift';

export interface MetaTag {
  name: string;
  content: string;
}

// A living review is first published with its first version; its later versions modify it.
function firstPublished(s: Synthesis): string {
  return s.history[0]?.date ?? s.updated;
}

// Google Scholar's guidelines write dates as 2010/5/12; zero-padded is accepted and sorts.
function highwireDate(isoDate: string): string {
  return isoDate.slice(0, 10).replaceAll('-', '/');
}

/** Highwire Press tags for the report; citation_public_url only when the page's absolute URL is known. */
export function highwireTags(s: Synthesis, pageUrl: string | undefined): MetaTag[] {
  const tags: MetaTag[] = [
    { name: 'citation_title', content: s.title },
    { name: 'citation_author', content: REPORT_AUTHOR },
    { name: 'citation_publication_date', content: highwireDate(firstPublished(s)) },
    { name: 'citation_language', content: 'en' },
  ];
  if (pageUrl !== undefined) tags.push({ name: 'citation_public_url', content: pageUrl });
  for (const facet of s.facets) tags.push({ name: 'citation_keywords', content: facet.label });
  return tags;
}

// CSL item types (CSL 1.0.2 specification, "Appendix III - Types") onto schema.org types; what has no
// closer schema.org type is a ScholarlyArticle, the kind of work a literature review cites.
const SCHEMA_TYPE: Record<string, string> = {
  book: 'Book',
  chapter: 'Chapter',
  thesis: 'Thesis',
  report: 'Report',
  dataset: 'Dataset',
  software: 'SoftwareSourceCode',
  webpage: 'WebPage',
};

function citedWork(p: Paper) {
  const links = identifierLinks(p);
  const identifiers = [
    ...(p.ids.doi ? [{ '@type': 'PropertyValue', propertyID: 'DOI', value: p.ids.doi }] : []),
    ...(p.ids.arxiv ? [{ '@type': 'PropertyValue', propertyID: 'arXiv', value: p.ids.arxiv }] : []),
  ];
  return {
    '@type': SCHEMA_TYPE[p.type ?? ''] ?? 'ScholarlyArticle',
    name: p.title,
    ...(p.authors.length > 0
      ? {
          author: p.authors.map((a) => ({
            '@type': 'Person',
            // schema.org's name would repeat given and family name: the references page of a 150-paper
            // review would carry 30 KB more for nothing a reader of the data lacks.
            familyName: a.family,
            ...(a.given ? { givenName: a.given } : {}),
          })),
        }
      : {}),
    ...(p.year !== null ? { datePublished: String(p.year) } : {}),
    ...(p.venue ? { isPartOf: { '@type': 'CreativeWork', name: p.venue } } : {}),
    ...(links[0] ? { url: links[0].href } : {}),
    ...(links.length > 1 ? { sameAs: links.slice(1).map((l) => l.href) } : {}),
    ...(identifiers.length > 0 ? { identifier: identifiers } : {}),
  };
}

/**
 * The report as a schema.org ScholarlyArticle (JSON-LD), citing every included paper unless told not to:
 * the report page leaves the citations to its references page (about 800 bytes a paper, 120 KB at 150
 * included papers, past the report page's whole budget; src/publish/report-pages.ts).
 */
export function reportJsonLd(s: Synthesis, pageUrl: string | undefined, options: { citations?: boolean } = {}) {
  const latest = s.history.at(-1);
  return {
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    headline: s.title,
    name: s.title,
    description: s.question,
    ...(s.summary.length > 0 ? { abstract: s.summary.map((sentence) => sentence.text).join(' ') } : {}),
    inLanguage: 'en',
    author: { '@type': 'Organization', name: REPORT_AUTHOR },
    datePublished: firstPublished(s),
    dateModified: s.updated,
    ...(latest ? { version: String(latest.version) } : {}),
    keywords: s.facets.map((f) => f.label),
    isAccessibleForFree: true,
    ...(pageUrl !== undefined ? { url: pageUrl, mainEntityOfPage: pageUrl } : {}),
    ...(options.citations === false ? {} : { citation: s.papers.map(citedWork) }),
  };
}

/** The first and latest version dates, for Open Graph's article:published_time and article:modified_time. */
export function reportDates(s: Synthesis): { published: string; modified: string } {
  return { published: firstPublished(s), modified: s.updated };
}
