// The screening decision rule: where this corpus's off-topic bulk lies on the ranking score, and how far above it
// a record must score to be included. No fixed absolute threshold: the cut-off moves with the corpus.
//
// Exported API
//   NULL_TAIL = 0.1                 share of the off-topic bulk that still passes the cut-off (false-positive rate)
//   CUT_OFF_Z = 1.2816              the standard normal quantile of 1 − NULL_TAIL
//   MIN_NULL_RECORDS = 30           fewest scores a bulk is estimated from
//   type OffTopicBulk = { mode: number; spread: number; records: number }
//   offTopicBulk(scores: readonly number[]): OffTopicBulk | null        null when fewer than MIN_NULL_RECORDS scores
//   bulkPercentile(score: number, bulk: OffTopicBulk): number
//       Φ((score − mode) / spread): the share of the off-topic bulk expected to score lower
//   placeAgainstBulk(scores, readings, roles, gaps): Placement
//       every record's relevance (its bulk percentile, or its facet coverage when no bulk can be estimated), for the
//       reference records their observed share of the reference scoring below them (referenceShare), the groups
//       the bulks were estimated for and the method used
//   shareBelow(score: number, sorted: Float64Array): number     the share of sorted scores strictly below score
//
// Why this rule. Most records a search returns are off-topic, and their scores form the big hump of the score
// distribution; the relevant records are a minority in its upper tail. Efron's empirical null (Efron, "Large-Scale
// Simultaneous Hypothesis Testing: The Choice of a Null Hypothesis", JASA 99, 2004) estimates the hump from the
// data: its centre is the mode of the scores (a Gaussian kernel density estimate with Silverman's bandwidth), and
// its spread is fitted on the scores BELOW the mode only, which the relevant minority hardly reaches (the root mean
// square distance of those scores from the mode: a half-normal fit). A record is included when it scores above
// all but NULL_TAIL of that bulk, i.e. its bulk percentile is at least 1 − NULL_TAIL. On the two development
// reviews (../shared/data/screening/) this keeps about a quarter of the records and recall of at least 0.9; the
// tail share was chosen there, before the demo questions were measured.
//
// The half-normal describes the bulk's centre, not its upper tail. Measured on the development reviews, the records
// that miss a required facet (the reference) pass the modelled 90th percentile far more often than 10%: Nagtegaal
// 346 of 1554 with an abstract (22%) and 65 of 166 title-only (39%), Bannach-Brown 56 of 615 (9%) and 77 of 380
// (20%); feedback scores have a heavier right tail than a normal. For those records the tail need not be modelled:
// referenceShare is each one's place among them, and screening (src/pipeline/screen.ts) includes one only when that
// share also reaches 1 − NULL_TAIL. On the development reviews this took precision from 0.168 to 0.241 (Nagtegaal)
// and 0.427 to 0.441 (Bannach-Brown), recall from 0.960 to 0.921 and 0.925 to 0.914, with no new constant. Records
// that meet every required facet are a different population, whose null cannot be observed: they keep the model.
// (Tried on the same data and dropped: the empirical share for every record, which cut Nagtegaal's recall to 0.90;
// a record mentioning a required facet only once in its abstract counted as missing it, 0.89.)

import { coverage, type FacetReading, type FacetRole } from './facet-coverage.ts';

export const NULL_TAIL = 0.1;
export const CUT_OFF_Z = 1.2816;
export const MIN_NULL_RECORDS = 30;

export type OffTopicBulk = { mode: number; spread: number; records: number };

export type Placement = {
  method: 'off-topic-bulk' | 'facet-coverage';
  relevance: number[];
  /** for a record of the reference (it misses the question by its own words): the share of its group's reference
   *  records that score below it; null for the others, or when the bulk was not estimated from reference records */
  referenceShare: (number | null)[];
  groups: { group: 'all' | 'with-abstract' | 'title-only'; members: number[] }[];
};

// Which records the bulk is estimated from: every screened record, whatever the question's criteria (years,
// terms) decide, so that narrowing the years removes records without moving anyone else's relevance. Not all of
// them, though: a corpus collected for the topic can be mostly
// relevant, and then the bulk of all scores is the relevant one. The reference is the records that miss the
// question by its own words: a required facet (or, when no facet is required, every facet). Records with and
// without an abstract are placed against their own group's bulk when both groups have MIN_NULL_RECORDS
// records: a title-only record's score rests on fewer words. A group with too few reference records borrows
// the reference records of all groups; with too few of those, its bulk is all its records' scores.
export function placeAgainstBulk(
  scores: readonly number[],
  readings: readonly FacetReading[],
  roles: readonly FacetRole[],
  gaps: ReadonlySet<number>,
): Placement {
  const all = scores.map((_, i) => i);
  const required = roles.flatMap((r, k) => (r === 'required' && !gaps.has(k) ? [k] : []));
  const live = roles.flatMap((_, k) => (gaps.has(k) ? [] : [k]));
  const misses = (i: number) =>
    required.length > 0 ? required.some((k) => readings[i]!.strengths[k] === 0) : live.every((k) => readings[i]!.strengths[k] === 0);
  const pooledReference = all.filter(misses);
  // The bulk, and the reference scores themselves (sorted) when the bulk was estimated from reference records.
  const bulkFor = (members: number[]): Estimate => {
    const reference = members.filter(misses);
    const from = reference.length >= MIN_NULL_RECORDS ? reference : pooledReference.length >= MIN_NULL_RECORDS ? pooledReference : null;
    const bulk = offTopicBulk((from ?? members).map((i) => scores[i]!));
    return { bulk, reference: from ? Float64Array.from(from, (i) => scores[i]!).sort() : null };
  };
  const pooled = bulkFor(all);
  const titleOnly = all.filter((i) => readings[i]!.titleOnly);
  const withAbstract = all.filter((i) => !readings[i]!.titleOnly);
  const groups: (Placement['groups'][number] & Estimate)[] =
    pooled.bulk && titleOnly.length >= MIN_NULL_RECORDS && withAbstract.length >= MIN_NULL_RECORDS
      ? [
          { group: 'with-abstract', members: withAbstract, ...bulkFor(withAbstract) },
          { group: 'title-only', members: titleOnly, ...bulkFor(titleOnly) },
        ]
      : [{ group: 'all', members: all, ...pooled }];
  const estimateOf = new Map<number, Estimate>();
  for (const g of groups) for (const i of g.members) estimateOf.set(i, g);
  const relevance = scores.map((s, i) => {
    const { bulk } = estimateOf.get(i) ?? pooled;
    return bulk ? bulkPercentile(s, bulk) : coverage(readings[i]!.strengths, roles, gaps);
  });
  const referenceShare = scores.map((s, i) => {
    const { bulk, reference } = estimateOf.get(i) ?? pooled;
    return bulk && reference && misses(i) ? shareBelow(s, reference) : null;
  });
  return {
    method: pooled.bulk ? 'off-topic-bulk' : 'facet-coverage',
    relevance,
    referenceShare,
    groups: groups.map(({ group, members }) => ({ group, members })),
  };
}

type Estimate = { bulk: OffTopicBulk | null; reference: Float64Array | null };

// The share of the sorted reference scores strictly below `score` (binary search).
export function shareBelow(score: number, sorted: Float64Array): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < score) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? lo / sorted.length : 0;
}

// Points at which the density is evaluated when looking for its mode: fine enough that the mode moves by less
// than a percent of the score range, cheap enough for 10,000 records.
const GRID = 256;

export function offTopicBulk(scores: readonly number[]): OffTopicBulk | null {
  const n = scores.length;
  if (n < MIN_NULL_RECORDS) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const iqr = sorted[Math.floor(0.75 * (n - 1))]! - sorted[Math.floor(0.25 * (n - 1))]!;
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  if (hi - lo < 1e-12) return { mode: lo, spread: 1, records: n };
  // Silverman's rule of thumb (Density Estimation for Statistics and Data Analysis, 1986, eq. 3.31).
  const bandwidth = 0.9 * Math.min(sd, iqr > 0 ? iqr / 1.34 : sd) * n ** -0.2;
  const density = binnedDensity(sorted, lo, hi, bandwidth);
  let best = 0;
  for (let g = 1; g < GRID; g++) if (density[g]! > density[best]!) best = g;
  const mode = lo + ((hi - lo) * best) / (GRID - 1);
  let sum = 0;
  let below = 0;
  for (const s of sorted) {
    if (s > mode) break;
    sum += (s - mode) ** 2;
    below++;
  }
  const spread = below > 1 ? Math.sqrt(sum / below) : sd;
  return { mode, spread: spread > 1e-12 ? spread : 1, records: n };
}

export function bulkPercentile(score: number, bulk: OffTopicBulk): number {
  return normalCdf((score - bulk.mode) / bulk.spread);
}

// Gaussian kernel density on GRID points, each score spread over the grid points within 4 bandwidths.
function binnedDensity(sorted: readonly number[], lo: number, hi: number, bandwidth: number): Float64Array {
  const density = new Float64Array(GRID);
  const step = (hi - lo) / (GRID - 1);
  const h = bandwidth > 0 ? bandwidth : step;
  const reach = Math.ceil((4 * h) / step);
  for (const s of sorted) {
    const centre = Math.round((s - lo) / step);
    for (let g = Math.max(0, centre - reach); g <= Math.min(GRID - 1, centre + reach); g++) {
      const u = (lo + g * step - s) / h;
      density[g]! += Math.exp(-0.5 * u * u);
    }
  }
  return density;
}

// Φ through the complementary error function, by the Chebyshev fit "erfcc" of Numerical Recipes in C (2nd ed.,
// §6.2; fractional error below 1.2e-7): plenty for a percentile shown to three decimals.
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
