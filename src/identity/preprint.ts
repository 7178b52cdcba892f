import type { Identifiers, Paper } from '../records/index.ts';
import { isArxivDoi } from './identifiers.ts';

// Preprint servers as venues name them (arXiv, CoRR, SSRN and the *Rxiv family).
const PREPRINT_VENUE = /\barxiv\b|\bcorr\b|preprint|\bssrn\b|\b(?:bio|med|chem|psy|eng|edu|socarx)rxiv\b/i;

/** True when the record carries a publisher DOI (not arXiv's own DataCite DOI for the preprint). */
export function publishedDoi(ids: Identifiers): boolean {
  return ids.doi !== undefined && !isArxivDoi(ids.doi);
}

/** True when the record is a preprint: no publisher DOI, and an arXiv id with no venue or a preprint venue. */
export function isPreprint(paper: Paper): boolean {
  if (publishedDoi(paper.ids)) return false;
  return paper.venue === null ? paper.ids.arxiv !== undefined : PREPRINT_VENUE.test(paper.venue);
}
