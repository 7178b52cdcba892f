import type { Paper } from '../records/index.ts';

// Links a reader can follow to a paper, built from its identifiers (never from free text): a DOI
// resolves at https://doi.org/ (DOI Handbook §3.8), an arXiv id at https://arxiv.org/abs/.
// A record's own url is only used when it is http(s): a `javascript:` or `data:` URL from a source
// must never become an href.

export interface IdentifierLink {
  label: string;
  text: string;
  href: string;
}

// Each path segment is percent-encoded so characters a DOI may contain (#, ?, %, <) stay part of the
// identifier instead of ending the URL path.
function encodePath(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}

export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}

export function identifierLinks(paper: Pick<Paper, 'ids' | 'url'>): IdentifierLink[] {
  const links: IdentifierLink[] = [];
  if (paper.ids.doi) links.push({ label: 'DOI', text: paper.ids.doi, href: `https://doi.org/${encodePath(paper.ids.doi)}` });
  if (paper.ids.arxiv) links.push({ label: 'arXiv', text: paper.ids.arxiv, href: `https://arxiv.org/abs/${encodePath(paper.ids.arxiv)}` });
  if (paper.ids.pmid) links.push({ label: 'PubMed', text: paper.ids.pmid, href: `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(paper.ids.pmid)}/` });
  const url = safeHttpUrl(paper.url);
  if (url && !links.some((link) => link.href === url)) links.push({ label: 'Link', text: new URL(url).host, href: url });
  return links;
}
