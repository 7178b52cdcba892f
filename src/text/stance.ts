import { contentTerms, stem } from './tokens.ts';
import { remembered } from './remembered.ts';

// Lexical stance cues between a claim and one evidence sentence (or passage). Everything here is a count or
// a share computed from the two texts alone: no topic, no prior, no model. The verifier (src/stance-model/) turns
// these cues into features and learns how much each one weighs.

// Stems are Porter2 (tokens.ts), the stemmer the rest of Sift uses, so "increased"/"increases" meet on "increas".
const porter2 = stem;

/** Inverse document frequency of a stem in the collection being verified; absent, stems weigh by length. */
export type Idf = (stem: string) => number;

export type StanceCues = {
  /** content terms (stems, stop words removed) in the claim / the evidence */
  claimTerms: number;
  evidenceTerms: number;
  /** share of the claim's content stems found in the evidence */
  overlap: number;
  /** same, each stem weighted by its length: long words are rarer and carry the topic */
  weightedOverlap: number;
  /** share of the evidence's content stems found in the claim */
  evidenceCoverage: number;
  /** share of the claim's adjacent content-stem pairs that also occur in the evidence */
  bigramOverlap: number;

  /** negation cues (not, no, never, without, n't, fail to, lack of…) */
  claimNegations: number;
  evidenceNegations: number;
  /** shared content stems that sit inside a negation's scope on one side but not on the other */
  negatedSharedMismatch: number;
  /** net direction of quantity words (increase/higher/more = +1, decrease/lower/less = -1), after negation */
  claimQuantity: number;
  evidenceQuantity: number;
  /** net valence (improve/effective/safe = +1, worsen/ineffective/unsafe = -1), after negation */
  claimValence: number;
  evidenceValence: number;
  /** relation words (associated, linked, causes, effect…) asserted (+1) or denied (-1) */
  claimRelation: number;
  evidenceRelation: number;
  /** antonym pairs split across the texts (claim "increase", evidence "decrease"), as written */
  antonymPairs: number;
  /** the same direction word on both sides, as written */
  sameDirectionWords: number;
  /** null-result phrasing in the evidence: "no significant difference", "was not associated" */
  evidenceNullFinding: number;
  /** the claim itself denies something: "no evidence that", "does not cause" */
  claimDenial: number;
  claimNumbers: number;
  evidenceNumbers: number;
  sharedNumbers: number;
  /** claim entities (acronyms, capitalised names, alphanumeric codes like ACE2) */
  claimEntities: number;
  /** share of claim entities that the evidence also names */
  sharedEntities: number;
  claimHedges: number;
  evidenceHedges: number;
  /** a question, not an assertion: "Can vitamin C protect you?" */
  claimQuestion: number;
  /** absolute or sensational wording: cure, miracle, always, 100%, proven */
  claimAbsolute: number;
  /** a question the claim answers itself: +1 "…? Yes", -1 "…? The answer is no" / "None whatsoever" */
  claimAnswer: number;
};

// Function words plus the generic vocabulary of research reports (study, results, data, patients): words that
// say nothing about what a claim is about. Negation, direction and hedge words are kept out of content terms
// too, because they are scored by their own cues.
const STOP = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just let me more most my myself nor of off on once
  only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself also may might must shall whether et al via
  using use used based among within per however thus therefore although though whereas yet one two three s t
  study studies result results show shows showed shown patient patients case cases data report reported new
  including include well many much less fewer`
    .split(/\s+/)
    .filter(Boolean),
);

const NEGATION_WORDS = new Set(['not', 'no', 'never', 'none', 'nor', 'neither', 'without', 'cannot', 'nothing', 'nobody', 'lack', 'lacks', 'lacking', 'absence', 'absent']);
const FAIL_WORDS = new Set(['fail', 'fails', 'failed', 'failing']);
// A negation's scope ends at a clause boundary (NegEx-style, Chapman et al. 2001) or after a few words.
const SCOPE_BREAK = new Set(['but', 'however', 'although', 'though', 'while', 'whereas', 'yet', 'except', 'which', 'who', 'whom', 'whose', 'that', 'than', 'instead', 'rather']);
const SCOPE_WORDS = 6;

function stemSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map((w) => porter2(w)));
}

const QUANTITY_UP = stemSet(`increase increased increases increasing higher high highest more greater greatest rise rising rose
  raise raised raises elevate elevated elevation enhance enhanced enhances boost boosted grow growing grew exceed exceeds
  larger longer amplify accelerate accelerated upregulate upregulated upregulation surge spike doubles doubled triple`);
const QUANTITY_DOWN = stemSet(`decrease decreased decreases decreasing lower low lowest less fewer least reduce reduced reduces
  reducing reduction decline declined declining drop dropped fall fell falling diminish diminished attenuate attenuated
  smaller shorter shorten inhibit inhibited inhibits inhibition suppress suppressed suppression slow slowed slowing
  mitigate mitigated lessen minimize downregulate downregulated downregulation cut halve halved`);
// Valence words are verbs and adjectives that judge an outcome; nouns naming the outcome itself
// (accuracy, mortality, risk, safety) are left out, since "reduces mortality" is good news, not bad.
const VALENCE_GOOD = stemSet(`improve improved improves improvement improving better best benefit benefits beneficial effective
  effectively efficacious safe protect protects protected protective outperform outperforms outperformed superior
  success successful successfully favorable favourable recover recovered cure cures cured heal help helps helpful
  advantageous prevent prevents prevented useful positive`);
const VALENCE_BAD = stemSet(`worsen worsened worsens worsening worse worst degrade degraded degrades degradation deteriorate
  deteriorated deterioration harm harms harmful adverse ineffective ineffectively inefficient unsafe risky dangerous
  underperform underperforms underperformed inferior failure severe die died fatal toxic vulnerable damaged poor poorly
  negative susceptible`);
const RELATION = stemSet(`associated association associations associate link linked links correlated correlation correlate
  related relationship cause causes caused causing effect effects affect affects affected impact impacts influence
  contribute contributes contributed predictor predict predicts determinant factor`);
// Antonym pairs as written (before negation): the direction words findings use, plus their common inflections.
const ANTONYMS: ReadonlyArray<readonly [string, string]> = (
  [
    ['increase', 'decrease'], ['increase', 'reduce'], ['raise', 'reduce'], ['raise', 'lower'], ['rise', 'fall'],
    ['rise', 'decline'], ['higher', 'lower'], ['high', 'low'], ['more', 'less'], ['more', 'fewer'],
    ['greater', 'smaller'], ['improve', 'worsen'], ['improve', 'degrade'], ['improve', 'deteriorate'],
    ['better', 'worse'], ['outperform', 'underperform'], ['superior', 'inferior'], ['effective', 'ineffective'],
    ['safe', 'unsafe'], ['positive', 'negative'], ['benefit', 'harm'], ['beneficial', 'harmful'],
    ['protective', 'risk'], ['enhance', 'inhibit'], ['promote', 'suppress'], ['present', 'absent'],
    ['upregulate', 'downregulate'], ['accelerate', 'slow'], ['strong', 'weak'], ['success', 'failure'],
  ] as const
).map(([a, b]) => [porter2(a), porter2(b)] as const);
const DIRECTION_WORDS = new Set([...QUANTITY_UP, ...QUANTITY_DOWN, ...VALENCE_GOOD, ...VALENCE_BAD]);

const HEDGES = stemSet(`may might could possibly possible potentially potential suggest suggests suggested suggesting
  likely unlikely appear appears appeared seem seems seemed perhaps hypothesis hypothesize hypothesized propose proposed
  preliminary uncertain unclear unknown speculate putative presumably probably probable plausible`);
const ABSOLUTE = new Set(['cure', 'cures', 'cured', 'miracle', 'magic', 'always', 'never', 'completely', 'definitely',
  'proven', 'proves', 'prove', 'guaranteed', 'everyone', 'nobody', 'kills', 'kill', 'destroys', 'totally', 'only', 'all',
  'entirely', 'absolutely', 'certainly', 'myth', 'hoax', 'fake']);
const QUESTION_START = new Set(['can', 'could', 'does', 'do', 'is', 'are', 'will', 'should', 'would', 'did', 'has', 'have', 'what', 'how', 'why', 'which']);

// Null-result phrasing as scientific abstracts state it (CONSORT-style reporting: "no significant difference").
const NULL_FINDING =
  /\b(?:no|not|nor|neither|without|n't)\b(?:\s+\w+){0,3}?\s+(?:significant(?:ly)?|evidence|associat\w*|correlat\w*|differen\w*|effect\w*|benefit\w*|relat\w*|link\w*|impact\w*|improv\w*|change\w*|increas\w*|reduc\w*|role)\b/gi;
const CLAIM_DENIAL =
  /\b(?:no|not|never|n't|nor|cannot)\b(?:\s+\w+){0,3}?\s+(?:evidence|proof|cause\w*|caus\w*|spread\w*|transmit\w*|work\w*|help\w*|protect\w*|prevent\w*|cure\w*|effective|associat\w*|link\w*|risk\w*|affect\w*)\b/gi;

type Token = { word: string; stem: string; negated: boolean; content: boolean };

/** Word tokens in order, each marked with whether a negation cue's scope covers it. */
export function scanTokens(text: string): Token[] {
  // Split "doesn't" into "does" + "n't" so the contraction counts as a negation cue (Penn Treebank convention).
  const raw = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/(\w)n't\b/g, '$1 n\'t')
    .match(/n't|[a-z][a-z0-9]*(?:-[a-z0-9]+)*|\d+(?:\.\d+)?%?|[.,;:!?()[\]]/g) ?? [];
  const tokens: Token[] = [];
  let scope = 0;
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i]!;
    if (/^[.,;:!?()[\]]$/.test(word)) {
      scope = 0;
      continue;
    }
    const isCue =
      word === "n't" || NEGATION_WORDS.has(word) || (FAIL_WORDS.has(word) && raw[i + 1] === 'to');
    if (SCOPE_BREAK.has(word)) scope = 0;
    const stem = porter2(word);
    tokens.push({
      word,
      stem,
      negated: scope > 0 && !isCue,
      content: !isCue && !STOP.has(word) && word.length > 1 && !/^\d/.test(word) && !HEDGES.has(stem),
    });
    if (isCue) scope = SCOPE_WORDS + 1;
    if (scope > 0) scope--;
  }
  return tokens;
}

function negationCount(tokens: Token[]): number {
  return tokens.filter((t) => t.word === "n't" || NEGATION_WORDS.has(t.word) || FAIL_WORDS.has(t.word)).length;
}

/** Net signed direction of a lexicon's words: +1 for `up` words, -1 for `down` words, flipped inside negation. */
function direction(tokens: Token[], up: Set<string>, down: Set<string>): number {
  let sum = 0;
  for (const t of tokens) {
    // "ineffective"/"unsafe" sit in the opposite list from their base word, so no prefix rule is needed.
    let s = up.has(t.stem) ? 1 : down.has(t.stem) ? -1 : 0;
    if (t.negated) s = -s;
    sum += s;
  }
  return Math.sign(sum);
}

function relation(tokens: Token[]): number {
  let sum = 0;
  for (const t of tokens) if (RELATION.has(t.stem)) sum += t.negated ? -1 : 1;
  return Math.sign(sum);
}

function numbers(text: string): string[] {
  // Numbers as written, normalised: "1,000" = "1000", "12.0" = "12". Years and percentages count alike.
  // A digit run glued to a word ("F1", "COVID-19", "GPT-4") is part of a name, not a quantity.
  return (text.match(/(?<![\p{L}\p{N}.,-])\p{N}[\p{N},]*(?:\.\p{N}+)?/gu) ?? []).map((n) =>
    String(Number(n.replace(/,/g, ''))),
  );
}

function entityList(text: string): string[] {
  // Acronyms and codes (COVID-19, ACE2, BMI) and capitalised words not at a sentence start.
  const found: string[] = [];
  const re = /(^|[.!?]\s+|\s|\()([A-Za-z][A-Za-z0-9-]*)/g;
  for (const m of text.matchAll(re)) {
    const word = m[2]!;
    const sentenceStart = m.index === 0 || /[.!?]\s+$/.test(m[1]!);
    const acronym = /[A-Z].*[A-Z0-9]/.test(word) || /\d/.test(word);
    if (acronym || (!sentenceStart && /^[A-Z]/.test(word))) found.push(porter2(word.toLowerCase()));
  }
  return [...new Set(found)];
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function countMatches(text: string, re: RegExp): number {
  return [...text.replace(/(\w)n't\b/g, "$1 n't").matchAll(re)].length;
}

const EXTRA_STOP = new Set([...STOP].map((w) => porter2(w)));

/** Content stems as BM25 retrieval sees them (tokens.ts), less generic research words, hedges and numbers. */
function contentSet(text: string): Set<string> {
  return new Set(contentTerms(text).filter((t) => !EXTRA_STOP.has(t) && !HEDGES.has(t) && !/^\p{N}/u.test(t)));
}

// Everything stanceCues needs from one text, computed once per text: a review's verification sets each claim
// against many sentences and each sentence against many claims, and the same abstracts recur across the
// reviews of a run. Read-only once made.
type Analysis = {
  tokens: Token[];
  content: Set<string>;
  negated: Set<string>;
  /** stems of every token */
  stems: Set<string>;
  bigrams: Set<string>;
  numbers: Set<string>;
  entities: string[];
  entitySet: Set<string>;
  negations: number;
  quantity: number;
  valence: number;
  relation: number;
  hedges: number;
  nullFinding: number;
  denial: number;
  /** the content stems weighed by length, summed in order (stanceCues' default weight) */
  lengthWeight: number;
  /** per ANTONYMS pair: 1 if the text has its first word, 2 its second (both: 3) */
  antonymSides: Uint8Array;
  /** the pairs whose antonymSides are not 0 */
  antonymsPresent: number[];
  /** the stems that are DIRECTION_WORDS */
  directionStems: string[];
  /** the cues read from the claim side alone, computed when the text is first a claim */
  asClaim?: { question: number; absolute: number; answer: number };
};


function lengthWeight(stem: string): number {
  return Math.min(stem.length, 10);
}

// Each text is read once (src/text/remembered.ts): verification reads each sentence against many claims.
const analyse = remembered(analyseText);

function analyseText(text: string): Analysis {
  const tokens = scanTokens(text);
  const content = contentSet(text);
  const inContent = tokens.filter((t) => t.content);
  const bigrams = new Set<string>();
  for (let i = 1; i < inContent.length; i++) bigrams.add(`${inContent[i - 1]!.stem} ${inContent[i]!.stem}`);
  const entities = entityList(text);
  const stems = new Set(tokens.map((t) => t.stem));
  const analysis: Analysis = {
    tokens,
    content,
    negated: new Set(tokens.filter((t) => t.negated).map((t) => t.stem)),
    stems,
    bigrams,
    numbers: new Set(numbers(text)),
    entities,
    entitySet: new Set(entities),
    negations: negationCount(tokens),
    quantity: direction(tokens, QUANTITY_UP, QUANTITY_DOWN),
    valence: direction(tokens, VALENCE_GOOD, VALENCE_BAD),
    relation: relation(tokens),
    hedges: tokens.filter((t) => HEDGES.has(t.stem)).length,
    nullFinding: countMatches(text, NULL_FINDING),
    denial: countMatches(text, CLAIM_DENIAL),
    lengthWeight: [...content].reduce((a, s) => a + lengthWeight(s), 0),
    ...antonymsOf(stems),
    directionStems: [...stems].filter((s) => DIRECTION_WORDS.has(s)),
  };
  return analysis;
}

// Which antonym words a text has, read once per text: stanceCues then visits only the pairs the claim touches
// instead of four set look-ups for every pair of every claim x evidence pair (issue 13).
function antonymsOf(stems: ReadonlySet<string>): { antonymSides: Uint8Array; antonymsPresent: number[] } {
  const antonymSides = new Uint8Array(ANTONYMS.length);
  const antonymsPresent: number[] = [];
  ANTONYMS.forEach(([a, b], k) => {
    antonymSides[k] = (stems.has(a) ? 1 : 0) | (stems.has(b) ? 2 : 0);
    if (antonymSides[k] !== 0) antonymsPresent.push(k);
  });
  return { antonymSides, antonymsPresent };
}

function claimSide(claim: string, c: Analysis): NonNullable<Analysis['asClaim']> {
  if (c.asClaim === undefined) {
    const trimmed = claim.trim();
    const firstWord = (trimmed.toLowerCase().match(/[a-z]+/) ?? [''])[0]!;
    c.asClaim = {
      question: trimmed.includes('?') || QUESTION_START.has(firstWord) ? 1 : 0,
      absolute: c.tokens.filter((t) => ABSOLUTE.has(t.word)).length + (/100\s?%/.test(claim) ? 1 : 0),
      answer: /\?[^?]*\b(?:no|none|not|nope)\b/i.test(trimmed) ? -1 : /\?[^?]*\byes\b/i.test(trimmed) ? 1 : 0,
    };
  }
  return c.asClaim;
}

/** The content stems stanceCues compares (contentTerms less generic research words, hedges and numbers), remembered. */
export function contentStems(text: string): ReadonlySet<string> {
  return analyse(text).content;
}

/** The stems of a text's word tokens (scanTokens), as a set; remembered per text like stanceCues' analyses. */
export function tokenStems(text: string): ReadonlySet<string> {
  return analyse(text).stems;
}

function sharedStems(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((s) => b.has(s)).sort();
}

/** Shared stems negated on one side only: "vitamin D is associated" vs "vitamin D was not associated". */
function negationMismatch(shared: readonly string[], a: Analysis, b: Analysis): number {
  return shared.filter((s) => a.negated.has(s) !== b.negated.has(s)).length;
}

export type StanceOptions = { idf?: Idf };

export function stanceCues(claim: string, evidence: string, options: StanceOptions = {}): StanceCues {
  const c = analyse(claim);
  const e = analyse(evidence);
  const shared = sharedStems(c.content, e.content);
  const weight = options.idf ?? lengthWeight;
  const cWeight = options.idf === undefined ? c.lengthWeight : [...c.content].reduce((a, s) => a + weight(s), 0);
  const sharedWeight = shared.reduce((a, s) => a + weight(s), 0);

  const eWords = e.stems;
  let antonymPairs = 0;
  for (const k of c.antonymsPresent) {
    const cs = c.antonymSides[k]!;
    const es = e.antonymSides[k]!;
    if ((cs & 1 && es & 2) || (cs & 2 && es & 1)) antonymPairs++;
  }
  let sameDirection = 0;
  for (const s of c.directionStems) if (eWords.has(s)) sameDirection++;

  let sharedBigrams = 0;
  for (const b of c.bigrams) if (e.bigrams.has(b)) sharedBigrams++;
  let sharedNumbers = 0;
  for (const n of c.numbers) if (e.numbers.has(n)) sharedNumbers++;

  const asClaim = claimSide(claim, c);
  return {
    claimTerms: c.content.size,
    evidenceTerms: e.content.size,
    overlap: share(shared.length, c.content.size),
    weightedOverlap: share(sharedWeight, cWeight),
    evidenceCoverage: share(shared.length, e.content.size),
    bigramOverlap: share(sharedBigrams, c.bigrams.size),
    claimNegations: c.negations,
    evidenceNegations: e.negations,
    negatedSharedMismatch: negationMismatch(shared, c, e),
    claimQuantity: c.quantity,
    evidenceQuantity: e.quantity,
    claimValence: c.valence,
    evidenceValence: e.valence,
    claimRelation: c.relation,
    evidenceRelation: e.relation,
    antonymPairs,
    sameDirectionWords: sameDirection,
    evidenceNullFinding: e.nullFinding,
    claimDenial: c.denial,
    claimNumbers: c.numbers.size,
    evidenceNumbers: e.numbers.size,
    sharedNumbers,
    claimEntities: c.entities.length,
    sharedEntities: share(c.entities.filter((x) => e.entitySet.has(x) || eWords.has(x)).length, c.entities.length),
    claimHedges: c.hedges,
    evidenceHedges: e.hedges,
    claimQuestion: asClaim.question,
    claimAbsolute: asClaim.absolute,
    claimAnswer: asClaim.answer,
  };
}
