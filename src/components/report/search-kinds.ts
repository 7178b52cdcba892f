// What kind of page a search result is (the Pagefind filter `kind`): a review's report page, or one of the
// pages beside it that search also indexes (its references, its claims with their evidence). The search
// page lists only report pages until a word is typed or a kind is chosen (src/pages/search.astro), so that
// the listing holds each review once. Excluded-record pages are not indexed at all.
export const SEARCH_KINDS = {
  review: 'Review',
  references: 'References',
  evidence: 'Claims and evidence',
} as const;

export type SearchKind = keyof typeof SEARCH_KINDS;
