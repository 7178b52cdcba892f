import nlp from 'compromise';
import type { Facet } from '../records/question.ts';

// A facet as read from the question, before it has a role.
type ReadFacet = Omit<Facet, 'role'>;
import { SEARCH_QUERY_MAX_LENGTH, TERM_MAX_LENGTH } from '../records/question.ts';
import { writeBooleanQuery } from '../text/boolean-query.ts';

// A new question's facets read from the question itself: the noun phrases it is about, and the named
// models, methods and tools it names, each a facet whose terms are the phrase and its variants.
//
// compromise (a part-of-speech tagger with its own English lexicon and rules, no model to download) tags
// each word; what is ours is which phrases count. A phrase is a run of nouns and the adjectives before them,
// with no verb, preposition, determiner or question word inside (so "the robustness of Codestral" gives
// "robustness" and "Codestral"); a name is a word compromise tags as a proper noun or acronym, or one that is
// written like a name (capitals inside, or letters with digits: "LoRA", "GPT-4", "SARS-CoV-2").
//
// wink-nlp would tag as well, but needs a separate language-model package loaded at run time; compromise is one
// package with its lexicon inside.

type Word = { text: string; tags: Set<string>; pre: string; post: string };

// Words a research question uses to frame what it asks, which name no topic of their own: a facet
// "impact" or "effects" would match every abstract.
const FRAMING_NOUNS = new Set(
  'impact impacts effect effects influence role roles use uses usage type types kind kinds way ways extent strategy strategies approach approaches method methods technique techniques difference differences comparison comparisons factor factors aspect aspects evidence literature study studies research question questions change changes level levels degree number amount case cases context contexts relationship relationships association associations performance incidence prevalence occurrence frequency'.split(
    ' ',
  ),
);
// Adjectives that only say "some" or "which": "different fine-tuning strategies" is about fine-tuning.
const VAGUE_ADJECTIVES = new Set('different various several other such new current existing specific certain main common particular earlier later recent'.split(' '));

const NAME_SHAPE = /^(?=.*\p{L})(?:\p{Lu}.*\p{Lu}|.*\p{Ll}\p{Lu}|.*\p{L}.*\d|.*\d.*\p{L})/u;

// compromise's words, with hyphenated words joined again (it tags "fine" and "tuning" apart).
function words(question: string): Word[][] {
  const sentences = nlp(question).json() as { terms: { text: string; tags: string[]; post: string; pre: string }[] }[];
  return sentences.map((s) => {
    const out: Word[] = [];
    let joinNext = false;
    for (const t of s.terms) {
      if (joinNext && out.length > 0) {
        const last = out[out.length - 1]!;
        last.text += t.text;
        for (const tag of t.tags) last.tags.add(tag);
        last.post = t.post;
      } else {
        out.push({ text: t.text, tags: new Set(t.tags), pre: t.pre, post: t.post });
      }
      // compromise keeps a hyphen as the text after the first part ("fine" + post "-" + "tuning").
      joinNext = t.post === '-';
      if (joinNext) out[out.length - 1]!.text += '-';
    }
    return out;
  });
}

const isName = (w: Word) => (w.tags.has('ProperNoun') || w.tags.has('Acronym') || NAME_SHAPE.test(w.text)) && /\p{L}/u.test(w.text);
const isNoun = (w: Word) => w.tags.has('Noun') && !w.tags.has('Pronoun') && !w.tags.has('QuestionWord');
const isModifier = (w: Word) => w.tags.has('Adjective') || w.tags.has('Hyphenated') || isNoun(w);
// A break: punctuation after a word ends a phrase, as do the words that join phrases.
const endsPhrase = (w: Word) => /[,;:?!.()]/.test(w.post);

// A phrase inside parentheses ("fine-tuning strategies (e.g., multi-task learning vs. sequential fine-tuning)")
// says what the phrase before it covers: its terms, not a facet of its own.
type Phrase = { words: string[]; examples: boolean };

function phrases(sentences: Word[][]): { phrases: Phrase[]; names: string[] } {
  const found: Phrase[] = [];
  const names: string[] = [];
  for (const sentence of sentences) {
    let run: Word[] = [];
    let inExamples = false;
    const close = () => {
      // A phrase ends in a noun: trailing adjectives ("standard care alone") go, and so do framing words at
      // either end ("fine-tuning strategies" is about fine-tuning).
      while (run.length > 0 && !isNoun(run[run.length - 1]!)) run.pop();
      while (run.length > 0 && VAGUE_ADJECTIVES.has(run[0]!.text.toLowerCase())) run.shift();
      const kept = run.filter((w) => !isName(w) || run.length === 1);
      while (kept.length > 1 && FRAMING_NOUNS.has(kept[kept.length - 1]!.text.toLowerCase())) kept.pop();
      const text = kept.map((w) => w.text);
      if (text.length > 0 && !(text.length === 1 && FRAMING_NOUNS.has(text[0]!.toLowerCase())) && !kept.every(isName)) {
        found.push({ words: text, examples: inExamples });
      }
      run = [];
    };
    for (const [i, w] of sentence.entries()) {
      const text = w.text.replace(/[^\p{L}\p{N}-]/gu, '');
      if (w.pre.includes('(') || (sentence[i - 1]?.post ?? '').includes('(')) {
        close();
        inExamples = true;
      }
      if (isName(w) && !/^(?:e\.?g|i\.?e|vs)$/i.test(text)) names.push(text);
      // A gerund is a topic when it stands alone ("how do prompting and fine-tuning change"), a modifier inside
      // a phrase ("low-resource programming languages"), and a verb otherwise ("detecting vulnerabilities").
      const before = sentence[i - 1]?.tags;
      const gerundObject = w.tags.has('Gerund') && !sentence[i + 1]?.tags.has('Noun') && (before?.has('Auxiliary') === true || before?.has('Conjunction') === true);
      const gerundModifier = w.tags.has('Gerund') && run.length > 0 && sentence[i + 1]?.tags.has('Noun') === true;
      if (text !== '' && (isModifier(w) || gerundObject || gerundModifier) && !w.tags.has('Determiner') && !w.tags.has('Abbreviation') && !w.tags.has('Conjunction')) {
        if (gerundObject && run.length > 0) close();
        run.push({ ...w, text, tags: gerundObject ? new Set([...w.tags, 'Noun']) : w.tags });
        if (gerundObject) close();
      } else {
        close();
      }
      if (endsPhrase(w)) {
        close();
        if (/\)/.test(w.post)) inExamples = false;
      }
    }
    close();
  }
  return { phrases: found, names: [...new Set(names)] };
}

// The spellings a phrase is written in, for the databases' searches (screening's own matching already takes
// stems and hyphens: src/text/terms.ts): as is, singular when it is plural, and a hyphenated word with a space
// or none ("fine-tuning", "fine tuning", "finetuning").
function variants(phrase: string): string[] {
  const out = new Set<string>([phrase]);
  if (nlp(phrase).has('#Plural$')) out.add(nlp(phrase).nouns().toSingular().all().text().trim() || phrase);
  for (const v of [...out]) {
    if (v.includes('-')) {
      out.add(v.replace(/-/g, ' '));
      out.add(v.replace(/-/g, ''));
    }
  }
  return [...out].filter((v) => v.length >= 2 && v.length <= TERM_MAX_LENGTH);
}

// A facet id: lower-case words joined by hyphens, at most 40 characters, cut between words.
function slug(text: string): string {
  const full = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = full.length <= 40 ? full : full.slice(0, Math.max(full.lastIndexOf('-', 40), 1));
  return cut.replace(/-+$/, '') || 'facet';
}

/** The most facets a question is split into: a review checks each, and a search ANDs them. */
export const MAX_QUESTION_FACETS = 6;

/**
 * The facets of a research question: each named model or method (terms: the name, singular and plural),
 * then each noun phrase in the order the question gives them (terms: its spellings, and the examples the
 * question lists for it in "(e.g., …)"). A phrase met twice is one facet.
 */
export function facetsFromQuestion(question: string): Facet[] {
  const { phrases: found, names } = phrases(words(question));
  const facets: ReadFacet[] = [];
  const add = (label: string, terms: string[]) => {
    const id = slug(label);
    // One facet per thing: "behaviour" and "behaviours" share a spelling, so they are one.
    const spellings = new Set(terms.map((t) => t.toLowerCase()));
    const existing = facets.find((f) => f.id === id || f.terms.some((t) => spellings.has(t.toLowerCase())));
    if (existing) {
      for (const t of terms) if (!existing.terms.some((e) => e.toLowerCase() === t.toLowerCase())) existing.terms.push(t);
      return;
    }
    facets.push({ id, label, terms: [...new Set(terms)] });
  };
  for (const name of names) add(name, variants(name));
  let last: ReadFacet | undefined;
  for (const phrase of found) {
    const text = phrase.words.join(' ');
    if (phrase.examples && last !== undefined) {
      for (const v of variants(text)) if (!last.terms.includes(v)) last.terms.push(v);
      continue;
    }
    add(text, variants(text));
    last = facets.find((f) => f.id === slug(text));
  }
  // The question's first noun phrase is taken for its core concept (required); named models and the other
  // phrases are aspects, any of which makes a paper informative: a draft the maintainer corrects, which never
  // asks every paper to name a model the literature may not have studied yet.
  const core = facets.find((f) => !names.some((n) => slug(n) === f.id));
  return facets.slice(0, MAX_QUESTION_FACETS).map((f) => ({
    ...f,
    label: f.label.length >= 3 ? f.label : `${f.label} (named in the question)`,
    terms: f.terms.slice(0, 12),
    role: f === core ? 'required' : 'aspect',
  }));
}

/** How many facets the first search query ANDs: more would find almost nothing until the facets are edited. */
export const QUERY_FACETS = 3;
/** The most terms of one facet in the query. */
const QUERY_TERMS = 6;

/**
 * The live search query of new facets: the first QUERY_FACETS facets (named models first, then the
 * question's own order) ANDed, each as an OR of its first terms, in the neutral Boolean syntax every live
 * source translates (src/text/boolean-query.ts); terms are dropped from the end of the largest group until
 * the query fits the question schema's 500 characters.
 */
export function searchQueryFromFacets(facets: readonly Pick<Facet, 'terms'>[]): string {
  const groups = facets.slice(0, QUERY_FACETS).map((f) => f.terms.slice(0, QUERY_TERMS));
  let query = writeBooleanQuery(groups);
  while (query.length > SEARCH_QUERY_MAX_LENGTH) {
    const largest = groups.reduce((a, b) => (b.length > a.length ? b : a));
    if (largest.length <= 1) break;
    largest.pop();
    query = writeBooleanQuery(groups);
  }
  return query.slice(0, SEARCH_QUERY_MAX_LENGTH);
}
