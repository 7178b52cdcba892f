// Sentence splitting for scientific abstracts, with exact offsets so claims can quote verbatim.
//
// Exported API
//   type SentenceSpan = { text: string; start: number; end: number }
//   splitSentences(source: string): SentenceSpan[]
//     text === source.slice(start, end) exactly (UTF-16 offsets), trimmed of surrounding whitespace, in order,
//     non-overlapping. Section labels ("BACKGROUND:", "**Results**:") are left out of the sentences, never a
//     sentence of their own; leading bullet marks ("- ", "• ") too.
//
// How: ICU's sentence rules (Intl.Segmenter, UAX #29 "Sentence Boundaries") already keep decimals ("0.05"),
// initials ("J. Smith") and a full stop before a lower-case word ("e.g. the") together. Abstracts break
// them in a few known ways, repaired here:
//   1. hard-wrapped lines: UAX #29 always breaks after a line feed (rule SB4), so a single newline inside a
//      sentence is read as a space (the text is rewritten at the same length, so offsets do not move);
//   2. a sentence that opens with a lower-case name ("funcGNN") is split off;
//   3. abbreviations followed by a capital ("e.g. Git", "vs. GPT-4") are joined back;
//   4. a break inside parentheses or brackets is joined back when the next piece closes them;
//   5. section labels and bullet marks are trimmed from the start of a sentence.

import { remembered } from './remembered.ts';

export type SentenceSpan = { text: string; start: number; end: number };

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Abbreviations that (practically) never end a sentence in an abstract: always join the next piece.
const ALWAYS_JOIN = /(?:^|[\s(\[])(?:e\.\s?g|i\.\s?e|cf|vs|viz|approx|resp|incl|Fig|Figs|Eq|Eqs|Ref|Refs|Sec|Tab|No|Nos|w\.r\.t|a\.k\.a|ca|Dr|Prof|Mr|Ms|Mrs)\.,?\s*$/i;
// Abbreviations that often do end a sentence ("... by Hindle et al. The giga-token model ..."): join only
// when the next piece does not open like a sentence (a capitalised ordinary word).
const JOIN_UNLESS_SENTENCE = /(?:^|\s)(?:et al|etc|al)\.\s*$/;
const OPENS_SENTENCE = /^\s*["“(\[]?[A-Z][a-z]/;

const LABEL_WORDS =
  'background|context|motivation|objectives?|aims?|purpose|goals?|problem|introduction|methods?|methodology|approach|design|settings?|participants|materials|results?|main results|findings|conclusions?|discussion|implications|significance|limitations|contributions?|evaluation|summary|keywords|availability|importance|question|source|code|data|paper|video|slides';
// A section label at the start of a sentence: a known label word, or a short ALL-CAPS phrase, optionally in
// Markdown bold, followed by a colon (the structured-abstract style of PubMed and many venues).
const LEADING_LABEL = new RegExp(
  String.raw`^(?:\*\*|__)?(?:(?:${LABEL_WORDS})(?:\s+(?:and|&)\s+(?:${LABEL_WORDS}))?|[A-Z][A-Z]{2,}(?:[ &]+[A-Z]{2,}){0,3})(?:\*\*|__)?\s*:(?:\*\*|__)?\s*`,
  'i',
);
const ALLCAPS_LABEL = /^(?:\*\*|__)?[A-Z][A-Z]{2,}(?:[ &]+[A-Z]{2,}){0,3}(?:\*\*|__)?\s*:/;
const BULLET = /^(?:[-*•‣◦▪]\s+|#{1,6}\s+)/;
const ITEM_START = /^[ \t]*(?:[-*•‣◦▪]\s|\d{1,2}[.)]\s|\(\d{1,2}\)\s)/;
// A piece that is only an enumerator ("2)." in "… duplications. 2). The failure …") belongs to what follows.
const ENUMERATOR_ONLY = /^\s*\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\.?\s*$/;
const OPENERS = '([{';
const CLOSERS = ')]}';

// An abstract's sentences, remembered: claims and verification split the same abstracts, and the same papers
// recur in the reviews of a run. Bounded, so a long-running process cannot grow without limit; callers get copies.
const split = remembered((source): readonly SentenceSpan[] => sentencesOf(source), 50_000);

export function splitSentences(source: string): SentenceSpan[] {
  return split(source).map((s) => ({ ...s }));
}

function sentencesOf(source: string): SentenceSpan[] {
  const text = unwrapLines(source);
  const pieces: { start: number; end: number }[] = [];
  for (const s of segmenter.segment(text)) {
    let start = s.index;
    // UAX #29 rule SB8 never breaks before a lower-case letter, so a sentence opening with a lower-case name
    // ("… state of the art methods. funcGNN posses …") stays glued to the one before; split there.
    // Likewise a full stop with no space before a capitalised word ("… behavior.To automate …") is a typo'd
    // sentence end that SB rules do not break.
    for (const m of s.segment.matchAll(/[\p{Ll}\p{N}%)\]][.!?](\s+)(?=\p{Ll}+\p{Lu})|\p{Ll}{2}[.!?](?=\p{Lu}\p{Ll})/gu)) {
      const cut = s.index + m.index + m[0].length;
      pieces.push({ start, end: cut });
      start = cut;
    }
    pieces.push({ start, end: s.index + s.segment.length });
  }

  const joined: { start: number; end: number }[] = [];
  for (const piece of pieces) {
    const prev = joined.at(-1);
    if (prev && shouldJoin(source.slice(prev.start, prev.end), source.slice(piece.start, piece.end))) {
      prev.end = piece.end;
    } else {
      joined.push({ ...piece });
    }
  }

  const out: SentenceSpan[] = [];
  for (const { start, end } of joined) {
    const span = trimSpan(source, start, end);
    if (span) out.push(span);
  }
  return out;
}

// Length-preserving: a single line feed inside a sentence becomes a space. A line feed stays when the line
// before ends a sentence or a label (.!?:), when a blank line follows (paragraph), or when the next line is a
// bullet or numbered item.
function unwrapLines(source: string): string {
  return source.replace(/\r?\n/g, (nl, offset: number) => {
    const before = source.slice(0, offset).trimEnd();
    const after = source.slice(offset + nl.length);
    if (before.length === 0 || /[.!?:;]["”’)\]*]*$/.test(before)) return nl;
    if (/^[ \t]*(?:\r?\n|$)/.test(after)) return nl;
    // A list item keeps its line (items rarely end in a full stop) unless the next line goes on in lower case; "We find that\n(1) …" is one sentence.
    const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
    if (ITEM_START.test(lineBefore) && !/^[ \t]*\p{Ll}/u.test(after)) return nl;
    // A section label opens a new line of its own ("…\nMethods: We …").
    if (/^[ \t]*(?:\*\*|__)?[A-Z]/.test(after) && LEADING_LABEL.test(after.trimStart())) return nl;
    return ' '.repeat(nl.length);
  });
}

function shouldJoin(prev: string, next: string): boolean {
  if (/\n\s*\n\s*$/.test(prev) || /\n\s*$/.test(prev)) return false; // a line break the text kept is a real break
  if (ENUMERATOR_ONLY.test(prev)) return true;
  // UAX #29 breaks after "?" or "!" even inside a token (a URL's "watch?v=…"); prose puts a space after them.
  if (/[?!]$/.test(prev) && /^\S/.test(next)) return true;
  if (ALWAYS_JOIN.test(prev)) return true;
  if (JOIN_UNLESS_SENTENCE.test(prev) && !OPENS_SENTENCE.test(next)) return true;
  const depth = bracketDepth(prev);
  if (depth > 0 && bracketDepth(next) < 0) return true;
  return false;
}

function bracketDepth(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (OPENERS.includes(ch)) d++;
    else if (CLOSERS.includes(ch)) d--;
  }
  return d;
}

function trimSpan(source: string, start: number, end: number): SentenceSpan | null {
  let s = start;
  let e = end;
  // Strip leading labels and bullets repeatedly ("- RESULTS: ..."), then surrounding whitespace.
  for (;;) {
    while (s < e && /\s/.test(source[s]!)) s++;
    const rest = source.slice(s, e);
    const bullet = BULLET.exec(rest);
    const label = LEADING_LABEL.exec(rest);
    // A known label word needs a capital (prose like "results: ..." mid-sentence cannot start a segment
    // anyway, but "approach: ..." in lower case is more likely text than a heading).
    const isLabel = label !== null && (/^(?:\*\*|__)?[A-Z]/.test(rest) || ALLCAPS_LABEL.test(rest));
    if (bullet) s += bullet[0].length;
    else if (isLabel) s += label[0].length;
    else break;
  }
  while (e > s && /\s/.test(source[e - 1]!)) e--;
  const text = source.slice(s, e);
  // A piece with no letter or digit (a stray "**", "-") is not a sentence.
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return { text, start: s, end: e };
}
