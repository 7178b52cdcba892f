// A paper's identity: its identifiers (DOI, arXiv, PMID) normalised, its stable id, its title normalised for
// matching, and whether it is a preprint. The ground floor: sources, merge and cite import it; it imports only
// records.
export { findDoi, isArxivDoi, normaliseArxiv, normaliseDoi, normalisePmid, paperId, paperIdRank } from './identifiers.ts';
export { normaliseTitle } from './title.ts';
export { isPreprint, publishedDoi } from './preprint.ts';
