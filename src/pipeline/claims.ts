// Claim extraction: the sentences of included abstracts that state findings, quoted verbatim with offsets.
//
// Exported API
//   extractClaims(papers: IncludedPaper[], question: Question): { claims: Claim[]; dropped: number }
//   worthiness(sentence: string): { score: number; hedged: boolean; cues: string[] }
//   statesFinding(title: string): boolean                  whether a title reads as a finding
//   claimId(paperId: string, quote: string): string        first 16 hex of sha256(paper id + "\n" + quote)
//   CLAIM_METHOD = 'lexical-v1', MIN_WORTHINESS, MAX_CLAIMS_PER_PAPER, GROUP_JACCARD
//
// Candidates are the sentences of each abstract (src/text/sentences.ts) and the title when it reads as a finding
// ("X outperforms Y", "LLMs fail to …"). Each gets a worthiness in [0, 1] from lexical cues, in the spirit of
// the claim/finding sentence classifiers of argument mining (e.g. Achakulvisut et al., "Claim extraction in
// biomedical publications using deep discourse model and transfer learning", 2020 — here without a model):
//   + reported findings ("we find that", "results show", "outperforms", "achieves", "improves"), numbers
//     (62.8%, 0.71, 3x), comparatives ("higher than", "better", "significantly")
//   − background and motivation ("in recent years", "has attracted", "remains a challenge"), bare method
//     descriptions ("In this paper we propose …"), future work and artefact links
// Hedges (may, might, suggest, appear to, …) keep a sentence but mark the claim `hedged`.
// A paper gives at most MAX_CLAIMS_PER_PAPER claims at or above MIN_WORTHINESS, the best ones, in text order.
//
// Every claim's quote is checked against the paper text (quote.text === paper[field].slice(start, end));
// a mismatch is counted in `dropped` and never emitted (design §4 rule 1).
// Order: papers by relevance (highest first; ties by paper id), then title before abstract, then position.
// Near-duplicates across papers: claims whose content-term sets overlap with Jaccard ≥ GROUP_JACCARD share
// `group` = the id of the first such claim in that order; a claim with no near-duplicate has group null.
import { createHash } from 'node:crypto';
import type { Claim, IncludedPaper, Question } from '../records/index.ts';
import { remembered } from '../text/remembered.ts';
import { splitSentences } from '../text/sentences.ts';
import { contentTerms } from '../text/tokens.ts';
import { compileFacets, facetMentions, type CompiledFacet } from '../text/facet-terms.ts';

export const CLAIM_METHOD = 'lexical-v1';
export const MIN_WORTHINESS = 0.5;
export const MAX_CLAIMS_PER_PAPER = 3;
export const GROUP_JACCARD = 0.6;

type Cue = { name: string; pattern: RegExp; weight: number; max?: number };

// Weights were set by reading the scores of the corpora's abstracts (tests/pipeline/claims.test.ts pins the
// behaviour): one finding cue alone passes the threshold, background or method cues alone do not.
const FINDING: Cue[] = [
  {
    name: 'reported finding',
    pattern:
      /\b(?:we|this study|this paper|our (?:study|research|work|analysis|evaluation|experiments?|results?|findings?))\s+(?:also\s+|further\s+|then\s+)?(?:find|found|show|showed|shown|observe|observed|demonstrate|demonstrated|reveal|revealed|confirm|confirmed|discover|discovered|report|establish|highlight)s?\b|\b(?:results?|findings?|experiments?|evaluations?|analys[ie]s|studies|study|evidence)\b(?:\s+[\w,-]+){0,6}?\s+(?:also\s+|further\s+|clearly\s+)?(?<!\bto\s+)(?:show|shows|showed|demonstrate|demonstrates|demonstrated|indicate|indicates|indicated|reveal|reveals|revealed|suggest|suggests|confirm|confirms|highlight|highlights)\b|\bwe (?:find|found|observe|observed) (?:that|no|a|an|the)\b/i,
    weight: 0.4,
  },
  {
    name: 'result verb',
    pattern:
      /\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|achiev(?:es|ed|ing)|attain(?:s|ed|ing)|obtain(?:s|ed|ing)|yield(?:s|ed|ing)|improv(?:es|ed)|boost(?:s|ed)|reduc(?:es|ed)|increas(?:es|ed)|decreas(?:es|ed)|degrad(?:es|ed)|result(?:s|ed|ing)? in|(?:an? )?(?:improvement|gain|drop|reduction|increase|decrease) of|drops?|dropped|fail(?:s|ed)? to|struggle(?:s|d)? (?:to|with)|(?:is|are|was|were) (?:able|unable) to|detect(?:s|ed) \d+|reach(?:es|ed)|perform(?:s|ed)? (?:best|worst|better|worse|poorly|well|comparably))\b/i,
    weight: 0.25,
  },
  {
    name: 'number',
    pattern: /\d+(?:\.\d+)?\s*%|\b\d*\.\d+\b|\b\d+(?:\.\d+)?\s*(?:x|×|times|-fold|fold|points?|pp)\b|\b(?:F1|accuracy|precision|recall|AUC|MCC)\b[^.]{0,30}\d/i,
    weight: 0.2,
  },
  {
    name: 'comparison',
    pattern:
      /\b(?:better|worse|higher|lower|greater|fewer|faster|slower|stronger|weaker|than|superior|inferior|compared (?:to|with)|in comparison|significant(?:ly)?|substantial(?:ly)?|consistent(?:ly)?|competitive|comparable|on par|state[- ]of[- ]the[- ]art|best|worst|only|no (?:significant )?(?:improvement|difference|gain))\b/i,
    weight: 0.15,
    // "significantly better than" is more of a comparison than "significant": up to two distinct cue words count.
    max: 2,
  },
];

const NON_FINDING: Cue[] = [
  {
    name: 'background',
    pattern:
      /^recently\b|^the (?:\w+ ){0,2}(?:increase|growth|rise|proliferation|surge|popularity|adoption|deployment|expansion) (?:in|of)\b|\b(?:the hypothesis is|(?:is|are) (?:susceptible|prone) to|in recent years|(?:prior|previous|earlier|existing) (?:studies|work|works|research|approaches) (?:have|has)|(?:has|have) (?:shown|demonstrated) (?:a |an )?(?:remarkable|impressive|great|promising|strong|significant|excellent)|over (?:the )?(?:recent|past|last) (?:few )?(?:years|decades?)|recent(?:ly)? (?:years|advances|advancements|progress|developments|works?|research|studies|literature|efforts)|(?:the )?(?:growing|rapid|increasing|widespread) (?:reliance|expansion|growth|development|adoption|popularity|use|interest|deployment)|the (?:rise|advent|emergence|success) of|(?:has|have) (?:great |significant |promising )?potential|(?:has|have) (?:attracted|gained|received|drawn|become|emerged|been widely|been increasingly|been extensively|been proposed|been applied|been used|shown (?:great |remarkable |promising )?(?:promise|success|potential))|increasingly|widely (?:used|adopted|studied)|remains? (?:a |an )?(?:challeng|open|difficult|unclear|unexplored|limited)|(?:is|are) (?:a|an) (?:important|critical|crucial|fundamental|key|essential|challenging)|plays? (?:a|an) (?:important|crucial|key|vital)|there (?:is|are|has been) (?:a |an )?(?:lack|growing|increasing|little|limited|no)|lack of|however, (?:existing|current|most|these|such|prior)|existing (?:approaches|methods|techniques|work|tools|studies) (?:often |typically |usually |mostly )?(?:suffer|fail|rely|are|focus|require|cannot))\b/i,
    weight: -0.3,
  },
  {
    // Other people's results, cited as motivation ("A recent study showed that …").
    name: 'prior work',
    pattern:
      /\b(?:(?:several|many|some|a|prior|previous|recent|earlier|existing)\s+)+(?:empirical\s+)?(?:studies|study|works?|research|papers?|literature)\s+(?:have\s+|has\s+)?(?:shown|showed|demonstrated|found|reported|revealed|suggested|concluded)\b/i,
    weight: -0.35,
  },
  {
    name: 'method description',
    pattern:
      /^(?:in this (?:paper|work|study|article)|this (?:paper|work|study|article) (?:presents|proposes|introduces|describes|investigates|explores|studies|examines|aims|reports on|reports a|reports an)|we (?:propose|present|introduce|design|develop|describe|build|implement|construct|formulate|collect|curate|conduct|perform|investigate|explore|study|examine|evaluate|release|train|use|employ|leverage|apply|adopt|consider|define|focus)|here,? we|to (?:this end|address|tackle|bridge|fill|overcome|solve|mitigate|evaluate|assess|investigate|answer)|specifically|concretely|our (?:approach|method|framework|technique|model|tool|system) (?:is|uses|consists|combines|leverages|employs|relies|takes))\b/i,
    weight: -0.25,
  },
  {
    name: 'future work or artefact',
    pattern:
      /\b(?:future (?:work|research|directions?|studies)|we (?:plan|hope|intend|expect|believe)|(?:is|are) (?:publicly |freely )?available|open[- ]source(?:d)? (?:at|on|our)|https?:\/\/|github\.com|code and data|we release|we make|can be found)\b/i,
    weight: -0.35,
  },
];

const HEDGE =
  /\b(?:may|might|could|can potentially|suggests?|suggested|suggesting|appears? to|appeared to|seems? to|seemed to|likely|unlikely|possibly|potentially|perhaps|presumably|tends? to|indicates? that|we (?:believe|hypothesi[sz]e|speculate|conjecture))\b/i;

// Each cue's pattern as a global search, compiled once.
const CUES = [...FINDING, ...NON_FINDING].map((cue) => ({ ...cue, all: new RegExp(cue.pattern.source, 'gi') }));

type Worthiness = { score: number; hedged: boolean; cues: string[] };
// A sentence's worthiness, remembered: the same abstracts recur in the reviews of a run. Bounded, so a
// long-running process cannot grow without limit.
const rated = remembered(rate);

export function worthiness(sentence: string): Worthiness {
  const w = rated(sentence);
  return { ...w, cues: [...w.cues] };
}

function rate(sentence: string): Worthiness {
  const cues: string[] = [];
  let score = 0.2;
  for (const cue of CUES) {
    const found = new Set([...sentence.matchAll(cue.all)].map((m) => m[0].toLowerCase()));
    if (found.size > 0) {
      score += cue.weight * Math.min(found.size, cue.max ?? 1);
      cues.push(cue.name);
    }
  }
  // A method sentence that also reports what came out ("We propose X, which outperforms Y by 12%") is a
  // finding after all: the finding cues above already lifted it, so only bare method sentences stay low.
  const hedged = HEDGE.test(sentence);
  if (hedged) score -= 0.05;
  // Very short pieces ("Results are promising.") say too little to quote as a claim.
  const words = sentence.split(/\s+/).filter(Boolean).length;
  if (words < 6) score -= 0.3;
  return { score: Math.min(1, Math.max(0, round3(score))), hedged, cues };
}

type Candidate = {
  paper: IncludedPaper;
  field: 'title' | 'abstract';
  start: number;
  end: number;
  text: string;
  score: number;
  hedged: boolean;
};

export function extractClaims(papers: IncludedPaper[], question: Question): { claims: Claim[]; dropped: number } {
  const facets = compileFacets(question.facets);
  const ordered = [...papers].sort((a, b) => b.relevance - a.relevance || compareIds(a.id, b.id));
  const claims: Claim[] = [];
  const seen = new Set<string>();
  let dropped = 0;

  for (const paper of ordered) {
    const candidates: Candidate[] = [];
    // A title is a claim only when it states a finding itself ("Brainstorming Boosts Large Language Models in
    // Code Generation"), not when it names a topic ("Improved Code Summarization via …"); such a title counts as
    // just passing the threshold, so the abstract's stronger findings still come first.
    if (statesFinding(paper.title)) {
      const w = worthiness(paper.title);
      candidates.push({ paper, field: 'title', start: 0, end: paper.title.length, text: paper.title, ...w, score: Math.max(w.score, MIN_WORTHINESS) });
    }
    for (const s of splitSentences(paper.abstract ?? '')) {
      const w = worthiness(s.text);
      if (w.score >= MIN_WORTHINESS) candidates.push({ paper, field: 'abstract', start: s.start, end: s.end, text: s.text, ...w });
    }
    const fieldRank = (c: Candidate) => (c.field === 'title' ? 0 : 1);
    const best = candidates
      .sort((a, b) => b.score - a.score || fieldRank(a) - fieldRank(b) || a.start - b.start)
      .slice(0, MAX_CLAIMS_PER_PAPER)
      .sort((a, b) => fieldRank(a) - fieldRank(b) || a.start - b.start);

    const paperFacet = bestFacet(`${paper.title}\n${paper.abstract ?? ''}`, facets);
    for (const c of best) {
      const source = c.field === 'title' ? paper.title : (paper.abstract ?? '');
      if (source.slice(c.start, c.end) !== c.text) {
        dropped++;
        continue;
      }
      const id = claimId(paper.id, c.text);
      if (seen.has(id)) continue;
      seen.add(id);
      claims.push({
        id,
        question: question.id,
        paper: paper.id,
        text: c.text,
        quote: { text: c.text, field: c.field, start: c.start, end: c.end },
        facet: bestFacet(c.text, facets) ?? paperFacet,
        worthiness: c.score,
        hedged: c.hedged,
        group: null,
        method: CLAIM_METHOD,
      });
    }
  }

  return { claims: groupNearDuplicates(claims), dropped };
}

// A subject followed by a finding verb in the present tense (not an infinitive: "Learning to Reduce …");
// questions ("How far are we?") state nothing.
const TITLE_FINDING =
  /\S(?<!\bto)\s+(?:boosts?|improves?|outperforms?|beats?|fails? to|hurts?|matters?|reduces?|increases?|encourages?|enables?|degrades?|does not|do not|cannot|can't|are (?:not|vulnerable|robust|brittle)|is (?:not|vulnerable|robust|brittle))\b/i;

export function statesFinding(title: string): boolean {
  // "Helping LLMs Improve …", "Leveraging X to Improve …" name a method's aim, not its result.
  return !/\?\s*$/.test(title) && !/^(?:helping|leveraging|learning|using|towards?|enhancing|improving)\b/i.test(title) && TITLE_FINDING.test(title);
}

export function claimId(paperId: string, quote: string): string {
  return createHash('sha256').update(`${paperId}\n${quote}`).digest('hex').slice(0, 16);
}

// The facet whose terms occur most often; ties go to the facet listed first in the question.
function bestFacet(text: string, facets: readonly CompiledFacet[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const { id, count } of facetMentions(text, facets)) {
    if (count > bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}

export function groupNearDuplicates(claims: Claim[]): Claim[] {
  const terms = claims.map((c) => new Set(contentTerms(c.text)));
  const group: (string | null)[] = claims.map(() => null);
  for (let i = 0; i < claims.length; i++) {
    for (let j = 0; j < i; j++) {
      if (claims[j]!.paper === claims[i]!.paper) continue;
      if (jaccard(terms[i]!, terms[j]!) >= GROUP_JACCARD) {
        const root = group[j] ?? claims[j]!.id;
        group[j] = root;
        group[i] = root;
        break;
      }
    }
  }
  return claims.map((c, i) => ({ ...c, group: group[i]! }));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
