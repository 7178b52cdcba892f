// General finding frames: (subject, outcome, direction) read from a sentence's structure, for topics the
// hand-written frames (finding-frames.ts: LLMs, models of code, static analysers) were never written for (issue 12).
// "Computerized reminders significantly increased the rate of delivery of preventive therapies" reads as subject
// {remind}, outcome {deliveri, prevent, therapi}, direction +1; "desipramine reduced immobility" as {desipramin},
// {immobl}, -1. Two sentences state the same finding when they share a subject term AND an outcome term and their
// directions agree: the label rule of bench/stance/PROVENANCE.md (the same finding about the same specific subject; a
// shared outcome measure alone is not enough, which is what the shared-rare-term path got wrong: LDL-C, BDNF).
//
// The structure is read from word order around a direction word, not from a parser: an active verb ("X reduced Y")
// has its subject before and its outcome after; a passive or intransitive one ("Y was decreased in X-treated rats",
// "compliance improves with reminders") the other way round; a noun ("X resulted in a reduction in Y") its outcome
// after "in"/"of". compromise's tagger was tried on these sentences: it tags the words as this needs, but its
// phrase boundaries need the same rules on top, and it costs ~1 ms a sentence against microseconds here.
// Population words (rats, mice, patients, physicians, group, control) and words of how a study went are never
// subject or outcome terms; a clause that compares against anything but a control, negates, asks ("whether") or
// states an aim ("was used to improve") states no direction here.
//
// Designed on the design halves only: bench/stance/dev-topics-pairs.csv split=design (7 of its 16 supports matched,
// none of its 66 others, before the gate) and the BM25 candidates verify() scores for the design-parity claims of
// both development reviews, read by hand. The first version (subject = the words before an active verb, outcome =
// the phrase after it) was right on about 12 of the 40 "supports" it gave there: "the elevated plus maze" read as a
// rise, "dose-dependently", "mg" or "Conclusions" as subjects, runs of initials meeting by chance, aims and
// hypotheses read as results, a shared word in an outcome's complement ("preventive care protocols" / "quality of
// care"). Each is now ruled out (tests/stance-model/general-frames.test.ts); after that 13 of 14 read right. A
// claim that gives both directions on one subject and outcome (3-week vs acute fluoxetine) matches nothing: which
// half the evidence restates is not in the word order. Two subjects of one kind set apart by "of" ("extract of
// B. diffusa" / "of H. tiliaceus", "DBS of the CC" / "of the lateral habenula") are different subjects.
//
// Exported API
//   generalFrames(text: string): GeneralFrame[]         the (subject, outcome, direction) frames a sentence states
//   sameGeneralFinding(claim: string, evidence: string): string[]
//                                                        "general:<subject term>/<outcome term>" for each agreement
//   generalFrameSubject(frame: string): string | null    a sameGeneralFinding frame's subject, as a word (acr:/ini: dropped)
import { remembered } from '../text/remembered.ts';
import { STOPWORDS, stem } from '../text/tokens.ts';

export type GeneralFrame = { subject: ReadonlySet<string>; outcome: ReadonlySet<string>; direction: 1 | -1 };

// Direction words by the stem of their written form. "Reversed", "alleviated" and "attenuated" undo what they act on,
// like "reduced": "fluoxetine reversed the behavioural abnormalities" and "JYCF reversed the CUMS-induced
// behavioral abnormalities" agree.
const UP = /^(?:increas\w*|improv\w*|enhanc\w*|elevat\w*|rais(?:e|ed|es|ing)|boost\w*|augment\w*|higher|greater)$/;
const DOWN = /^(?:reduc\w*|decreas\w*|declin\w*|lower(?:ed|s|ing)?|attenuat\w*|diminish\w*|revers\w*|allevia\w*|ameliorat\w*|fewer|less)$/;
const NOUN_FORM = /^(?:increases?|improvements?|enhancements?|elevations?|reductions?|decreases?|declines?|reversals?|attenuations?)$/;
const AUX = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);
// Where the phrase right after a direction word ends: its outcome is the noun phrase before these.
const OUTCOME_END = new Set(['in', 'at', 'by', 'among', 'from', 'to', 'compared', 'than', 'versus', 'vs', 'when', 'after', 'following', 'during', 'for', 'which', 'that', 'while', 'whereas', 'and', 'induced', 'caused', 'produced', 'as']);
// A subject region before the verb starts after these: "This study demonstrates that a reminder system …".
// Reporting verbs too: what follows "experiments showed" is the finding, what precedes it the study.
const SUBJECT_START = new Set(
  ['that', 'which', 'who', 'whereas', 'while', 'when', 'if'].concat(
    'show shows showed demonstrate demonstrates demonstrated reveal reveals revealed indicate indicates indicated suggest suggests suggested'.split(' '),
  ),
);
// Category words: two different extracts or stimulations sharing "extract" or "stimulation" are different subjects.
const CATEGORY = new Set(
  'extract extracts compound compounds drug drugs agent agents system systems therapy strategy approach program tool stimulation lesion model models method version antidepressant antidepressants medication supplement supplementation'
    .split(' ')
    .map((w) => stem(w)),
);
// The condition a population was put under is the subject of what was measured in it: "in CUMS-treated mice",
// "mice submitted to the CUMS", "rats in the CMS group".
const CONDITIONS = [
  /\b([\p{L}\p{N}]+)-(?:treated|exposed|induced|stressed)\s+(?:rats|mice|animals|groups?|females|males)\b/giu,
  /\b(?:rats|mice|animals|patients|groups?)\s+(?:were\s+)?(?:submitted|subjected|exposed|treated)\s+(?:to|with)\s+(?:the\s+)?((?:[\p{L}\p{N}+-]+\s*){1,3})/giu,
  /\bin\s+the\s+((?:[\p{L}\p{N}+-]+\s+){1,3})group\b/giu,
];
// Words that are neither subject nor outcome: the population, the design, how a result is reported.
const GENERIC = new Set(
  `rat rats mice mouse animal animals patient patients physician physicians clinician clinicians doctor doctors
  nurse nurses practitioner practitioners staff subject subjects participant participants group groups control
  controls female females male males human humans people individual individuals sample samples population cohort
  study studies trial trials evaluation evaluations evaluate evaluates evaluated benchmark result results data analysis experiment experiments effect effects level levels value
  values time times duration rate rates number proportion percentage amount change changes difference differences
  significant significantly statistically signific statist markedly slightly dose doses dosed dependently
  treatment treatments treated administration administered chronic acute repeated intervention interventions
  condition conditions period week weeks day days month months year years use using used associated association
  also however both either only all overall total compared relative respectively mean baseline
  evidence finding findings show shown showed demonstrate demonstrated demonstrates found find indicate indicated
  can could may might will would resulted result led lead produced produce achieved achieve exhibited exhibit
  observed observe seen reported report caused cause induced induce like conclusion conclusions objective objectives
  background methods mg kg ml dl microg mmol po ip`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);
// A question or an aim states no finding: "to examine whether a reminder system improves …", "the hypothesis that
// feedback will improve …", "feedback … was used to improve compliance" (an infinitive of purpose, unless a
// reporting verb makes it a result: "demonstrates that a reminder system can be used to increase …").
const OPEN_QUESTION = /\b(?:whether|hypothes[ie]s|hypothesi[sz]ed|if)\b/i;
const REPORTED = /\b(?:show\w*|demonstrat\w*|found|find\w*|indicat\w*|suggest\w*|reveal\w*|confirm\w*|document\w*)\s+that\b/i;
const NEGATION = /\b(?:not|no|neither|nor|without|failed to|fail to|unable to|did not|does not|cannot)\b/i;
// A comparison puts the direction on one of two subjects; only a comparison with a control or baseline keeps
// the subject the sentence names ("lower than in control … rats").
const COMPARISON = /\b(?:than|compared (?:to|with)|versus|vs\.?|relative to)\b/i;
const AGAINST_CONTROL = /\b(?:than|compared (?:to|with)|versus|vs\.?|relative to)\s+(?:(?:in|that of|those of|those in|with)\s+)?(?:the\s+)?(?:control|controls|vehicle|sham|baseline|placebo|usual care)\b/i;
// Clauses: contrastive conjunctions and semicolons; other commas stay (they separate the items of one subject or
// outcome). A non-restrictive relative or "with" clause is a statement of its own: "X was associated with an
// improvement in prescribing, which was greater than the changes seen with academic detailing" states X's
// improvement whatever the comparison after it.
const CLAUSE_BREAK = /;|\s(?:while|whereas|but|however|although|yet)\s|,\s+(?:which|with)\s|\swhich\s+(?=(?:was|were|is|are)\s)/i;

type Word = { text: string; lower: string };

function words(clause: string): Word[] {
  return [...clause.matchAll(/[\p{L}\p{N}]+(?:[-'’+][\p{L}\p{N}]+)*/gu)].map((m) => ({ text: m[0], lower: m[0].toLowerCase() }));
}

// A word's terms: its stem, a hyphenated word's parts and closed form ("CUMS-treated" → cum, treat, cumstreat).
// A prefix's parts are not words of their own: "anti-depressant" is not about depression.
const PREFIX = /^(?:anti|non|pre|post|co|sub|multi|inter|semi|pseudo|un)$/;

function termsOf(w: Word): string[] {
  if (/^[\p{N}.,%]+$/u.test(w.lower)) return [];
  const all = w.lower.split(/[-'’+]/);
  // An adverb ("dose-dependently") says how, not what.
  if (/ly$/.test(all[all.length - 1] ?? '')) return [];
  const parts = all.filter((p) => p.length > 1 && !STOPWORDS.has(p) && !/^\p{N}+$/u.test(p));
  const out = PREFIX.test(parts[0] ?? '') ? [] : parts.map((p) => stem(p));
  if (parts.length > 1) out.push(stem(parts.join('')));
  return out.filter((t) => t.length > 1 && !GENERIC.has(t));
}

// A subject is a thing: participles ("microcomputerized", "shared", "CUMS-treated"'s "treated", "generated")
// describe it and are left out, so two subjects do not meet on how they were made or given.
function subjectTermsOf(w: Word): string[] {
  const parts = w.lower.split(/[-'’+]/);
  if (parts.length === 1 && /(?:ed|ing)$/.test(w.lower) && !/^\p{Lu}{2,}/u.test(w.text)) return [];
  if (parts.length > 1) return termsOf({ text: w.text, lower: parts.filter((p) => !/(?:ed|ing)$/.test(p)).join('-') });
  return termsOf(w);
}

// An acronym and its expansion are one term: "computerised decision support system" gives "ini:cdss", "CDSS"
// "acr:cdss", and the two meet (sameGeneralFinding); two runs of initials never do, being chance.
function acronyms(ws: readonly Word[]): string[] {
  const out: string[] = [];
  const content = ws.filter((w) => !STOPWORDS.has(w.lower) && /^\p{L}/u.test(w.lower));
  for (let k = 3; k <= 5; k++) {
    for (let i = 0; i + k <= content.length; i++) out.push(`ini:${content.slice(i, i + k).map((w) => w.lower[0]).join('')}`);
  }
  // A plural's "s" is written small ("RCTs"); "CDSS" keeps its last S.
  for (const w of ws) if (/^\p{Lu}{3,6}s?$/u.test(w.text)) out.push(`acr:${w.text.replace(/(?<=\p{Lu})s$/u, '').toLowerCase()}`);
  return out;
}

function terms(ws: readonly Word[]): string[] {
  return [...ws.flatMap(termsOf), ...acronyms(ws)];
}

function subjectTerms(ws: readonly Word[]): string[] {
  return [...ws.flatMap(subjectTermsOf), ...acronyms(ws)];
}

function sign(lower: string): 0 | 1 | -1 {
  if (UP.test(lower)) return 1;
  if (DOWN.test(lower)) return -1;
  return 0;
}

// The noun phrase after a direction word, up to a preposition or clause word that ends it.
function phraseAfter(ws: readonly Word[], from: number): Word[] {
  const out: Word[] = [];
  for (let j = from; j < ws.length; j++) {
    if (OUTCOME_END.has(ws[j]!.lower) || sign(ws[j]!.lower) !== 0) break;
    out.push(ws[j]!);
  }
  return out;
}

// The words before a direction word, back to the previous direction word or a clause word ("that", "which").
function phraseBefore(ws: readonly Word[], to: number): Word[] {
  let start = 0;
  for (let j = to - 1; j >= 0; j--) {
    if (SUBJECT_START.has(ws[j]!.lower) || sign(ws[j]!.lower) !== 0) {
      start = j + 1;
      break;
    }
  }
  return ws.slice(start, to);
}

function conditionTerms(clause: string): string[] {
  return CONDITIONS.flatMap((re) => [...clause.matchAll(re)].flatMap((m) => subjectTerms(words(m[1]!))));
}

// What follows "of" right after each subject word ("extract of B. diffusa", "DBS of the CC"): the specifier that
// tells two subjects of one kind apart.
function specifiers(ws: readonly Word[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  ws.forEach((w, i) => {
    if (ws[i + 1]?.lower !== 'of') return;
    const spec = new Set(terms(phraseAfter(ws, i + 2).slice(0, 4)).filter((t) => !t.startsWith('acr:')));
    if (spec.size === 0) return;
    for (const t of [...termsOf(w), ...acronyms([w])]) out.set(t, spec);
  });
  return out;
}

// The clause's subject: its words up to its first verb (an auxiliary, "has", or a past form after the first word).
function clauseSubject(ws: readonly Word[], to: number): Word[] {
  let start = 0;
  for (let j = to - 1; j >= 0; j--) {
    if (SUBJECT_START.has(ws[j]!.lower)) {
      start = j + 1;
      break;
    }
  }
  const out: Word[] = [];
  for (let j = start; j < to; j++) {
    const w = ws[j]!.lower;
    if (AUX.has(w) || ['has', 'have', 'had'].includes(w) || (j > start && /ed$/.test(w) && !/-/.test(w))) break;
    out.push(ws[j]!);
  }
  return out;
}

type Frame = GeneralFrame & { specifiers: ReadonlyMap<string, ReadonlySet<string>> };

function clauseFrames(clause: string): Frame[] {
  if (COMPARISON.test(clause) && !AGAINST_CONTROL.test(clause)) return [];
  const ws = words(clause);
  const conditions = conditionTerms(clause);
  const out: Frame[] = [];
  ws.forEach((w, i) => {
    const direction = sign(w.lower);
    if (direction === 0) return;
    // Negation before the direction word ("did not reduce", "no significant increase") leaves it undecided.
    if (NEGATION.test(ws.slice(Math.max(0, i - 4), i).map((x) => x.lower).join(' '))) return;
    const before = ws.slice(0, i).map((x) => x.lower).join(' ');
    if (OPEN_QUESTION.test(before)) return;
    if (ws[i - 1]?.lower === 'to' && !REPORTED.test(before)) return;
    const prev = i > 0 ? ws[i - 1]!.lower : '';
    const prevNonAdverb = ws.slice(0, i).reverse().find((x) => !/ly$/.test(x.lower))?.lower ?? '';
    const next = ws[i + 1]?.lower ?? '';
    let subject: Word[];
    let outcome: Word[];
    const nextIsWord = next !== '' && !OUTCOME_END.has(next) && !['with', 'of', 'on', 'than'].includes(next);
    // "The elevated plus maze", "the increased risk": after "the", a direction word names a thing.
    if (prev === 'the' && nextIsWord) return;
    // "was associated with increased hippocampal neurogenesis", "displayed an increased anxiety-like behavior": the
    // direction word qualifies its noun, and the subject is the clause's, before its verb.
    const adjective = nextIsWord && (['with', 'a', 'an', 'and'].includes(prev) || /['’]s?$/.test(ws[i - 1]?.text ?? ''));
    const nounReading = (next === 'in' || next === 'of') && (['a', 'an', 'the', 'significant', 'as', 'with'].includes(prevNonAdverb) || (NOUN_FORM.test(w.lower) && !AUX.has(prevNonAdverb)));
    if (adjective && !nounReading) {
      outcome = phraseAfter(ws, i + 1);
      subject = clauseSubject(ws, i);
    } else if (nounReading) {
      // "X resulted in a significant reduction in Y", "achieved reductions in Y", "with increased in Y".
      outcome = phraseAfter(ws, i + 2);
      subject = phraseBefore(ws, i);
    } else if (AUX.has(prevNonAdverb) || /^(?:higher|greater|lower|fewer|less)$/.test(w.lower)) {
      // "Y was (significantly) decreased in X-treated rats", "Y by rats in the CMS group was lower than in control".
      const before = phraseBefore(ws, i).filter((x) => !AUX.has(x.lower));
      const at = before.findIndex((x, j) => j > 0 && (x.lower === 'in' || x.lower === 'by'));
      outcome = at > 0 ? before.slice(0, at) : before;
      const after = ['in', 'by', 'with', 'following', 'after', 'among'].includes(next) ? ws.slice(i + 2) : [];
      subject = [...(at > 0 ? before.slice(at + 1) : []), ...after];
    } else if (next === '' || ['in', 'with', 'by', 'after', 'following', 'at', 'among'].includes(next)) {
      // Intransitive: "compliance improves with reminders", "immobility decreased after desipramine".
      outcome = phraseBefore(ws, i);
      subject = ws.slice(i + 2);
    } else {
      // Active and transitive: "desipramine reduced immobility", "the CDSS intervention improved prescribing".
      subject = phraseBefore(ws, i);
      outcome = phraseAfter(ws, i + 1);
    }
    // The outcome is its noun phrase's core: "compliance with preventive care protocols" is about compliance.
    const cut = outcome.findIndex((x, j) => j > 0 && (x.lower === 'with' || x.lower === 'on'));
    const o = new Set(terms(cut > 0 ? outcome.slice(0, cut) : outcome));
    let s = new Set(subjectTerms(subject));
    // Nothing named before the verb ("experiments showed decreased SOD … in mice submitted to the CUMS"): the
    // condition the population was under is the subject.
    if (s.size === 0) s = new Set(conditions.filter((t) => !o.has(t)));
    if (s.size > 0 && o.size > 0) out.push({ subject: s, outcome: o, direction, specifiers: specifiers(subject) });
  });
  return out;
}

// Bracketed asides that hold numbers (doses, confidence intervals, p values) are not words of the finding; an
// exclusion set off by commas (", but not incentives to physicians or patients alone,") is not a clause of it.
function cleaned(text: string): string {
  return text
    .replace(/^(?:conclusions?|results?|objectives?|background|methods?|findings?|interpretation)\b\s*:?\s*/i, '')
    .replace(/\([^()]*\d[^()]*\)/g, ' ')
    .replace(/,\s*but not\b[^,]*,/gi, ' ');
}

// A sentence's frames, remembered: verification reads each sentence against many claims.
const framesOf = remembered((text): readonly Frame[] => cleaned(text).split(CLAUSE_BREAK).flatMap(clauseFrames));

export function generalFrames(text: string): readonly GeneralFrame[] {
  return framesOf(text);
}

// The prefix of sameGeneralFinding's frames, setting them apart from finding-frames.ts's.
const GENERAL = 'general:';

/**
 * The subject/outcome terms on which claim and evidence state the same finding in the same direction. A claim whose
 * frames disagree on a direction for the same outcome states no single finding on it and matches nothing there.
 */
export function sameGeneralFinding(claim: string, evidence: string): string[] {
  const ev = framesOf(evidence);
  const cf = framesOf(claim);
  const out = new Set<string>();
  for (const c of cf) {
    for (const e of ev) {
      if (e.direction !== c.direction) continue;
      const subject = [...c.subject].find((t) => {
        if (c.outcome.has(t) || e.outcome.has(t) || CATEGORY.has(t)) return false;
        const written = t.startsWith('acr:') ? `ini:${t.slice(4)}` : t.startsWith('ini:') ? `acr:${t.slice(4)}` : null;
        // Initials meet a written acronym, never other initials.
        const shared = t.startsWith('ini:') ? false : e.subject.has(t);
        if (!shared && !(written !== null && e.subject.has(written))) return false;
        // The same kind of subject specified differently ("DBS of the CC" / "of the lateral habenula").
        const cs = c.specifiers.get(t);
        const es = e.specifiers.get(t);
        return cs === undefined || es === undefined || [...cs].some((x) => es.has(x));
      });
      const outcome = [...c.outcome].find((t) => !t.startsWith('ini:') && e.outcome.has(t) && !c.subject.has(t) && !e.subject.has(t));
      if (subject === undefined || outcome === undefined) continue;
      // The opposite direction elsewhere in either sentence on the same subject and outcome: mixed, not stated.
      const opposed = [...cf, ...ev].some((f) => f.direction !== c.direction && f.subject.has(subject) && f.outcome.has(outcome));
      if (!opposed) out.add(`${GENERAL}${subject}/${outcome}`);
    }
  }
  return [...out].sort();
}


/** The subject of one of sameGeneralFinding's frames as a word ("general:acr:jycf/behavior" → "jycf"); null for another frame. */
export function generalFrameSubject(frame: string): string | null {
  if (!frame.startsWith(GENERAL)) return null;
  return frame.slice(GENERAL.length, frame.indexOf('/')).replace(/^(?:acr|ini):/, '');
}
