import type { Counts, IncludedPaper, Paper, Question, RetrievalLog, VerifiedClaim } from '../records/index.ts';

// Thresholds at which a property of the data becomes a limitation worth a reader's attention.
// Fewer than 5 included studies: too few to generalise from (a rule of thumb, not a standard; chosen so a
// review resting on a handful of papers says so).
const FEW_PAPERS = 5;
// All included papers within 3 calendar years: a snapshot, not a trend.
const NARROW_YEARS = 3;
// A fifth of the screened records without an abstract: enough to bias screening towards well-indexed venues.
const MISSING_ABSTRACTS = 0.2;
// Half of the claims unverified: the review rests mostly on single-paper statements.
const UNVERIFIED = 0.5;

// Limitations are derived from this review's own data, one sentence per limitation that applies, each with
// its numbers. A limitation that does not hold for the data is not stated. Reviewer agreement is not known
// at this point (the review runs on this draft), so it is shown with the review, not here.
export function composeLimitations(input: {
  question: Question;
  papers: readonly IncludedPaper[];
  screened: readonly Paper[];
  claims: readonly VerifiedClaim[];
  counts: Counts;
  bySource: Record<string, number>;
  retrieval: readonly RetrievalLog[];
  gaps: readonly string[];
}): string[] {
  const { papers, claims, counts, question } = input;
  const out: string[] = [];

  if (papers.length === 0) {
    out.push(`No paper met the screening criteria (${counts.screened} screened), so the question is not answered by any included evidence.`);
  } else if (papers.length < FEW_PAPERS) {
    out.push(`Only ${papers.length} paper${papers.length === 1 ? ' was' : 's were'} included, too few to generalise from.`);
  }

  const years = papers.map((p) => p.year).filter((y): y is number => y !== null);
  if (years.length) {
    const min = Math.min(...years);
    const max = Math.max(...years);
    if (max - min + 1 <= NARROW_YEARS) {
      out.push(`The included papers span ${min === max ? `a single year (${min})` : `only ${min} to ${max}`}; earlier or later work is not represented.`);
    }
  }
  const undated = papers.length - years.length;
  if (undated > 0) out.push(`${undated} included paper${undated === 1 ? ' has' : 's have'} no publication year.`);

  const sources = Object.entries(input.bySource).filter(([, n]) => n > 0).map(([s]) => s);
  if (sources.length === 1) out.push(`All records come from a single source (${sources[0]}); studies it does not index are missing.`);

  if (claims.length) {
    const fromTitle = claims.filter((c) => c.quote.field === 'title').length;
    out.push(
      `Claims and evidence come from titles and abstracts only (${claims.length - fromTitle} claim${claims.length - fromTitle === 1 ? '' : 's'} from abstracts, ${fromTitle} from titles); ` +
        'full texts were not read, so results reported only in a paper\'s body are missed.',
    );
  } else if (papers.length) {
    out.push(`No claim could be extracted from the ${papers.length} included paper${papers.length === 1 ? '' : 's'}, so the review states no findings.`);
  }

  const noAbstract = input.screened.filter((p) => p.abstract === null || p.abstract.trim() === '').length;
  if (input.screened.length && noAbstract / input.screened.length >= MISSING_ABSTRACTS) {
    out.push(
      `${noAbstract} of ${input.screened.length} screened records (${percent(noAbstract / input.screened.length)}) have no abstract, ` +
        'so they could not be assessed on their content or quoted.',
    );
  }

  if (input.gaps.length) {
    const labels = input.gaps.map((g) => question.facets.find((f) => f.id === g)?.label ?? g);
    out.push(
      `${input.gaps.length} of ${question.facets.length} facets of the question have no supported claim (${input.gaps.join(', ')}): ${labels.join('; ')}.`,
    );
  }

  for (const r of input.retrieval.filter((x) => x.outcome !== 'ok')) {
    out.push(`The last refresh of ${r.source} failed (${r.time}${r.message ? `: ${r.message}` : ''}); its older results were used and may be out of date.`);
  }

  if (claims.length && counts.insufficient / claims.length >= UNVERIFIED) {
    out.push(
      `${counts.insufficient} of ${claims.length} claims (${percent(counts.insufficient / claims.length)}) are not backed or contradicted by any other included paper; they rest on one study each.`,
    );
  }
  if (counts.contradicted > 0) {
    out.push(`${counts.contradicted} claim${counts.contradicted === 1 ? ' is' : 's are'} contradicted by other included papers; the summary states these disagreements.`);
  }
  return out;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
