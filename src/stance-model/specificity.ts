import { isCommonEnglish } from '../text/common-english.ts';
import { remembered } from '../text/remembered.ts';
import { isStopword, stem, tokenize } from '../text/tokens.ts';
import { findingMatches, frameAspect, opposingFindings } from './finding-frames.ts';
import { generalFrames, generalFrameSubject } from './general-frames.ts';

// Whether an evidence sentence can SUPPORT a claim at all, before its stance probability counts: support needs
// the evidence to state the same finding about the same specific subject, not merely to share the topic.
// The stance model (src/stance-model/) is fitted on HealthVer, where claim and evidence were paired by annotators
// who already knew they spoke about the same thing; inside one review every sentence shares the review's topic,
// and the model reads that topical overlap as support ("iAudit achieves an F1 of 91%" "supported" by
// "We train VulnHunt-GPT to improve its accuracy"). These checks are what topical overlap cannot tell apart:
//   - terms frequent across the review's included papers are topic, not content: the claim and the evidence
//     must share enough terms that are rare across those papers (document frequency, as in IDF weighting:
//     Spärck Jones, "A statistical interpretation of term specificity", J. Documentation 1972): three, or two
//     when one of them is a name;
//   - a claim about the authors' own system ("our approach", or a name no other included paper uses) can be
//     supported only by evidence that names that system;
//   - evidence about another paper's own system states that system's result, not the claim's;
//   - a sentence that describes a method or sets out background states no finding at all.
// Measured on the hand-labelled in-domain pairs (tests/fixtures/stance-model/in-domain-pairs.csv).

/**
 * Document frequencies of content stems over the included papers (title + abstract), one count per paper, and
 * each paper's own system names (those it introduces).
 */
export type TopicStats = {
  /** each term's share of the topic's papers (the highest share over the ranked topic's prefixes, see topicStats) */
  share: ReadonlyMap<string, number>;
  /** each term's share of every screened record with an abstract: how common it is in the field, not the topic */
  fieldShare: ReadonlyMap<string, number>;
  own: ReadonlyMap<string, ReadonlySet<string>>;
};

export type TopicDocument = { id: string; title: string; abstract: string | null };

// A paper introduces a system by naming it in its title before a colon ("DeepVD: …") or in a sentence that
// proposes, presents or names it ("we propose iAudit", "an approach called LOVA").
const INTRODUCES = /\b(?:propos\w*|present\w*|introduc\w*|develop\w*|design\w*|call(?:ed)?|nam(?:ed)?|dub(?:bed)?|term(?:ed)?)\b/i;

function ownNames(doc: TopicDocument, df: ReadonlyMap<string, number>): Set<string> {
  const own = new Set<string>();
  const colon = doc.title.indexOf(':');
  if (colon > 0) for (const n of names(doc.title.slice(0, colon))) own.add(n);
  for (const sentence of (doc.abstract ?? '').split(/(?<=[.!?])\s+/)) {
    if (!INTRODUCES.test(sentence)) continue;
    // A name several included papers use (GPT-4, CodeBERT) is a shared model, not this paper's system.
    for (const n of names(sentence)) if ((df.get(n) ?? 0) <= 1) own.add(n);
  }
  return own;
}

/** The shortest prefix of a ranked topic whose shares count: fewer papers make a share noise. */
export const MIN_TOPIC_PAPERS = 10;

/**
 * `documents`: the papers claims and evidence come from. `ranked` (by default `documents`): the records that say
 * what the review's topic is, most relevant first (those with an abstract count). A term's share is the highest share it reaches among the
 * first k of them, for every k from MIN_TOPIC_PAPERS (or all, if fewer) on: the review's vocabulary is frequent
 * among its most relevant records, however far down the ranking screening's cut-off falls, so the support gate
 * does not move with how many papers screening includes.
 */
export function topicStats(documents: readonly TopicDocument[], ranked: readonly TopicDocument[] = documents): TopicStats {
  // Each term's positions in the ranking: its share among the first k records peaks at k = MIN_TOPIC_PAPERS or
  // at one of its own positions, so only those are looked at (linear in the terms' occurrences).
  const positions = new Map<string, number[]>();
  // Records without an abstract are left out: claims and evidence are abstract sentences, and a title alone
  // holds too few words for its record to count as not using the topic's vocabulary.
  const read = ranked.filter((doc) => (doc.abstract ?? '').trim() !== '');
  read.forEach((doc, k) => {
    for (const t of recordTerms(`${doc.title} ${doc.abstract ?? ''}`)) {
      const at = positions.get(t);
      if (at) at.push(k);
      else positions.set(t, [k]);
    }
  });
  const from = Math.min(MIN_TOPIC_PAPERS, read.length);
  const share = new Map<string, number>();
  const df = new Map<string, number>();
  const fieldShare = new Map<string, number>();
  for (const [t, at] of positions) {
    df.set(t, at.length);
    fieldShare.set(t, at.length / read.length);
    let best = at.filter((k) => k < from).length / from;
    at.forEach((k, i) => {
      if (k >= from) best = Math.max(best, (i + 1) / (k + 1));
    });
    share.set(t, best);
  }
  return { share, fieldShare, own: new Map(documents.map((d) => [d.id, ownNames(d, df)])) };
}

// A record's specific terms and names, each once, remembered: the same records are read for the topic of every review
// that screens them, and the reviews of a run share many. Read-only (shared between callers).
const recordTerms = remembered((text: string): readonly string[] => [...new Set([...specificTerms(text), ...names(text)])], 20_000);

/** A stem is topic vocabulary when at least this share of the included papers uses it. */
export const TOPIC_SHARE = 0.25;
/**
 * A stem is the field's common vocabulary when at least this share of ALL the screened records uses it. The topic
 * share above is read at the head of the ranking; words of ordinary scientific English ("high", "system",
 * "benchmark", "manual") are rare there by chance in a wide review yet common across the whole screened set,
 * which says what they are: not this review's content.
 */
export const FIELD_SHARE = 0.1;
/** Shared specific (non-topic) content terms a supporting sentence needs. */
export const MIN_SHARED_SPECIFIC = 2;
/**
 * The same when none of the shared terms is a name (a system, model or compound written as a name): two rare words
 * shared by two sentences are, on a new topic, usually the measure both report (cholesterol, systolic pressure,
 * open-field test), not the thing both found something about. Measured on the development topics' blind pairs
 * (bench/stance/, design half): every "supports" the shared-term path gave there rested on two shared terms and no
 * name, and none was right; on the demo reviews' pairs the one it gave rightly shares a name (WizardCoder). Even
 * three terms or a name were right only 6 times in 30 there (round 3), so shared terms no longer take a side on their
 * own (src/stance-model/evidence-stance.ts); they still decide whether a near-duplicate claim may corroborate.
 */
export const MIN_SHARED_WITHOUT_NAME = 3;

// Words that say how a study went, not what it found about what: rare in a small review by accident, they
// must not count as shared content.
const GENERIC = new Set(
  `result results show shows showed shown demonstrate demonstrates demonstrated find found findings reveal reveals
  revealed experiment experiments experimental evaluation evaluate evaluated study studies approach approaches method
  methods technique model models propose proposed paper work research analysis our we novel existing significant
  significantly respectively average overall various different across further addition additionally meanwhile
  moreover furthermore notably specifically also however although whereas thus therefore finally first second`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);

/**
 * System and model names as written: a word with an inner capital or a digit (iAudit, DeepVD, GPT-4,
 * Llama2-7b), or an all-capital acronym of three or more letters (FELLMVP, SAST). Returned as lower-case stems
 * so they meet the document frequencies.
 */
export function names(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu)) {
    const w = m[0];
    const inner = /\p{Ll}\p{Lu}/u.test(w) || /^\p{Lu}{2,}\p{Ll}+\p{Lu}/u.test(w);
    const digits = /\p{L}/u.test(w) && /\p{N}/u.test(w);
    const acronym = /^\p{Lu}{3,}s?$/u.test(w);
    if (inner || digits || acronym) out.add(w.toLowerCase().replace(/s$/, ''));
  }
  return [...out];
}

/**
 * Content terms counted once per written word: "fine-tuning" is one term ("finetun"), not three, so a single
 * hyphenated word cannot meet the shared-term minimum on its own.
 */
export function specificTerms(text: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    if (isStopword(token) || token.length < 2 || /^[\p{N}.,%]+$/u.test(token)) continue;
    out.add(/^[\p{L}-]+$/u.test(token) ? stem(token.replace(/-/g, '')) : token.replace(/s$/, ''));
  }
  return [...out];
}

function dfShare(stats: TopicStats, term: string): number {
  return stats.share.get(term) ?? 0;
}

function fieldShareOf(stats: TopicStats, term: string): number {
  return stats.fieldShare.get(term) ?? 0;
}


// The claim's subject is the authors' own artefact: "our approach achieves…", "our best model attained…".
const SELF_SUBJECT =
  /\b(?:our|the proposed|this)\s+(?:\w+[- ]){0,2}(?:approach|model|method|tool|technique|system|framework|solution|architecture|prototype|detector|agent)s?\b(?!\s+(?:show|reveal|demonstrate|indicate|suggest)s?\b)/i;

// A sentence that says what was done, not what was found (CONSORT/IMRaD "methods" moves): it opens on what the
// authors did and carries no result verb.
const METHOD_OPENING =
  /^(?:(?:in|to)\s+(?:this|our|address|evaluate|validate|assess|bridge|tackle|fill|overcome|mitigate|solve|improve|investigate)\b[^,]*,\s*)?(?:we|this\s+(?:paper|work|study|article|research)|our\s+(?:approach|method|methodology|framework|tool|technique|system|architecture))\s+(?:\w+ly\s+)?(?:propose|present|introduce|design|develop|describe|build|implement|conduct|collect|evaluate|explore|investigate|study|compare|examine|perform|use|leverage|employ|train|fine-tune|address|focus|consist|undertake|model|first|then|also\s+(?:propose|introduce|explore|design)|apply|curate|construct|create|formulate|adopt|combine|aim)/i;
// "To …" states a purpose (not "To this end", "To date", "To our knowledge": connectives); "The key contributions
// are …" lists what was done ("…, improving performance on difficult vulnerability detection datasets" is the
// contribution's aim, not a finding).
const PURPOSE_OPENING = /^to\s+(?!(?:this|that) end\b|date\b|our knowledge\b|sum up\b|summari[sz]e\b|conclude\b)\w+|^(?:the|our|its|their)\s+(?:\w+\s+)?contributions?\b/i;
// Background moves: what was done before or what is generally believed, not this paper's finding.
const BACKGROUND_OPENING = /^(?:recent|existing|previous|prior|current|traditional|conventional|many|most|several)\b/i;
// What a field has done "over recent years" is background wherever in the sentence it stands ("CodePTMs based
// vulnerability detection have achieved promising results over recent years"), unless the authors say it of their
// own work.
const RECENT_YEARS = /\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+|several\s+)?(?:years|decades?)\b/i;
const AUTHORS = /\b(?:we|our)\b/i;
const RESULT_VERB =
  /\b(?:show(?:s|ed|n)?|demonstrat\w*|f(?:i|ou)nd(?:s|ings)?|reveal\w*|outperform\w*|achiev\w*|improv\w*|indicat\w*|confirm\w*|surpass\w*|exceed\w*|reduc\w*|increas\w*|results?|struggl\w*|fail\w*|suffer\w*|fooled|lower|higher|better|worse|superior|inferior|\d+(?:\.\d+)?\s?%)/i;

// Verbs that report a finding (verb forms only: "demonstrations" or "findings" in a method sentence report nothing).
// "Recent studies have documented that …" states a finding as established, which the label rule counts as stating
// it (bench/stance/PROVENANCE.md); without "documented" such a background sentence was never evidence.
const REPORTING_VERB = /\b(?:show(?:s|ed|n)?|demonstrate[sd]?|f(?:ou|i)nds?|found|reveal(?:s|ed)?|outperform(?:s|ed)?|indicate[sd]?|confirm(?:s|ed)?|documented)\b/i;
// Improving on something states a comparison with it, so such evidence may restate a comparative claim.
const EVIDENCE_COMPARISON = /\b(?:improv\w*|boost\w*|enhanc\w*)\b/i;
// "At a lower dose" or "higher doses" says how much was given, not that one subject beat another; "more than 50%" or
// "less than half" an amount, not a second subject.
const AMOUNT = String.raw`\s+than\s+(?:\d|half\b|a\s+(?:third|quarter)\b)`;
const COMPARISON = new RegExp(
  String.raw`\b(?:outperform\w*|underperform\w*|surpass\w*|exceed\w*|superior|inferior|better|worse|higher(?!\s+doses?\b)|lower(?!\s+doses?\b)|(?:more|less|fewer)(?!${AMOUNT})|compared|comparable|competitive|trail\w*|beat\w*)\b|\bthan\b(?<!\b(?:more|less|fewer)\s+than)|\bover\s+(?:the\s+)?(?:state|existing|baseline|prior|previous|other)`,
  'i',
);

// A claim that sets two subjects against each other ("SAST tools obtain low detection rates…, while LLMs…
// suffer from high false positives") states both directions: an opposite word in the evidence may belong to
// either subject, so lexical opposition cannot show that the evidence contradicts it.
const CONTRAST = /(?:,\s*|\s)(?:while|whereas|but|in contrast|unlike|yet)\s/i;

export type SupportCheck = {
  /** shared content terms rare across the included papers, and shared names */
  sharedSpecific: string[];
  /** the claim contrasts two subjects, so evidence cannot contradict it by an opposite word */
  claimContrasts: boolean;
  /** aspects on which the evidence states the claim's finding in other words (finding-frames.ts) */
  sameFinding?: readonly string[];
  /** frames on which the evidence states the opposite of the claim's finding (finding-frames.ts) */
  opposingFinding?: readonly string[];
  /** why the evidence cannot support the claim, or null when it may ('same-authors' is set by verify(), which
   *  knows the papers' authors: src/identity/shared-authors.ts) */
  blocked: null | 'topic-only' | 'claim-own-system' | 'evidence-other-system' | 'evidence-not-a-finding' | 'same-authors';
};

// What supportCheck reads from one sentence, computed once per sentence: verification sets each claim against
// many sentences and each sentence against many claims. Read-only once made.
type Reading = {
  names: string[];
  nameSet: Set<string>;
  /** specific terms and names, each once */
  terms: string[];
  termSet: Set<string>;
  /** as a claim (the sentence as given) */
  claim: { contrasts: boolean; comparison: boolean; selfSubject: boolean };
  /** as evidence (the sentence trimmed) */
  evidence: {
    contrasts: boolean;
    comparison: boolean;
    selfSubject: boolean;
    /** states no finding: a method, purpose or background sentence without a reporting verb, or no result word */
    notAFinding: boolean;
    improves: boolean;
  };
};

const read = remembered(readSentence);

// A direction the general reader finds on a subject and an outcome ("significantly reversed the CUMS-induced
// behavioral abnormalities") is a result word too: RESULT_VERB lists the common ones, the reader knows more.
function statesDirection(text: string): boolean {
  return generalFrames(text).length > 0;
}

function readSentence(sentence: string): Reading {
  const n = names(sentence);
  const terms = [...new Set([...specificTerms(sentence), ...n])];
  const text = sentence.trim();
  const reporting = REPORTING_VERB.test(text);
  const reading: Reading = {
    names: n,
    nameSet: new Set(n),
    terms,
    termSet: new Set(terms),
    claim: { contrasts: CONTRAST.test(sentence), comparison: COMPARISON.test(sentence), selfSubject: SELF_SUBJECT.test(sentence) },
    evidence: {
      contrasts: CONTRAST.test(text),
      comparison: COMPARISON.test(text),
      selfSubject: SELF_SUBJECT.test(text),
      notAFinding:
        ((METHOD_OPENING.test(text) || PURPOSE_OPENING.test(text)) && !reporting) ||
        ((BACKGROUND_OPENING.test(text) || (RECENT_YEARS.test(text) && !AUTHORS.test(text))) && !reporting) ||
        (!RESULT_VERB.test(text) && !statesDirection(text)),
      improves: EVIDENCE_COMPARISON.test(text),
    },
  };
  return reading;
}

/** `claimPaper` / `evidencePaper` are the ids of the papers the two sentences come from. */
export function supportCheck(
  claim: string,
  evidence: string,
  stats: TopicStats,
  claimPaper: string,
  evidencePaper: string,
): SupportCheck {
  const c = read(claim);
  const e = read(evidence);
  const claimNames = c.names;
  const evidenceNames = e.nameSet;
  const specific = (t: string) =>
    !GENERIC.has(t) && !/^\p{N}/u.test(t) && dfShare(stats, t) < TOPIC_SHARE && fieldShareOf(stats, t) < FIELD_SHARE && (c.nameSet.has(t) || !isCommonEnglish(t));
  const sharedSpecific = c.terms.filter((t) => specific(t) && e.termSet.has(t)).sort();

  const text = evidence.trim();
  const claimContrasts = c.claim.contrasts;
  // A frame matched while neither sentence names its subject rests on the aspect and direction alone: "fine-tuning
  // on a held-out portion improves performance" and "training relation-aware models with fine-tuned edges leads to
  // improved performance" share no more than that. Such a match needs a shared specific term as well. Attacks are
  // the exception the labelled pairs make (tests/fixtures/stance-model/PROVENANCE.md, second round): an attack's
  // success is a finding about the models attacked, however the sentences name them. On the hand-labelled in-domain
  // pairs this changes no verdict.
  const frames = findingMatches(claim, text)
    .filter((m) => m.named !== 'none' || m.frame.endsWith('/adversarial') || sharedSpecific.length >= 1)
    .map((m) => m.frame);
  // Agreement on one subject and opposition on another on the same aspect ("their high false positive rates" read
  // for LLMs and static analysers alike, against "SAST tools obtain … low false positives, while LLMs … suffer from
  // high false positives") is a contrast between subjects the claim did not draw: the agreement stands.
  const opposing = opposingFindings(claim, text).filter((o) => !frames.some((f) => frameAspect(f) === frameAspect(o)));
  const out = (blocked: SupportCheck['blocked']): SupportCheck => ({ sharedSpecific, claimContrasts, sameFinding: frames, opposingFinding: opposing, blocked });
  if (e.evidence.notAFinding) return out('evidence-not-a-finding');
  // A comparison ("A outperforms B") is a finding about two things; a single system's score cannot state it. It can
  // deny it: "LLMs generally struggled with vulnerability detection" against "LLMs … outperforming GNNs".
  if (c.claim.comparison && !e.evidence.comparison && !e.evidence.improves && opposing.length === 0) return out('evidence-not-a-finding');

  // The claim reports its own system's result: only evidence naming that system can restate it. An attack's
  // success is the exception: its finding is about the models attacked, which other papers can state too.
  // The attacked models must be the same ones, though: when both sentences name models other than their own
  // systems, one of them must be shared (DAMP fooling code2vec says nothing about CodeBERT's robustness).
  const attacked = (r: Reading, paper: string) => r.names.filter((n) => stats.own.get(paper)?.has(n) !== true);
  const claimAttacked = attacked(c, claimPaper);
  const evidenceAttacked = attacked(e, evidencePaper);
  const sameAttacked = claimAttacked.length === 0 || evidenceAttacked.length === 0 || claimAttacked.some((n) => e.nameSet.has(n));
  const attackFinding = sameAttacked && frames.some((f) => f.endsWith('/adversarial'));
  const claimOwn = claimNames.filter((n) => stats.own.get(claimPaper)?.has(n) === true);
  if (!attackFinding && claimOwn.length > 0 && !claimOwn.some((n) => evidenceNames.has(n))) return out('claim-own-system');
  // Unless, as for evidence below, it sets its own artefact against a finding about something else ("while our
  // prompting methods improved the models' performance, LLMs generally struggled").
  if (!attackFinding && claimOwn.length === 0 && c.claim.selfSubject && !c.claim.contrasts) return out('claim-own-system');

  // The evidence reports another paper's own system: its result is that system's, not the claim's subject's. Unless
  // the general reader found the same finding on a subject both sentences name that is not that system: "JYCF and
  // fluoxetine significantly reversed the CUMS-induced behavioral abnormalities" states fluoxetine's result too.
  const evidenceOwn = stats.own.get(evidencePaper);
  const onSharedSubject = frames.some((f) => {
    const subject = generalFrameSubject(f);
    return subject !== null && evidenceOwn?.has(subject) !== true;
  });
  if (!attackFinding && !onSharedSubject && e.names.some((n) => evidenceOwn?.has(n) === true && !c.nameSet.has(n))) return out('evidence-other-system');
  // Likewise evidence whose subject is its authors' own artefact ("this code reduction approach improves…"),
  // unless it sets that against a finding about something else ("while our prompting methods improved the
  // models' performance, LLMs generally struggled").
  if (!attackFinding && e.evidence.selfSubject && !e.evidence.contrasts) return out('evidence-other-system');

  const sharesName = sharedSpecific.some((t) => c.nameSet.has(t));
  if (frames.length === 0 && opposing.length === 0 && sharedSpecific.length < (sharesName ? MIN_SHARED_SPECIFIC : MIN_SHARED_WITHOUT_NAME)) return out('topic-only');
  return out(null);
}
