// Whether a claim and an evidence sentence state the same FINDING in different words: the same kind of subject
// (LLMs, models of code, static analysers), the same aspect (adversarial robustness, false positives, fine-tuning,
// prompting, …) and the same direction. The stance model (src/stance-model/) is lexical and was fitted on HealthVer, so
// it reads "ChatGPT's precision is limited" and "LLMs suffer from high false positives" as two unrelated
// sentences; and the rare-term gate (specificity.ts) needs two shared rare words, which paraphrases lack. These
// frames are the review domain's synonyms, written out so each can be checked (tests/stance-model/finding-frames.test.ts)
// and measured on the hand-labelled in-domain pairs (tests/fixtures/stance-model/in-domain-pairs.csv).
// These frames are the demo topic's; on any topic, findingMatches adds the general frames of general-frames.ts
// (subject, outcome and direction read from word order: "desipramine reduced immobility"), which need no entry
// per topic (issue 12; measured on bench/stance/dev-topics-pairs.csv).

import { remembered } from '../text/remembered.ts';
import { sameGeneralFinding } from './general-frames.ts';

/** A kind of subject a finding can be about. */
type Subject = 'llm' | 'code-model' | 'static-analysis' | 'neural-network';

// ChatGPT is served by OpenAI's GPT-3.5 Turbo / GPT-4 models (OpenAI, "Introducing ChatGPT", 2022; model cards),
// so ChatGPT, GPT-3.5 and GPT-4 results are results about the same family; all of them, and the other chat and
// code LLMs the demo reviews evaluate, are "large language models".
const SUBJECTS: readonly (readonly [Subject, RegExp])[] = [
  ['llm', /\b(?:LLMs?|large language models?|ChatGPT|GPT(?:-?[34](?:\.5)?(?:o|[- ]Turbo|[- ]Mini)*)?|Claude\S*|CodeLlama|Llama\S*|WizardCoder|Mixtral\S*|Codestral)\b/i],
  ['code-model', /\b(?:models? of (?:source )?code|(?:neural|deep learning|DL|trained|embedding) models?|deep learning|neural (?:code|models?)|code2vec|code2seq|GGNN|GNN-FiLM|code (?:pre-trained|intelligence) models?|CodeBERT|CodePTMs?)\b/i],
  ['static-analysis', /\b(?:static (?:code )?analy[sz]\w*|SAST)\b/i],
  // Neural networks in general (images, text): background for a code finding, not the same subject.
  ['neural-network', /\b(?:deep )?neural networks?\b/i],
];

// Fine-tuning as something done to a model: the verb and its noun, or "fine-tuned" on its own, before a preposition
// or an adverb, or before a model ("fine-tuned WizardCoder", "fine-tuned closed-source models"). "Fine-tuned edges"
// (of a program graph) or "fine-tuned dense retrieval" name a property of something else.
const FINE_TUNED = String.raw`\b(?:[Ff]ine-?tuned|[Ff]inetuned)`;
const FINE_TUNING = new RegExp(
  String.raw`\b(?:[Ff]ine-?tun(?:e|es|ing)|[Ff]inetun(?:e|es|ing))\b|${FINE_TUNED}\b(?!\s+[a-z])|${FINE_TUNED}\s+(?:(?:on|with|for|to|in|by|via|using|and|or|as|at)\b|\w+ly\b|(?:[\w-]+\s+){0,2}(?:models?|LLMs?|networks?|versions?|variants?|checkpoints?)\b)`,
);

// How well a subject does, in a sentence about vulnerabilities, is how well it detects them ("ChatGPT achieves limited
// performance, trailing behind other language models in vulnerability contexts").
const PERFORMANCE = /\b(?:performance|effectiveness|accuracy|F1)\b/i;
const VULNERABILITY = /\bvulnerabilit\w*/i;

/** The aspect of the subject a finding is about. */
type Aspect = 'adversarial' | 'false-positives' | 'fine-tuning' | 'prompting' | 'code-context' | 'training-data' | 'detection';

const ASPECTS: readonly (readonly [Aspect, RegExp])[] = [
  ['adversarial', /\b(?:adversar\w*|attacks?|perturbations?|fooled|typos|(?:identifier|variable) (?:renaming|names?)|semantic(?:s|ally)[- ]preserving)\b/i],
  ['false-positives', /\b(?:false (?:positives?|alarms?)|precision)\b/i],
  ['fine-tuning', FINE_TUNING],
  ['prompting', /\b(?:prompt\w*|chain-of-thought|CoT|step-by-step|in-context learning)\b/i],
  ['code-context', /\b(?:code-specific information|code (?:analysis|retrieval)|contextual information|graph structural information)\b/i],
  ['training-data', /\b(?:training data|(?:samples|data) added to training|volume of (?:training )?data)\b/i],
  ['detection', /\b(?:detect\w*|identify\w*)\b.*\bvulnerabilit\w*|\bvulnerability (?:detection|prediction)\b/i],
];

// Direction words, read per clause. +1: the subject does well or the factor helps; -1: it does badly.
const POSITIVE =
  /\b(?:outperform\w*|superior|surpass\w*|improv\w*|boost\w*|enhanc\w*|excel\w*|effective|effectively(?! (?:evaluat|assess|measur|benchmark|compar)\w*)|promising|remarkabl[ey]|competitive|more effectively|better|robust models?|impervious|harder to (?:fool|attack)|(?<=\b(?:demonstrat\w*|show\w*|prov\w*|confirm\w*|validat\w*) the )effectiveness)\b/gi;
const NEGATIVE =
  /\b(?:struggl\w*|limited|modest|fail\w*|poor\w*|trail\w*|inferior|fooled|non-robust|not robust|vulnerable to|susceptible to|(?<!Common )weak(?:ness|nesses)?|errors?|incorrect\w*|not (?:yet )?ready|gap|lower|low)\b/gi;
// False positives invert the usual reading: "high false positives" is bad, "fewer false alarms" good.
const FP_NEGATIVE = /\b(?:high(?:er)?|more|suffer\w*|many|increas\w*|limited|only \d+%?)\b/gi;
const FP_POSITIVE = /\b(?:reduc\w*|fewer|low(?:er)?|minimi[sz]\w*)\b/gi;
const FALSE_POSITIVES = /\bfalse (?:positives?|alarms?)\b/i;
// Precision is the other way round: an increase in precision is fewer false positives, not more.
const PRECISION_UP = /\b(?:increas\w*|high(?:er)?)\b/gi;
const PRECISION_DOWN = /\bonly \d+(?:\.\d+)?%?/gi;
// An attack that works ("effective", "success rate", "fooled") is a finding that the attacked models are not robust.
// Fooling a model is an attack that works, unless it is hard or fails ("harder to fool", "cannot fool").
const ATTACK_WORKS =
  /\b(?:effective\w*|success(?:ful|fully)? rate|successfully|generat\w* adversarial examples|(?<!\b(?:harder|hard|difficult|unable|fails?|failed|not|cannot|never) to |\b(?:not|cannot|never) )fool(?:s|ed|ing)?)\b/i;
const DEFENCE = /\b(?:robust\w*|defen[cs]\w*|drops?|mitigat\w*|impervious)\b/i;
// "Effective" is an attack's success only in a clause about an attack: "an effective adversarial learning
// approach for repair" is a method that works, not models that are fooled.
const ATTACK = /\b(?:attack\w*|adversar\w* (?:examples?|inputs?|perturbations?)|fool\w*)\b|\badversary\b/i;
// Being robust is doing well, however the clause goes on ("robustly distinguish correct and incorrect code").
const ROBUST = /(?<!non-|not )\brobust(?:ly)?\b/gi;

// Comparative claims set one subject against another; a shared direction word cannot tell which side it is on,
// unless the comparison says which side does better ("superior to", "trailing behind": sidedComparisons).
const COMPARATIVE = /\b(?:improv\w*|gains?)\b[^.]*\bover\b|\b(?:outperform\w*|underperform\w*|superior|inferior|surpass\w*|exceed\w*|trail\w*|than|compared (?:to|with)|over (?:its|their|the) \w+ counterparts)\b/i;

// Clauses: a comma, semicolon, colon or contrastive conjunction starts one; a clause that names no subject is
// about the previous clause's ("ChatGPT achieves a high recall rate, its precision … is limited").
const CLAUSE_BREAK = /\s*(?:[;:,]|\s(?:while|whereas|but|yet|however)\s)\s*/i;

function count(re: RegExp, text: string): number {
  return [...text.matchAll(re)].length;
}

// What a sentence sets out to do or says is still needed is no finding: "to improve the vulnerability detection
// capabilities of LLMs", "needs to be improved", "bridges this gap". A result reported through an infinitive keeps
// its direction ("was found to improve", "is able to outperform").
const AIM = /\b(?<!(?:found|shown|proven|proved|able|likely|seems?|appears?|helps?)\s)to\s+(?:be\s+)?(?:\w+ly\s+)?(?:improv|enhanc|boost|achiev\w* better)\w*|\b(?:bridg|clos|fill|narrow)\w*\s+(?:this|the|that|these|a)\s+gaps?\b|\b(?:future|further)\s+(?:\w+\s+){0,2}improvements?\b/gi;
// A positive word under a negation ("no effective method", "not better") is no success; "not robust" is read as a
// weakness (NEGATIVE).
const NEGATED_POSITIVE = /\b(?:no|not|never|without)\s+(?:\w+\s+)?(?:effective(?:ly)?|promising|competitive|better|superior|improv\w*|enhanc\w*)\b/gi;

// What a clause reports after "find that", "show that" is its finding; what comes before is the study ("we perform the
// first study for … model robustness via adversarial attacks and find that a simple random attack approach can
// easily fool the state-of-the-art pre-trained models"), whose words give the finding no direction.
const REPORTED_THAT = /\b(?:find|finds|found|show|shows|showed|shown|demonstrate[sd]?|reveal(?:s|ed)?|observe[sd]?|conclude[sd]?|confirm(?:s|ed)?)\s+that\b/gi;

function reported(clause: string): string {
  let end = -1;
  for (const m of clause.matchAll(REPORTED_THAT)) end = m.index + m[0].length;
  return end < 0 ? clause : clause.slice(end);
}

function direction(aspect: Aspect, text: string): number {
  const clause = reported(text).replace(AIM, ' ').replace(NEGATED_POSITIVE, ' ');
  let score: number;
  if (aspect === 'false-positives' && FALSE_POSITIVES.test(clause)) score = count(FP_POSITIVE, clause) - count(FP_NEGATIVE, clause);
  else if (aspect === 'false-positives')
    score = count(POSITIVE, clause) + count(PRECISION_UP, clause) - count(NEGATIVE, clause) - count(PRECISION_DOWN, clause);
  else if (aspect === 'adversarial' && ATTACK_WORKS.test(clause) && ATTACK.test(clause) && !DEFENCE.test(clause)) score = -1;
  else if (aspect === 'adversarial' && count(ROBUST, clause) > 0 && !ATTACK.test(clause)) score = 1;
  else score = count(POSITIVE, clause) - count(NEGATIVE, clause);
  return Math.sign(score);
}

function subjects(text: string): Set<Subject> {
  return new Set(SUBJECTS.filter(([, re]) => re.test(text)).map(([s]) => s));
}

// A clause that compares ("lower than LLMs", "pre-trained LMs are superior to LLMs") puts its direction on the
// subjects each side of the comparison: those before an ABOVE word do better than those after it, those before a BELOW
// word worse. Other comparisons ("than", "compared to", "versus") say nothing of which side wins, lexically.
// "Superior performance compared to", "better results than", "achieves improvement in F1 … over" say which side wins
// as plainly as "superior to".
const COMPARES = /\b(?:than|compared (?:to|with)|versus|vs\.?|(?:superior|inferior) to|outperform\w*|underperform\w*|surpass\w*|exceed\w*|trail\w*)\b|\bimprov\w*\b[^,;:]*\bover\b/i;
const ABOVE = /\b(?:outperform\w*|surpass\w*|(?<!(?:only|barely|marginally|slightly)(?: \w+ly)? )(?:superior|better)(?: \w+)? (?:to|than|compared (?:to|with))|improv\w*\b[^,;:]*\bover)\b/i;
const BELOW = /\b(?:underperform\w*|trail\w*|(?:inferior|worse|lower)(?: \w+)? (?:to|than|compared (?:to|with))|(?:only|barely|marginally|slightly)(?: \w+ly)? better than)\b/i;

/** Where a comparison's sides split, and which way: +1 when the subjects before the word do better. */
function comparison(clause: string): { at: number; end: number; sign: 1 | -1 } | null {
  const above = ABOVE.exec(clause);
  const below = BELOW.exec(clause);
  // Two comparisons in one clause ("A outperforms B but trails C") leave it undecided.
  if ((above === null) === (below === null)) return null;
  const m = (above ?? below)!;
  return { at: m.index, end: m.index + m[0].length, sign: above !== null ? 1 : -1 };
}

// A sentence's frames, remembered: verification reads each sentence against many claims. Read-only once made.
const read = remembered(framesOf);

/** The subjects a clause is about (those before its comparison word, when it compares), else the ones in force. */
function clauseSubjects(clause: string, inForce: ReadonlySet<Subject>): Set<Subject> {
  const cmp = COMPARES.test(clause) ? comparison(clause) : null;
  const named = subjects(cmp === null ? clause : clause.slice(0, cmp.at));
  return named.size > 0 ? named : new Set(inForce);
}

/**
 * The direction a clause gives each subject on an aspect. A comparing clause gives its two sides opposite directions
 * (a subject on both sides, "GPT-4 outperforms GPT-3.5", none); one that compares without saying which side wins,
 * or compares false positives (fewer is better), none. `about`: the subjects the clause is about.
 */
function clauseDirections(aspect: Aspect, clause: string, about: ReadonlySet<Subject>): Map<string, number> {
  const out = new Map<string, number>();
  if (!COMPARES.test(clause)) {
    const d = direction(aspect, clause);
    for (const s of about.size > 0 ? about : ['any' as const]) out.set(s, d);
    return out;
  }
  const cmp = aspect === 'false-positives' ? null : comparison(clause);
  if (cmp === null) return out;
  const after = subjects(clause.slice(cmp.end));
  for (const s of about) if (!after.has(s)) out.set(s, cmp.sign);
  for (const s of after) if (!about.has(s)) out.set(s, -cmp.sign);
  return out;
}

// Aspects that are something done to a subject: a direction on one of them is the factor helping or not.
const FACTORS: ReadonlySet<string> = new Set<Aspect>(['fine-tuning', 'prompting', 'code-context', 'training-data']);

// A frame's direction that a factor in the same clause explains is the factor's finding: "increasing the volume of
// training data improves the performance of deep learning models for vulnerability detection" says the data helps,
// not how well deep learning detects. A clause where the factor goes the other way ("while our prompting methods
// improved the models' performance, LLMs generally struggled with vulnerability detection"), or another clause that
// gives the direction on its own ("…, demonstrating the effectiveness of adapting pretrained LLMs for vulnerability
// detection"), keeps the finding.
type SentenceFrames = {
  /** each (subject, aspect) the sentence speaks to, with the direction of the clauses that speak to it (0 when mixed) */
  directions: ReadonlyMap<string, number>;
  /** the frames whose direction a factor explains in every clause that gives it */
  explained: ReadonlySet<string>;
};

function framesOf(text: string): SentenceFrames {
  const directions = new Map<string, Set<number>>();
  // Per frame and direction: does every clause giving it also give a factor that direction?
  const byFactor = new Map<string, boolean>();
  const clauses = text.split(CLAUSE_BREAK);
  let current = new Set<Subject>();
  clauses.forEach((clause, i) => {
    current = clauseSubjects(clause, current);
    const next = clauses[i + 1] ?? '';
    const given: [string, number][] = [];
    for (const [aspect, re] of ASPECTS) {
      const named = re.test(clause);
      if (!named && !(aspect === 'detection' && PERFORMANCE.test(clause) && VULNERABILITY.test(text))) continue;
      const here = clauseDirections(aspect, clause, current);
      // A clause that names the aspect but no direction ("combined with code-specific information and CoT, GPT
      // can detect vulnerabilities more effectively") takes the direction of the clause it leads into.
      // A comparing clause's sides are its own; any other takes this clause's subjects.
      const there = clauseDirections(aspect, next, COMPARES.test(next) ? clauseSubjects(next, current) : current);
      const about = new Set<string>([...(current.size > 0 ? current : ['any']), ...here.keys()]);
      for (const subject of about) {
        const d = here.get(subject) || there.get(subject) || 0;
        // "Detecting vulnerabilities" is what every paper in these reviews is about: only a named subject makes
        // a detection finding specific.
        if (aspect === 'detection' && subject === 'any') continue;
        // A performance figure without a direction ("obtaining an average accuracy of 62.8%") says nothing either way.
        if (!named && d === 0) continue;
        const key = `${subject}/${aspect}`;
        const seen = directions.get(key) ?? new Set<number>();
        directions.set(key, seen.add(d));
        given.push([key, d]);
      }
    }
    const factors = new Set(given.filter(([k, d]) => d !== 0 && FACTORS.has(frameAspect(k))).map(([, d]) => d));
    for (const [key, d] of given) {
      const id = `${key}|${d}`;
      byFactor.set(id, (byFactor.get(id) ?? true) && !FACTORS.has(frameAspect(key)) && factors.has(d));
    }
  });
  // Two clauses on one aspect in different directions leave it undecided. A clause that gives none counts: letting it
  // pass read "the remarkable performance of LLMs on code-related tasks has prompted recent works to explore if LLMs
  // can be used to detect vulnerabilities" as a detection finding.
  const out = new Map<string, number>();
  for (const [key, seen] of directions) out.set(key, seen.size !== 1 ? 0 : [...seen][0]!);
  const explained = new Set([...out].filter(([key, d]) => d !== 0 && byFactor.get(`${key}|${d}`) === true).map(([key]) => key));
  return { directions: out, explained };
}

/** Whether each comparison in a sentence says which side does better ("trailing behind", "superior to"). */
function sidedComparisons(text: string): boolean {
  return text.split(CLAUSE_BREAK).every((clause) => !COMPARES.test(clause) || comparison(clause) !== null);
}

/**
 * The subject/aspect frames on which claim and evidence state the same finding: the same kind of subject (a
 * claim naming none matches on the aspect alone) and the same aspect, in the same non-zero direction (evidence naming no subject matches on the aspect too). Always
 * empty for a claim that compares two subjects: which side a direction word belongs to is not lexical.
 */
export function sameFinding(claim: string, evidence: string): string[] {
  return findingMatches(claim, evidence).map((m) => m.frame);
}

// LLMs are deep learning models of code: "deep learning is still not ready for vulnerability detection" and "LLMs
// across all scales show modest effectiveness in detecting vulnerabilities" state one finding about one kind of
// subject (the second round's label rule, tests/fixtures/stance-model/PROVENANCE.md, names this case). Read so for
// detection only, the case the rule names, and only where neither sentence also speaks of the other kind on it (then
// the two may be set against each other).
const KIN: ReadonlyMap<string, Subject> = new Map<string, Subject>([
  ['llm', 'code-model'],
  ['code-model', 'llm'],
]);

/** Which of the two sentences name the frame's subject. */
export type Naming = 'both' | 'one' | 'none';

/**
 * sameFinding's frames, each saying which sentences NAME its subject (`named`): when neither does, the match rests
 * on the aspect and direction alone ("fine-tuning … improves performance" is said of models and of anything else
 * that can be tuned). A direction a factor explains (SentenceFrames.explained) is the factor's finding, not the
 * subject's, on either side.
 */
export function findingMatches(claim: string, evidence: string): { frame: string; named: Naming }[] {
  // The general reader (general-frames.ts) names the subject in both sentences by construction, and reads
  // comparisons itself (only one against a control keeps its direction).
  const general = sameGeneralFinding(claim, evidence).map((frame) => ({ frame, named: 'both' as Naming }));
  if (COMPARATIVE.test(claim) && !sidedComparisons(claim)) return general;
  const { directions: claimFrames, explained: claimExplained } = read(claim);
  const { directions: ev, explained: evidenceExplained } = read(evidence);
  const out: { frame: string; named: Naming }[] = [];
  for (const [key, d] of claimFrames) {
    if (d === 0 || claimExplained.has(key)) continue;
    const [subject, aspect] = key.split('/') as [string, string];
    // A claim that says something on this aspect about two named subjects ("SAST tools obtain low false
    // positives, while LLMs suffer from high false positives"): evidence naming no subject could be about either.
    const subjectsOnAspect = [...claimFrames.keys()].filter((k) => k.endsWith(`/${aspect}`) && !k.startsWith('any/')).length;
    const onEvidence = (names: readonly string[]) => names.some((s) => ev.get(`${s}/${aspect}`) === d && !evidenceExplained.has(`${s}/${aspect}`));
    const exact = subject !== 'any' && onEvidence([subject]);
    const evidenceNameless = subject !== 'any' && subjectsOnAspect === 1 && onEvidence(['any']);
    const claimNameless = subject === 'any' && onEvidence(['any', 'code-model', 'llm']);
    const kin = aspect === 'detection' ? KIN.get(subject) : undefined;
    const kinNamed = kin !== undefined && !claimFrames.has(`${kin}/${aspect}`) && onEvidence([kin]) && !ev.has(key);
    const named: Naming = exact ? 'both' : evidenceNameless || kinNamed || (claimNameless && onEvidence(['code-model', 'llm'])) ? 'one' : 'none';
    const agrees = exact || evidenceNameless || claimNameless || kinNamed;
    if (agrees) out.push({ frame: key, named });
  }
  out.push(...general);
  return out.sort((a, b) => (a.frame < b.frame ? -1 : a.frame > b.frame ? 1 : 0));
}

/** A frame's aspect: "llm/detection" → "detection"; a general frame's outcome term ("general:fluoxetin/behavior"). */
export function frameAspect(frame: string): string {
  return frame.slice(frame.lastIndexOf('/') + 1);
}

/**
 * The subject/aspect frames on which the evidence states the OPPOSITE of the claim's finding: both sentences name the
 * same kind of subject and speak to the same aspect, in opposite non-zero directions ("LLMs are the future for
 * vulnerability detection, outperforming GNNs" / "pre-trained LMs are generally superior to LLMs in software
 * vulnerability detection"), neither direction explained by a factor. A frame named by one sentence only is not
 * enough: the other may be about something else. general-frames.ts's frames are not read for opposition: set against
 * each other, 2,114 sentences of the bannach-brown-2019 screening corpus gave 16 pairs with opposite directions on a
 * shared subject and outcome term, and each of the 8 read by hand was about two different things ("the rat frontal
 * cortex" / "the hippocampus and cerebral cortex", "low doses" of two drugs).
 */
export function opposingFindings(claim: string, evidence: string): string[] {
  const { directions: cf, explained: byClaimFactor } = read(claim);
  const { directions: ev, explained: byEvidenceFactor } = read(evidence);
  const out: string[] = [];
  for (const [key, d] of cf) {
    if (d !== 0 && !key.startsWith('any/') && ev.get(key) === -d && !byClaimFactor.has(key) && !byEvidenceFactor.has(key)) out.push(key);
  }
  return out.sort();
}

/** A sentence's subject/aspect frames with their directions (+1, -1, 0 undecided). */
export function findingFrames(text: string): ReadonlyMap<string, number> {
  return read(text).directions;
}
