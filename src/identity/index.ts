// A paper's identity: its identifiers (DOI, arXiv, PMID) normalised, its stable id, its title normalised for
// matching, whether it is a preprint, and the links every output gives for it (the one URL rule).
// The ground floor: sources, merge, cite, publish and the site import it; it imports only records.
export { DOI_MAX_CHARS, findDoi, isArxivDoi, normaliseArxiv, normaliseDoi, normalisePmid, paperId, paperIdRank } from './identifiers.ts';
export { foldSpelling, normaliseTitle } from './title.ts';
export { isPreprint, publishedDoi } from './preprint.ts';
export { arxivUrl, doiUrl, paperUrl, pubmedUrl, safeUrl } from './links.ts';
export { sharesAnAuthor } from './shared-authors.ts';
