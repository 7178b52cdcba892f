import type { Paper } from '../records/index.ts';
import { arxivUrl, doiUrl, pubmedUrl, safeUrl } from '../identity/index.ts';

// Links a reader can follow to a paper, built from its identifiers (never from free text) with the
// resolver URLs of src/identity/links.ts. A record's own url passes the one URL rule there (http, https or
// doi:), so a `javascript:` or `data:` URL from a source never becomes an href.

export interface IdentifierLink {
  label: string;
  text: string;
  href: string;
}

export function identifierLinks(paper: Pick<Paper, 'ids' | 'url'>): IdentifierLink[] {
  const links: IdentifierLink[] = [];
  if (paper.ids.doi) links.push({ label: 'DOI', text: paper.ids.doi, href: doiUrl(paper.ids.doi) });
  if (paper.ids.arxiv) links.push({ label: 'arXiv', text: paper.ids.arxiv, href: arxivUrl(paper.ids.arxiv) });
  if (paper.ids.pmid) links.push({ label: 'PubMed', text: paper.ids.pmid, href: pubmedUrl(paper.ids.pmid) });
  const url = safeUrl(paper.url);
  if (url && !links.some((link) => link.href === url)) links.push({ label: 'Link', text: new URL(url).host, href: url });
  return links;
}
