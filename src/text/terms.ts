// Finding a question's facet and criteria terms in titles and abstracts.
//
// Exported API
//   type TermHit = { term: string; text: string; start: number; end: number }   text === source.slice(start, end)
//   type CompiledTerm                                     a term prepared once for many texts
//   type AnalysedText                                     a text prepared once for many terms
//   type TermReading = 'stemmed' | 'as-written'
//   compileTerm(term: string, reading: TermReading = 'stemmed'): CompiledTerm   remembered: the same object, read-only
//   analyseText(source: string): AnalysedText
//   findTerms(source: string | AnalysedText, terms: readonly (string | CompiledTerm)[]): TermHit[]
//       every occurrence, sorted by start, then by the terms' order
//   termSet(terms: readonly CompiledTerm[]): TermSet      terms prepared once for matching many texts
//   findTermsIn(source: string | AnalysedText, set: TermSet): TermHit[]      findTerms with a prepared set
//   countTermHits(source: string | AnalysedText, set: TermSet): number[]     hits per term, in the set's order
//   matchedTerms(source, terms): string[]                 distinct matched terms, in the order given
//
// Matching rules of the 'stemmed' reading (what a question author can expect of screening and claims):
//   - case-insensitive, whole words only ("attack" does not match inside "counterattack");
//   - words compare by Porter2 stem, part by part across hyphens and spaces, so "fine-tuning" matches
//     "fine-tuned" and "fine tuning", "vulnerabilities" matches "vulnerability"; a hyphenated or spaced term also
//     matches its closed form and back ("multi-task" ↔ "multitask");
//   - a term written in lower case with at least 5 letters also matches as a prefix of its last word:
//     "vulnerab" matches "vulnerable", "fine-tun" matches "fine-tuning", "robust" matches "robustness";
//   - a short term with a capital ("Go", "PHP", "CWE", "F1": three characters or fewer) is a name or acronym:
//     it matches that exact word, case-sensitively and unstemmed, so "Go" does not match "going" or "go";
//   - a term written with symbols ("C#", "C++", "ASP.NET") matches that literal text, case-insensitively, between
//     non-word characters ("C" alone or "C++" do not match "C#").
//
// The 'as-written' reading is how the review panel reads a text (src/pipeline/reviewers/): without stems, so a
// reviewer's verdict rests on the words themselves, not on the screening stage's matches:
//   - a term written with any capital letter ("Codestral", "Go", "LoRA", "CWE") is a name and keeps its case,
//     so "Go" the language is not found in "go beyond"; other terms ignore case;
//   - hyphens and spaces are interchangeable: a hyphenated term also matches written apart or closed up
//     ("fine-tuning" = "fine tuning" = "finetuning"), a spaced term matches hyphenated;
//   - a term matches at a word start and may continue into a longer word ("vulnerab" finds "vulnerability",
//     "robust" finds "robustness", "attack" finds "attacker"; the hit quotes the whole word); a term of 3
//     characters or fewer must be a whole word, plural "s" allowed, so "Go" does not match "Google";
//   - no stemming: "vulnerabilities" does not find "vulnerability", nor "transformation" "Transformer".
import { stem, tokenSpans } from './tokens.ts';
import { remembered } from './remembered.ts';

export type TermHit = { term: string; text: string; start: number; end: number };

export type TermReading = 'stemmed' | 'as-written';

export type CompiledTerm = {
  term: string;
  reading: TermReading;
  parts: string[]; // lower-case word parts
  stems: string[];
  joinedStem: string; // stem of the parts written together
  prefix: boolean;
  exact: boolean;
  // Matched on the source text instead of word parts: names written with symbols ("C#", "C++", ".NET"), which
  // word tokens lose, and every term read as written.
  literal: RegExp | null;
  // An 'as-written' term's `literal` in parts, which hitsIn matches with instead (see findWritten): null for the others.
  written: WrittenParts | null;
};

// The pattern of an 'as-written' term without its word-boundary checks: its words and gaps (body), and whether it
// ignores case and ends with the short-term tail.
type WrittenParts = { body: RegExp; caseless: boolean; short: boolean };

type Unit = { raw: string; lower: string; stem: string; start: number; end: number; token: number };
export type AnalysedText = {
  source: string;
  units: Unit[]; // hyphen parts of every token, in order
  tokens: { start: number; end: number; joinedStem: string; first: number; last: number }[];
};

// Terms become regular expressions. The question schema (src/records/question.ts) keeps a term to 100
// characters and the question, whose names the review panel also looks for, to 2,000; a term of about 20,000
// characters overflows V8's regular expression stack. Past this, a term is a caller's bug, said plainly.
const LONGEST_TERM = 2_000;

// Compiled once per term and reading for the whole run: the stages and each of the five reviewers compile a
// question's terms again, and an 'as-written' term's pattern (Unicode property classes, a look-behind) costs more to
// build and to run the first time than to match one abstract. A CompiledTerm is read-only and its patterns are used
// through matchAll (which matches on a copy) or from a set lastIndex within one call, so one object serves every
// caller.
const compiledTerms = remembered((key: string): CompiledTerm => {
  const cut = key.indexOf('\n');
  return compileTermNow(key.slice(cut + 1), key.slice(0, cut) as TermReading);
}, 20_000);

export function compileTerm(term: string, reading: TermReading = 'stemmed'): CompiledTerm {
  return compiledTerms(`${reading}\n${term}`);
}

function compileTermNow(term: string, reading: TermReading): CompiledTerm {
  if (term.length > LONGEST_TERM) {
    throw new RangeError(`a term of ${term.length} characters cannot be matched (at most ${LONGEST_TERM}); the question schema should have refused it`);
  }
  const parts = term
    .toLowerCase()
    .split(/[\s\-‐–]+/)
    .map((p) => p.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((p) => p.length > 0);
  const letters = parts.join('');
  const exact = term.length <= 3 && /\p{Lu}/u.test(term);
  const prefix = !exact && term === term.toLowerCase() && /^[\p{L}\s-]+$/u.test(term) && letters.length >= 5;
  const compiled: CompiledTerm = { term, reading, parts, stems: parts.map(stem), joinedStem: stem(letters), prefix, exact, literal: null, written: null };
  if (reading === 'as-written') {
    const [whole, written] = asWritten(term);
    compiled.written = written;
    // Matching uses `written`; the whole pattern is built only when asked for (building it alone cost ~0.05 ms).
    let made: RegExp | undefined;
    Object.defineProperty(compiled, 'literal', { enumerable: true, get: () => (made ??= new RegExp(whole.source, whole.flags)) });
  } else if (/[#+.]/.test(term.replace(/\.$/, ''))) {
    compiled.literal = new RegExp(`(?<![\\p{L}\\p{N}#+])${escapeRegExp(term)}(?![\\p{L}\\p{N}#+])`, 'giu');
  }
  return compiled;
}

// The 'as-written' reading (rules above) as one pattern over the source text. The words are literal text and
// each gap between two words is one character class with one quantifier: a run of separators in the term
// ("x - - y") is one gap, never a quantifier beside a quantifier over the same characters, which backtracks
// exponentially on a text that almost matches (issue 10: 33 s for nine hyphen pairs). Matching is then linear
// in the text for each place a match can start.
function asWritten(term: string): [{ source: string; flags: string }, WrittenParts | null] {
  const trimmed = term.trim();
  const words = trimmed.split(/[\s-]+/).filter((w) => w.length > 0);
  // Only separators: nothing to find (the schema asks every term for a letter or digit).
  if (words.length === 0) return [{ source: '(?!)', flags: 'gu' }, null];
  const gaps = trimmed.match(/[\s-]+/g) ?? [];
  const start = /^[\s-]/.test(trimmed) ? 1 : 0;
  const body = words
    .map((word, i) => {
      if (i === 0) return escapeRegExp(word);
      const gap = gaps[i - 1 + start] ?? ' ';
      // One hyphen: apart, hyphenated or closed up; spaces: apart or hyphenated; both or several: any of those.
      const pattern = gap === '-' ? '[\\s-]?' : /^\s+$/.test(gap) ? '[\\s-]+' : '[\\s-]*';
      return `${pattern}${escapeRegExp(word)}`;
    })
    .join('');
  const tail = trimmed.length <= 3 ? 's?(?![\\p{L}\\p{N}])' : '[\\p{L}\\p{N}]*';
  const caseless = !/\p{Lu}/u.test(term);
  const flags = caseless ? 'giu' : 'gu';
  return [{ source: `(?<![\\p{L}\\p{N}])${body}${tail}`, flags }, { body: new RegExp(body, flags), caseless, short: trimmed.length <= 3 }];
}

// Each [\p{L}\p{N}] in a pattern costs V8 about 0.2 ms to compile, more than matching a term against fifty
// abstracts, and every question brings its own terms (issue 13: a tenth of synthesis). So an 'as-written' term is
// matched as its body, compiled without them, and the look-behind and the tail are checked where the body matched,
// with the patterns below, compiled once. The hits are `literal`'s: each gap of the body is followed by a word that
// begins with neither a space nor a hyphen, so the body matches in at most one way at a place and the tail never
// makes the pattern backtrack into it; the tail is then matched greedily from where the body ends, as in `literal`.
const BOUNDARY = { caseless: /(?<![\p{L}\p{N}])/iuy, cased: /(?<![\p{L}\p{N}])/uy };
const LONG_TAIL = { caseless: /[\p{L}\p{N}]*/iuy, cased: /[\p{L}\p{N}]*/uy };
const SHORT_TAIL = { caseless: /s?(?![\p{L}\p{N}])/iuy, cased: /s?(?![\p{L}\p{N}])/uy };

function findWritten(source: string, { body, caseless, short }: WrittenParts, found: (start: number, end: number) => void): void {
  const which = caseless ? 'caseless' : 'cased';
  const boundary = BOUNDARY[which];
  const tail = (short ? SHORT_TAIL : LONG_TAIL)[which];
  let from = 0;
  for (;;) {
    body.lastIndex = from;
    const m = body.exec(source);
    if (m === null) return;
    const start = m.index;
    boundary.lastIndex = start;
    tail.lastIndex = start + m[0].length;
    if (boundary.test(source) && tail.test(source)) {
      found(start, tail.lastIndex);
      from = tail.lastIndex;
    } else {
      // The next place the whole pattern would try: the next code point (the pattern is Unicode-aware).
      from = start + (source.codePointAt(start)! > 0xffff ? 2 : 1);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function analyseText(source: string): AnalysedText {
  const units: Unit[] = [];
  const tokens: AnalysedText['tokens'] = [];
  for (const t of tokenSpans(source)) {
    const first = units.length;
    const raw = source.slice(t.start, t.end);
    // Most tokens have no hyphen: one unit, whose stem is also the token's joined stem (screening analyses every
    // word of every record, so the common case skips the split).
    if (!raw.includes('-')) {
      const s = stem(t.token);
      units.push({ raw, lower: t.token, stem: s, start: t.start, end: t.end, token: tokens.length });
      tokens.push({ start: t.start, end: t.end, joinedStem: s, first, last: first });
      continue;
    }
    let offset = t.start;
    for (const part of raw.split(/(-)/)) {
      if (part === '-' || part.length === 0) {
        offset += part.length;
        continue;
      }
      const lower = part.toLowerCase();
      units.push({ raw: part, lower, stem: stem(lower), start: offset, end: offset + part.length, token: tokens.length });
      offset += part.length;
    }
    tokens.push({ start: t.start, end: t.end, joinedStem: stem(t.token.replaceAll('-', '')), first, last: units.length - 1 });
  }
  return { source, units, tokens };
}

export function findTerms(source: string | AnalysedText, terms: readonly (string | CompiledTerm)[]): TermHit[] {
  const compiled = terms.map((t) => (typeof t === 'string' ? compileTerm(t) : t));
  return findTermsIn(source, termSet(compiled));
}

// A list of terms prepared for matching many texts in one pass each: every word part of a text is looked up in
// dictionaries of the terms' first parts (by stem, by lower-case form, by exact spelling, by prefix) instead of
// trying every term at every word. Screening matches dozens of terms against thousands of records, and the
// term-by-term scan was most of its time. The rules are unitMatches' either way: a candidate found in a dictionary
// is checked part by part, so the hits are those of a full scan.
export type TermSet = {
  terms: CompiledTerm[];
  byStem: Map<string, number[]>;
  byLower: Map<string, number[]>;
  byRaw: Map<string, number[]>;
  byPrefix: Map<string, number[]>;
  prefixLengths: number[];
  /** each prefix term's first prefixLengths[0] letters: a word that begins with none of them starts no prefix term */
  prefixHeads: Set<string>;
  byJoinedStem: Map<string, number[]>;
  literal: number[];
};

export function termSet(terms: readonly CompiledTerm[]): TermSet {
  const set: TermSet = {
    terms: [...terms],
    byStem: new Map(),
    byLower: new Map(),
    byRaw: new Map(),
    byPrefix: new Map(),
    prefixLengths: [],
    prefixHeads: new Set(),
    byJoinedStem: new Map(),
    literal: [],
  };
  const add = (map: Map<string, number[]>, key: string, order: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [order]);
    else if (list.at(-1) !== order) list.push(order);
  };
  const lengths = new Set<number>();
  terms.forEach((term, order) => {
    if (term.written !== null || term.literal !== null) {
      set.literal.push(order);
      return;
    }
    if (term.parts.length === 0) return;
    if (term.exact) {
      add(set.byRaw, term.term.split(/[\s-]+/)[0]!, order);
      return;
    }
    add(set.byStem, term.stems[0]!, order);
    add(set.byLower, term.parts[0]!, order);
    if (term.prefix && term.parts.length === 1) {
      add(set.byPrefix, term.parts[0]!, order);
      lengths.add(term.parts[0]!.length);
    }
    add(set.byJoinedStem, term.joinedStem, order);
  });
  set.prefixLengths = [...lengths].sort((a, b) => a - b);
  for (const prefix of set.byPrefix.keys()) set.prefixHeads.add(prefix.slice(0, set.prefixLengths[0]));
  return set;
}

export function findTermsIn(source: string | AnalysedText, set: TermSet): TermHit[] {
  return hitsIn(source, set).map(({ term, text, start, end }) => ({ term, text, start, end }));
}

/** How many hits each term of the set has in the text, in the set's order. */
export function countTermHits(source: string | AnalysedText, set: TermSet): number[] {
  const counts = set.terms.map(() => 0);
  for (const hit of hitsIn(source, set)) counts[hit.order]!++;
  return counts;
}

function hitsIn(source: string | AnalysedText, set: TermSet): (TermHit & { order: number })[] {
  const { terms } = set;
  // Terms matched on the source text need no word parts: a text read only for those is not analysed.
  const text = typeof source !== 'string' ? source : set.literal.length === terms.length ? { source, units: [], tokens: [] } : analyseText(source);
  const hits: (TermHit & { order: number })[] = [];
  const seen = new Set<string>();
  const push = (order: number, start: number, end: number) => {
    const key = `${order}:${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ term: terms[order]!.term, text: text.source.slice(start, end), start, end, order });
  };
  for (const order of set.literal) {
    const term = terms[order]!;
    // `written` first: an as-written term's `literal` is built when read.
    if (term.written !== null) findWritten(text.source, term.written, (start, end) => push(order, start, end));
    else for (const m of text.source.matchAll(term.literal!)) push(order, m.index, m.index + m[0].length);
  }
  // Part by part over consecutive word parts, from every word part where a term's first part can match.
  // A plain loop with the dictionary look-ups inline: this runs for every word of every text a review reads, and a
  // closure per word was a measurable share of synthesis (issue 13).
  const candidates: number[] = [];
  const { units } = text;
  const { byStem, byLower, byRaw, byPrefix, prefixLengths, prefixHeads } = set;
  const shortestPrefix = prefixLengths.length > 0 ? prefixLengths[0]! : Infinity;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    // Most words start no term: collect into a reused list, deduplicated only when two dictionaries answer.
    candidates.length = 0;
    addCandidates(candidates, byStem.get(unit.stem));
    addCandidates(candidates, byLower.get(unit.lower));
    addCandidates(candidates, byRaw.get(unit.raw));
    // One look-up rules out most words before a slice and a look-up per prefix length.
    if (unit.lower.length >= shortestPrefix && prefixHeads.has(unit.lower.slice(0, shortestPrefix))) {
      for (const length of prefixLengths) {
        if (length > unit.lower.length) break;
        addCandidates(candidates, byPrefix.get(unit.lower.slice(0, length)));
      }
    }
    for (const order of candidates) {
      const term = terms[order]!;
      const n = term.parts.length;
      if (i + n > units.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = unitMatches(units[i + j]!, term, j);
      // A prefix hit quotes the whole word ("vulnerab" → "vulnerabilities"): the unit spans it.
      // "C" is not the C of "C++" or "C#".
      if (ok && term.exact && /^[#+]/.test(text.source.slice(units[i + n - 1]!.end))) ok = false;
      if (ok) push(order, unit.start, units[i + n - 1]!.end);
    }
  }
  // Closed and hyphenated forms of one word: "multitask" ↔ "multi-task".
  for (const tok of text.tokens) {
    const joined = set.byJoinedStem.get(tok.joinedStem);
    if (joined === undefined) continue;
    for (const order of joined) {
      const single = tok.first === tok.last;
      if (single === (terms[order]!.parts.length === 1)) continue;
      push(order, tok.start, tok.end);
    }
  }
  return hits.sort((a, b) => a.start - b.start || a.order - b.order || a.end - b.end);
}

function addCandidates(candidates: number[], list: readonly number[] | undefined): void {
  if (list) for (const o of list) if (!candidates.includes(o)) candidates.push(o);
}

export function matchedTerms(source: string | AnalysedText, terms: readonly (string | CompiledTerm)[]): string[] {
  const found = new Set(findTerms(source, terms).map((h) => h.term));
  return terms.map((t) => (typeof t === 'string' ? t : t.term)).filter((t) => found.has(t));
}

function unitMatches(unit: Unit, term: CompiledTerm, j: number): boolean {
  const part = term.parts[j]!;
  if (term.exact) return unit.raw === term.term.split(/[\s-]+/)[j];
  if (unit.stem === term.stems[j] || unit.lower === part) return true;
  return term.prefix && j === term.parts.length - 1 && unit.lower.startsWith(part);
}
