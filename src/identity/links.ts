import type { Paper } from '../records/index.ts';
import { normaliseDoi } from './identifiers.ts';

// Where a reader goes to reach a paper. This is part of a paper's identity, and lives here, because every
// output that links to a paper — the report page, BibTeX, RIS, CSL-JSON, the report JSON — must give the
// same link, and only the ground floor is imported by all of them (src/components, src/cite, src/publish).
//
// The one URL rule: a link Sift publishes is http or https, or a doi: name, which is written as its
// https://doi.org/ resolver URL. Anything else a source sent (javascript:, data:, vbscript:, file:, a
// relative path, text that is no URL) is dropped, never written into any output.

// Each path segment is percent-encoded so characters a DOI may contain (#, ?, %, <, {) stay part of the
// identifier instead of ending the URL path (DOI Handbook §2.5.2.4 lists those that must be encoded). Half a
// surrogate pair, which encodeURIComponent refuses with a URIError, is first made U+FFFD (toWellFormed).
function encodePath(value: string): string {
  return value.toWellFormed().split('/').map(encodeURIComponent).join('/');
}

/** The resolver URL of a DOI: https://doi.org/<doi> (DOI Handbook §3.8). */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodePath(doi)}`;
}

/** The abstract page of an arXiv id. */
export function arxivUrl(arxiv: string): string {
  return `https://arxiv.org/abs/${encodePath(arxiv)}`;
}

/** The PubMed page of a PMID. */
export function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(pmid.toWellFormed())}/`;
}

/**
 * `url` as Sift may publish it, or null: an http(s) URL in the WHATWG URL Standard's serialisation (which
 * percent-encodes spaces, quotes, angle brackets and control characters, and drops the tabs and line breaks
 * a URL parser ignores), a doi: name as its resolver URL; null for every other scheme or for no URL at all.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  if (parsed.protocol === 'doi:') {
    const doi = normaliseDoi(url);
    return doi === null ? null : doiUrl(doi);
  }
  return null;
}

/** The one link for a paper: its DOI's, else its arXiv page, else its own URL if safeUrl keeps it. */
export function paperUrl(paper: Pick<Paper, 'ids' | 'url'>): string | null {
  if (paper.ids.doi) return doiUrl(paper.ids.doi);
  if (paper.ids.arxiv) return arxivUrl(paper.ids.arxiv);
  return safeUrl(paper.url);
}
