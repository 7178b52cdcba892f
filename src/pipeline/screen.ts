// Screening: one decision per record, with the first criterion it fails, a relevance score, and a report of how
// the decisions were made (the cut-off, facet gaps, the maintainers' decisions, what to look at next).
//
// Exported API
//   type ScreeningOutcome = { decisions: ScreeningDecision[]; report: ScreeningReport }
//   screen(papers: Paper[], question: Question, options?: { recordNames?: ReadonlyMap<string, readonly string[]> })
//       : ScreeningOutcome            recordNames: merge()'s names of the records behind each paper, so that a
//                                     maintainer's decision naming a merged-away record finds its paper
//   LOOK_NEXT = 10                    how many undecided records the report asks the maintainers to check
//
// Order of the decision (PRISMA 2020 item 16b asks for one reason per excluded record):
//   excluded-by-maintainers  the question file's screening.decisions excludes it (an "include" there includes it,
//                            whatever the machine's criteria say: the maintainers have read it)
//   outside-years            year known and outside screening.years (a record with no year is not excluded: we
//                            cannot say it is outside)
//   no-abstract              only when screening.requireAbstract is set; by default a record without an abstract is
//                            judged on its title and keywords, and marked as title-only
//   excluded-term            title, keywords or abstract mention a screening.exclude term
//   missing-required-term    screening.require is non-empty and none of its terms is mentioned
//   below-relevance          the record mentions none of the question's facets (that any record meets), or its
//                            relevance is below this corpus's cut-off (screening.minRelevance instead, if set), or
//                            it misses a required facet and scores below the cut-off's share of the records that
//                            miss one (the derived cut-off only: a minRelevance replaces the whole rule)
//   over-limit               only when screening.maxIncluded is set: passed everything, but more did; the most
//                            relevant are kept, and the report lists the ones left out
//
// Relevance. Every record is ranked (src/pipeline/relevance-ranking.ts: facet coverage with required facets and any
// aspect, BM25, relevance feedback, the maintainers' decisions as labels). The cut-off is derived from this
// corpus's score distribution (src/pipeline/screening-rule.ts): a record's relevance is the share of the corpus's
// off-topic bulk that scores below it, and it is included from 1 − NULL_TAIL (0.900) up. The bulk is estimated
// over the screened records that miss the question (a required facet, or every facet), whatever the criteria
// decide (narrowing the years moves no other record's relevance), separately for records with and without an
// abstract (a title-only record is compared with title-only records: its score rests on fewer words). Too few
// records to estimate a bulk from: then relevance is the record's facet coverage and the cut-off 0.5 (half of the
// required facets, or all of them weakly).
// A record that misses a required facet is itself one of the bulk's reference records, so where it stands among them
// is observed, not only modelled: it is included only when it also scores above 1 − NULL_TAIL of them. The modelled
// bulk's upper tail is too thin for them (on the development reviews it let 22% and 39% of Nagtegaal's reference
// records through, 9% and 20% of Bannach-Brown's, instead of 10%); this second test keeps the rule's promise for
// the records it can check. Its relevance is left as it is, so the ranking order (and WSS) does not change.
// Relevance is rounded to 3 decimals so the page, the JSON and the sort agree.
import type {
  ExclusionReason,
  ListedRecord,
  MaintainerDecision,
  Paper,
  Question,
  ScreeningDecision,
  ScreeningReport,
} from '../records/index.ts';
import { findTerms, type AnalysedText, type CompiledTerm } from '../text/terms.ts';
import { readRecordText, recordTerms, type RecordText } from '../text/record-text.ts';
import { compileFacets, compileTerms } from '../text/facet-terms.ts';
import { facetGaps, readFacets, type FacetReading } from './facet-coverage.ts';
import { rankingBasis, rankRecords } from './relevance-ranking.ts';
import { NULL_TAIL, placeAgainstBulk } from './screening-rule.ts';
import { matchDecisions } from './maintainer-decisions.ts';

export const LOOK_NEXT = 10;
// Half of the required facets, or all of them weakly (facet coverage, src/pipeline/facet-coverage.ts).
const SMALL_BATCH_CUT_OFF = 0.5;

export type ScreeningOutcome = { decisions: ScreeningDecision[]; report: ScreeningReport };

type Failure = { reason: ExclusionReason; detail: string };

type Assessed = {
  paper: Paper;
  index: number;
  reading: FacetReading;
  score: number;
  relevance: number;
  criteria: Failure | null;
  failure: Failure | null;
  maintainers: MaintainerDecision | null;
};

export function screen(
  papers: Paper[],
  question: Question,
  options: { recordNames?: ReadonlyMap<string, readonly string[]> } = {},
): ScreeningOutcome {
  const criteria = question.screening;
  const facets = compileFacets(question.facets);
  const exclude = compileTerms(criteria.exclude);
  const require = compileTerms(criteria.require);
  // Each record's text is analysed once and dropped: its facet reading, ranking terms and criteria come from it.
  const read = papers.map((paper) => {
    const text = readRecordText(paper);
    return { reading: readFacets(text, facets), terms: recordTerms(text), criteria: firstFailure(paper, text, question, exclude, require) };
  });
  const readings = read.map((r) => r.reading);
  const gapIds = facetGaps(readings, facets);
  const gaps = new Set(facets.flatMap((f, k) => (gapIds.includes(f.id) ? [k] : [])));
  const roles = question.facets.map((f) => f.role);

  const matched = matchDecisions(papers, criteria.decisions, options.recordNames);
  const labels = new Map<number, boolean>();
  papers.forEach((p, i) => {
    const d = matched.byPaper.get(p.id);
    if (d) labels.set(i, d.decision === 'include');
  });
  const basis = papers.length > 0 ? rankingBasis(read.map((r) => r.terms), question, readings, gaps) : null;
  const scores = basis ? rankRecords(basis, labels) : [];
  const criteriaFailures = read.map((r) => r.criteria);

  // The cut-off: estimated over every screened record (src/pipeline/screening-rule.ts), and the machine's verdict
  // on every record from its relevance.
  const liveFacets = facets.filter((_, k) => !gaps.has(k)).map((f) => f.id);
  const requiredIds = facets.filter((_, k) => !gaps.has(k) && roles[k] === 'required').map((f) => f.id);
  const judge = (ranking: readonly number[]) => {
    const placed = placeAgainstBulk(ranking, readings, roles, gaps);
    // A question's own minimum relevance replaces the derived cut-off: the maintainers chose it.
    const cutOff = criteria.minRelevance ?? (placed.method === 'off-topic-bulk' ? round3(1 - NULL_TAIL) : SMALL_BATCH_CUT_OFF);
    const relevance = placed.relevance.map(round3);
    const failures = readings.map((reading, i): Failure | null => {
      const mentioned = `mentions ${reading.mentioned.length} of ${facets.length} facets${reading.mentioned.length ? ` (${reading.mentioned.join(', ')})` : ''}`;
      const judged = reading.titleOnly ? '; judged on title only (no abstract)' : '';
      if (criteriaFailures[i]) return criteriaFailures[i]!;
      if (liveFacets.length > 0 && !reading.mentioned.some((f) => liveFacets.includes(f))) {
        return { reason: 'below-relevance', detail: `mentions none of the question's facets${judged}` };
      }
      if (relevance[i]! < cutOff) {
        return {
          reason: 'below-relevance',
          detail: `relevance ${relevance[i]!.toFixed(3)} is below ${cutOffWords(placed.method, cutOff, criteria.minRelevance)}; ${mentioned}${judged}`,
        };
      }
      // A record that misses the question by its own words is one of the reference records: its place among them
      // is observed, not modelled, and it must pass the same tail of them (why: src/pipeline/screening-rule.ts).
      const share = placed.referenceShare[i];
      if (criteria.minRelevance === undefined && share !== null && share !== undefined && round3(share) < cutOff) {
        const missing = requiredIds.filter((id) => !reading.mentioned.includes(id));
        return {
          reason: 'below-relevance',
          detail:
            `misses the required ${missing.length === 1 ? 'facet' : 'facets'} ${missing.join(', ')} and scores above ${percent(share)} of the ` +
            `records that miss ${missing.length === 1 ? 'it' : 'one'}, not the ${percent(cutOff)} this corpus's cut-off asks; relevance ${relevance[i]!.toFixed(3)}; ${mentioned}${judged}`,
        };
      }
      return null;
    });
    return { placed, cutOff, relevance, failures };
  };
  const verdict = judge(scores);
  // What screening alone would decide, for the report's comparison with the maintainers: the ranking without
  // their decisions.
  const alone = labels.size > 0 && basis ? judge(rankRecords(basis)) : verdict;
  const method = verdict.placed.method;
  const cutOff = verdict.cutOff;

  const assessed: Assessed[] = papers.map((paper, i) => ({
    paper,
    index: i,
    reading: readings[i]!,
    score: scores[i]!,
    relevance: verdict.relevance[i]!,
    criteria: criteriaFailures[i]!,
    failure: verdict.failures[i]!,
    maintainers: matched.byPaper.get(paper.id) ?? null,
  }));
  const bulks = verdict.placed.groups.map((g) => ({ group: g.group, members: g.members.map((i) => assessed[i]!) }));
  const machine = new Map(assessed.map((a) => [a, alone.failures[a.index] === null ? ('include' as const) : ('exclude' as const)]));
  for (const a of assessed) {
    if (a.maintainers?.decision === 'include') a.failure = null;
    if (a.maintainers?.decision === 'exclude') a.failure = { reason: 'excluded-by-maintainers', detail: a.maintainers.reason };
  }

  const byRelevance = (a: Assessed, b: Assessed) => b.relevance - a.relevance || b.score - a.score || compareIds(a.paper.id, b.paper.id);
  const leftOut: Assessed[] = [];
  if (criteria.maxIncluded !== undefined) {
    // The maintainers' inclusions are kept whatever the cap; the machine's fill the rest, most relevant first.
    const chosen = assessed.filter((a) => a.failure === null && a.maintainers?.decision !== 'include').sort(byRelevance);
    const room = Math.max(0, criteria.maxIncluded - assessed.filter((a) => a.maintainers?.decision === 'include').length);
    chosen.slice(room).forEach((a, k) => {
      a.failure = {
        reason: 'over-limit',
        detail: `relevance ${a.relevance.toFixed(3)} ranks ${room + k + 1}; the question includes at most ${criteria.maxIncluded} papers`,
      };
      leftOut.push(a);
    });
  }

  // Order: included records first, by relevance (highest first), then excluded ones, also by relevance; ties by the
  // ranking score, then by paper id in code-unit order.
  const rankOf = new Map([...assessed].sort(byRelevance).map((a, k) => [a, k + 1]));
  const included = assessed.filter((a) => a.failure === null).sort(byRelevance);
  const excluded = assessed.filter((a) => a.failure !== null).sort(byRelevance);
  const decisions: ScreeningDecision[] = [...included, ...excluded].map((a) => ({
    paper: a.paper.id,
    included: a.failure === null,
    reason: a.failure?.reason ?? null,
    detail: a.failure?.detail ?? includedDetail(a, facets.length, method, cutOff),
    relevance: a.relevance,
    facets: a.reading.mentioned,
    rank: rankOf.get(a)!,
    titleOnly: a.reading.titleOnly,
    decidedBy: a.maintainers ? 'maintainers' : 'screening',
  }));

  const listed = (a: Assessed): ListedRecord => ({
    paper: a.paper.id,
    title: a.paper.title,
    year: a.paper.year,
    relevance: a.relevance,
    titleOnly: a.reading.titleOnly,
  });
  const undecided = assessed
    .filter((a) => a.maintainers === null && a.criteria === null)
    .sort((a, b) => b.relevance - a.relevance || b.score - a.score || compareIds(a.paper.id, b.paper.id));
  const report: ScreeningReport = {
    rule: {
      method,
      cutOff,
      nullTail: NULL_TAIL,
      groups: bulks.map((b) => ({ group: b.group, records: b.members.length, included: b.members.filter((a) => a.failure === null).length })),
    },
    gaps: gapIds,
    screened: papers.length,
    titleOnly: { screened: assessed.filter((a) => a.reading.titleOnly).length, included: included.filter((a) => a.reading.titleOnly).length },
    maintainers: assessed
      .filter((a) => a.maintainers !== null)
      .sort((a, b) => compareIds(a.paper.id, b.paper.id))
      .map((a) => ({ paper: a.paper.id, title: a.paper.title, decision: a.maintainers!.decision, reason: a.maintainers!.reason, machine: machine.get(a)! })),
    unmatched: matched.unmatched.map((d) => ({ name: d.id ?? `doi:${d.doi}`, decision: d.decision, reason: d.reason })),
    lookNext: undecided.slice(0, LOOK_NEXT).map(listed),
    cap: criteria.maxIncluded ?? null,
    leftOut: leftOut.map(listed),
  };
  return { decisions, report };
}

function includedDetail(a: Assessed, facetCount: number, method: ScreeningReport['rule']['method'], cutOff: number): string {
  if (a.maintainers) return `included by the maintainers: ${a.maintainers.reason}`;
  const m = a.reading.mentioned;
  const judged = a.reading.titleOnly ? '; judged on title only (no abstract)' : '';
  return `mentions ${m.length} of ${facetCount} facets${m.length ? ` (${m.join(', ')})` : ''}; relevance ${a.relevance.toFixed(3)}, cut-off ${cutOff.toFixed(3)}${method === 'facet-coverage' ? ' (facet coverage)' : ''}${judged}`;
}

function cutOffWords(method: ScreeningReport['rule']['method'], cutOff: number, minRelevance: number | undefined): string {
  if (minRelevance !== undefined) return `the question's minimum relevance ${cutOff.toFixed(3)}`;
  return method === 'off-topic-bulk'
    ? `this corpus's cut-off ${cutOff.toFixed(3)}`
    : `the cut-off ${cutOff.toFixed(3)} (facet coverage: too few records to estimate the corpus's off-topic bulk)`;
}

function firstFailure(paper: Paper, text: RecordText, question: Question, exclude: CompiledTerm[], require: CompiledTerm[]): Failure | null {
  const c = question.screening;
  const { from, to } = c.years ?? {};
  if (paper.year !== null && ((from !== undefined && paper.year < from) || (to !== undefined && paper.year > to))) {
    const range = from !== undefined && to !== undefined ? `${from}–${to}` : from !== undefined ? `${from} onwards` : `up to ${to}`;
    return { reason: 'outside-years', detail: `published ${paper.year}; the review covers ${range}` };
  }
  if (c.requireAbstract && (paper.abstract ?? '').trim().length === 0) {
    return { reason: 'no-abstract', detail: 'the record has no abstract' };
  }
  if (exclude.length === 0 && require.length === 0) return null;
  const fields = [
    { name: 'title', text: text.title },
    { name: 'keywords', text: text.keywords },
    { name: 'abstract', text: text.abstract },
  ] as const;
  if (exclude.length > 0) {
    for (const field of fields) {
      const hit = field.text ? findTerms(field.text, exclude)[0] : undefined;
      if (hit) return { reason: 'excluded-term', detail: `the ${field.name} mentions "${hit.text}" (excluded term "${hit.term}")` };
    }
  }
  if (require.length > 0 && !fields.some((f) => f.text !== null && mentions(f.text, require))) {
    return {
      reason: 'missing-required-term',
      detail: `neither title, keywords nor abstract mentions any of ${require.map((t) => `"${t.term}"`).join(', ')}`,
    };
  }
  return null;
}

function mentions(text: AnalysedText, terms: CompiledTerm[]): boolean {
  return findTerms(text, terms).length > 0;
}

// Floored: a share shown as the cut-off's own percentage must not read as passing it.
function percent(x: number): string {
  return `${(Math.floor(x * 1000) / 10).toFixed(1)}%`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
