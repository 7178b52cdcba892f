// Which of a question's facets each record speaks to, how strongly, and which facets no record meets (gaps).
//
// Exported API
//   type FacetReading = { strengths: number[]; mentioned: string[]; titleOnly: boolean }
//   readFacets(text: RecordText, facets: readonly CompiledFacet[]): FacetReading          one record's reading
//   facetGaps(readings: readonly FacetReading[], facets: readonly { id: string }[]): string[]
//       ids of the facets that no record mentions, in the question's order
//   coverage(strengths: readonly number[], roles: readonly FacetRole[], gaps: ReadonlySet<number>): number
//
// A facet's strength in a record: 1 if its terms occur in the title or the keywords (what the record is about),
// 0.75 if they occur two or more times in the abstract, 0.5 once, else 0. A title-only record (no abstract) is
// read on its title and keywords: that is all it has, and a strength of 1 there means the same as for any record.
//
// Coverage counts the required facets and ANY aspect: the mean of the required facets' strengths and the
// strongest aspect's, the best aspect counting as one more part:
//   coverage = (Σ required strengths + max aspect strength) / (number of required facets + 1 if there are aspects)
// so a paper on fine-tuning for vulnerability detection covers a question with the aspects "fine-tuning",
// "robustness" and "low-resource languages" fully, instead of a third. A facet that no record meets is a gap: it
// is left out of every record's coverage (and reported), so it cannot drag the whole corpus down.
import { facetMentions, type CompiledFacet } from '../text/facet-terms.ts';
import type { RecordText } from '../text/record-text.ts';

export type FacetRole = 'required' | 'aspect';

export type FacetReading = { strengths: number[]; mentioned: string[]; titleOnly: boolean };

export function readFacets(text: RecordText, facets: readonly CompiledFacet[]): FacetReading {
  const none = facets.map((f) => ({ id: f.id, count: 0 }));
  const inTitle = facetMentions(text.title, facets);
  const inKeywords = text.keywords.units.length > 0 ? facetMentions(text.keywords, facets) : none;
  const inAbstract = text.abstract ? facetMentions(text.abstract, facets) : none;
  const strengths = facets.map((_, k) => {
    const n = inAbstract[k]!.count;
    return inTitle[k]!.count + inKeywords[k]!.count > 0 ? 1 : n >= 2 ? 0.75 : n === 1 ? 0.5 : 0;
  });
  return { strengths, mentioned: facets.filter((_, k) => strengths[k]! > 0).map((f) => f.id), titleOnly: text.abstract === null };
}

export function facetGaps(readings: readonly FacetReading[], facets: readonly { id: string }[]): string[] {
  return facets.filter((_, k) => readings.every((r) => r.strengths[k] === 0)).map((f) => f.id);
}

export function coverage(strengths: readonly number[], roles: readonly FacetRole[], gaps: ReadonlySet<number>): number {
  let required = 0;
  let nRequired = 0;
  let aspect = 0;
  let hasAspect = false;
  strengths.forEach((s, k) => {
    if (gaps.has(k)) return;
    if (roles[k] === 'aspect') {
      hasAspect = true;
      aspect = Math.max(aspect, s);
    } else {
      required += s;
      nRequired++;
    }
  });
  const parts = nRequired + (hasAspect ? 1 : 0);
  return parts === 0 ? 0 : (required + aspect) / parts;
}
