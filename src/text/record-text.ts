// A record's text, analysed once for everything screening reads from it: facet terms (src/text/terms.ts) and the
// content terms of its TF-IDF vector and BM25 score (src/text/tokens.ts contentTerms).
//
// Exported API
//   type RecordText = { title: AnalysedText; keywords: AnalysedText; abstract: AnalysedText | null }
//   readRecordText(paper: Paper): RecordText           abstract null when the record has none (title-only)
//   contentTermsOf(text: AnalysedText): string[]        equals contentTerms(text.source), from the analysed words
//   recordTerms(text: RecordText): string[]             a record's terms for ranking: the title's twice (a simple
//                                                       field weight: a title says what a record is about), then
//                                                       the abstract's and the keywords'
//
// Screening tokenised and stemmed every record twice, once to match facet terms and once for the ranking; at 10,000
// records that doubled most of its time. A record's analysed text is meant to be read and dropped (it holds an
// object per word): keeping 10,000 of them alive made garbage collection the largest cost. The last few thousand
// texts are remembered all the same (ANALYSED_LIMIT), since the reviews of a run screen the same papers: at 300
// generated questions (15,000 records of 771 papers) a --force run took 32.1-32.5 s of CPU against 35.7-35.8 without,
// and the 10,000-record question, which reads no text twice, 6.4-6.5 s against 6.6-6.9 s (peak 30 MiB higher).
import type { Paper } from '../records/index.ts';
import { analyseText, type AnalysedText } from './terms.ts';
import { remembered } from './remembered.ts';
import { STOPWORDS } from './tokens.ts';

const ANALYSED_LIMIT = 3_000;
// Read-only: screening only reads an analysed text.
const analysed = remembered(analyseText, ANALYSED_LIMIT);

export type RecordText = { title: AnalysedText; keywords: AnalysedText; abstract: AnalysedText | null };

export function readRecordText(paper: Paper): RecordText {
  const abstract = (paper.abstract ?? '').trim();
  return {
    title: analysed(paper.title),
    // Keywords are read as one text, "; " between them, as the stages always joined them.
    keywords: analysed(paper.keywords.join('; ')),
    abstract: abstract ? analysed(paper.abstract!) : null,
  };
}

// contentTerms' rules (src/text/tokens.ts) on the analysed tokens: a token's hyphen parts are its units, already
// lower-cased and stemmed; a hyphenated letters-only token also gives its closed form, the token's joinedStem.
export function contentTermsOf(text: AnalysedText): string[] {
  const out: string[] = [];
  for (const token of text.tokens) {
    const lower = text.source.slice(token.start, token.end).toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    for (let u = token.first; u <= token.last; u++) {
      const unit = text.units[u]!;
      if (STOPWORDS.has(unit.lower)) continue;
      if (unit.lower.length < 2 && !/\p{N}/u.test(unit.lower)) continue;
      out.push(unit.stem);
    }
    if (token.last > token.first && /^[\p{L}-]+$/u.test(lower)) out.push(token.joinedStem);
  }
  return out;
}

export function recordTerms(text: RecordText): string[] {
  const title = contentTermsOf(text.title);
  return [...title, ...title, ...(text.abstract ? contentTermsOf(text.abstract) : []), ...contentTermsOf(text.keywords)];
}
