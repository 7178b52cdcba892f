// Word tokens, stopwords and stemming shared by screening, claims and verification.
//
// Exported API
//   tokenize(text: string): string[]              lower-case word tokens; hyphenated words ("fine-tuning"),
//                                                 numbers ("62.8%", "0.71", "5,000") and "gpt-4o" stay whole
//   tokenSpans(text: string): TokenSpan[]         the same tokens with UTF-16 offsets into `text`
//   STOPWORDS: ReadonlySet<string>                English function words (lower-case)
//   isStopword(token: string): boolean
//   stem(word: string): string                    Porter2 stem (wink-porter2-stemmer); numbers unchanged
//   stemToken(token: string): string[]            stems of a token's hyphen parts ("fine-tuned" → ["fine","tune"])
//   contentTerms(text: string): string[]          stemmed non-stopword terms in text order (duplicates kept, for
//                                                 term frequencies); a hyphenated word gives its parts and its
//                                                 closed form: "fine-tuning" → ["fine", "tune", "finetun"]
import porter2 from 'wink-porter2-stemmer';
import { remembered } from './remembered.ts';

export type TokenSpan = { token: string; start: number; end: number };

// A token is a run of letters/digits; inner hyphens and apostrophes join word parts, and a dot or comma
// joins digits only (decimals, thousands), so "p < 0.05." gives "0.05" without the sentence's full stop.
// A trailing % stays with its number: "62.8%" is one quantity.
const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+|(?<=\p{N})[.,]\p{N}+)*%?/gu;
const NUMERIC = /^[\p{N}.,%]+$/u;

export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const m of text.matchAll(TOKEN)) {
    spans.push({ token: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export function tokenize(text: string): string[] {
  return tokenSpans(text).map((s) => s.token);
}

// The classic English stopword list (the SMART/NLTK core), plus the connective words scientific abstracts use
// without content ("however", "thus"). Content words like "model" or "results" stay: they carry meaning here.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
  between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each either few for
  from further had hadn't has hasn't have haven't having he her here hers herself him himself his how however i if in
  into is isn't it it's its itself just let's may me might more most must mustn't my myself neither no nor not of off
  on once only or other ought our ours ourselves out over own same shall she should shouldn't so some such than that
  that's the their theirs them themselves then there there's these they this those thus through to too under until
  up upon very via was wasn't we were weren't what when where whether which while who whom whose why will with
  within without would wouldn't yet you your yours yourself yourselves e.g i.e etc`.split(/\s+/),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token.toLowerCase());
}

// Porter2 is the hot spot of screening (every token of every abstract, for every question); a word's stem
// never changes, so it is remembered. Bounded so a long-running process cannot grow without limit.
const stemOf = remembered((w) => (NUMERIC.test(w) ? w : porter2(w)), 200_000);

export function stem(word: string): string {
  return stemOf(word.toLowerCase());
}

// Porter2 stems "fine-tuned" as one word ("fine-tun") but "tuning" as "tune"; stemming each hyphen part makes
// "fine-tuned", "fine-tuning" and "fine tuning" agree.
export function stemToken(token: string): string[] {
  return token
    .split(/[-]/)
    .filter((p) => p.length > 0)
    .map(stem);
}

// A text's content terms, remembered: screening, claims and verification analyse the same titles, abstracts and
// sentences, and the same papers recur in the reviews of a run. Bounded like the stems; callers get a copy.
const analysed = remembered((text): readonly string[] => termsOf(text));

export function contentTerms(text: string): string[] {
  return [...analysed(text)];
}

function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (STOPWORDS.has(token)) continue;
    const parts = token.split('-');
    for (const part of parts) {
      if (part.length === 0 || STOPWORDS.has(part)) continue;
      // Single letters ("a", the "c" of "c/c++") and apostrophe-only remnants carry no topic.
      if (part.length < 2 && !/\p{N}/u.test(part)) continue;
      out.push(stem(part));
    }
    // Authors write "fine-tuning" and "finetuning", "multi-task" and "multitask": a hyphenated word also
    // yields its closed form's stem, so both spellings share a term.
    if (parts.length > 1 && /^[\p{L}-]+$/u.test(token)) out.push(stem(parts.join('')));
  }
  return out;
}
