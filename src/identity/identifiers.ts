import type { Identifiers } from '../records/index.ts';

// DOI syntax: "10." + registrant code + "/" + suffix (ISO 26324; DOI Handbook §2.2). Crossref's
// recommended pattern for modern DOIs is /^10.\d{4,9}\/[-._;()/:A-Z0-9]+$/i; we accept any
// non-space suffix because older DOIs (e.g. Wiley's 10.1002/(SICI)…<…>) use more characters.
const DOI = /^10\.\d{4,9}\/\S+$/;
// A DOI becomes the paper's id ("doi:…"), which names pages and files and is capped at 300 characters
// (clean-paper.ts TEXT_LIMITS.id). Real DOIs are far shorter (the longest among the 6,633 DOIs in the corpora,
// fixtures and recorded answers here is 80 characters); a longer one is a broken or hostile value, not a reason to lose its record.
export const DOI_MAX_CHARS = 250;
// DOIs are case-insensitive (DOI Handbook §2.4), so lower case is the one canonical spelling.
const DOI_PREFIX = /^(?:https?:\/\/(?:(?:dx|www)\.)?doi\.org\/|doi\.org\/|doi:\s*|urn:doi:)/i;
// A DOI inside running text (a note, an abstract footer): stop at whitespace, quotes and angle brackets.
const DOI_IN_TEXT = /\b10\.\d{4,9}\/[^\s"'<>]+/i;
// arXiv registers a DataCite DOI for every paper: 10.48550/arXiv.<id> (https://info.arxiv.org/help/doi.html).
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

// arXiv identifiers (https://info.arxiv.org/help/arxiv_identifier.html):
// new style YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-), old style archive[.SUBCLASS]/YYMMNNN.
// A trailing vN names a version; the work is the id without it.
const NEW_ARXIV = String.raw`(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})`;
const OLD_ARXIV = String.raw`([a-z]+(?:-[a-z]+)?)(?:\.[A-Z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})`;
const VERSION = String.raw`(?:v\d+)?`;
const BARE_ARXIV = new RegExp(String.raw`^(?:${NEW_ARXIV}|${OLD_ARXIV})${VERSION}(?:\.pdf)?$`, 'i');
// Where an arXiv id sits inside a longer string: after "arXiv:" (also in "arXiv preprint arXiv:…"),
// after arxiv.org/abs/ or /pdf/, or after the CoRR volume prefix "abs/" that DBLP exports use.
const ARXIV_IN_TEXT = new RegExp(
  String.raw`(?:arxiv\s*:\s*|arxiv\.org\/(?:abs|pdf)\/|\bcorr\b.*?\babs\/)(?:${NEW_ARXIV}|${OLD_ARXIV})${VERSION}(?![\d])`,
  'i',
);
const PMID = /^\d{1,9}$/;

/** A DOI without resolver prefix, lower-cased; null when `input` is not a DOI. */
export function normaliseDoi(input: string): string | null {
  let doi = input.trim().replace(DOI_PREFIX, '');
  // Resolver URLs may carry the DOI percent-encoded (RFC 3986 §2.1; DOI Handbook §2.5.2.4).
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      return null;
    }
  }
  doi = doi.toLowerCase();
  return DOI.test(doi) && doi.length <= DOI_MAX_CHARS ? doi : null;
}

/** The first DOI written anywhere in `text` (a URL, a note), without trailing sentence punctuation. */
export function findDoi(text: string): string | null {
  const match = DOI_IN_TEXT.exec(text);
  if (!match) return null;
  // A DOI may legally end in ")" or "." but in running text these are far more often punctuation.
  return normaliseDoi(match[0].replace(/[.,;:)\]}]+$/, ''));
}

/** True for arXiv's own DataCite DOI, which names the preprint rather than a published version. */
export function isArxivDoi(doi: string): boolean {
  return ARXIV_DOI.test(doi);
}

function arxivFromMatch(match: RegExpExecArray): string {
  const [, modern, archive, number] = match;
  if (modern) return modern;
  // The subject class (math.GT/…) is not part of the identifier: math/0309136 names the same paper.
  return `${archive!.toLowerCase()}/${number!}`;
}

/**
 * An arXiv id without version ("2311.16169", "hep-th/9901001"), from a bare id, "arXiv:…", an arxiv.org
 * abs/pdf URL, a journal string such as "arXiv preprint arXiv:2311.16169", or arXiv's DOI; null otherwise.
 */
export function normaliseArxiv(input: string): string | null {
  const text = input.trim();
  const bare = BARE_ARXIV.exec(text);
  if (bare) return arxivFromMatch(bare);
  const doi = normaliseDoi(text);
  if (doi) {
    const fromDoi = ARXIV_DOI.exec(doi);
    return fromDoi ? normaliseArxiv(fromDoi[1]!) : null;
  }
  const inText = ARXIV_IN_TEXT.exec(text);
  return inText ? arxivFromMatch(inText) : null;
}

/** A PubMed id (digits only), accepting "PMID: 123" and "pmid:123"; null otherwise. */
export function normalisePmid(input: string): string | null {
  const pmid = input.trim().replace(/^pmid:?\s*/i, '');
  return PMID.test(pmid) ? pmid : null;
}

/**
 * The stable paper id: doi:… > arxiv:… > pmid:… > `fallback` (`<source>:<local id>`). arXiv's own DOI
 * (10.48550/arxiv.…) names the preprint, so when the arXiv id is known the arxiv: form is used instead:
 * the same preprint from a source that gives only the arXiv id then gets the same id.
 */
export function paperId(ids: Identifiers, fallback: string): string {
  if (ids.doi && !(isArxivDoi(ids.doi) && ids.arxiv)) return `doi:${ids.doi}`;
  if (ids.arxiv) return `arxiv:${ids.arxiv}`;
  if (ids.pmid) return `pmid:${ids.pmid}`;
  return fallback;
}

/** Rank of an id by kind, lower is better (doi < arxiv < pmid < anything else). */
export function paperIdRank(id: string): number {
  if (id.startsWith('doi:')) return 0;
  if (id.startsWith('arxiv:')) return 1;
  if (id.startsWith('pmid:')) return 2;
  return 3;
}
