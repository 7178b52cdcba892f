import type { Synthesis, SynthesisListing } from '../records/index.ts';
import { Criterion } from '../records/index.ts';
import { sitePath } from './site-paths.ts';
import { safeUrl } from '../identity/index.ts';
import { reportPages } from './report-pages.ts';

// The report JSON API v1 (docs/report-json.md): a public contract. Keys are
// written in the order the contract lists them, so the same synthesis gives the same bytes.

export const REPORT_JSON_VERSION = 1;

// `url` is the report page's address from the host's root, so it includes the base path the site is
// served under: "/reports/<id>/" at the root (as docs/report-json.md writes it), "/<repo>/reports/<id>/"
// on a GitHub Pages project site. Only then does it still mean what the contract says, the page a
// reader can open; a base-less path would point outside the site.
export function reportUrl(id: string, base = '/'): string {
  return sitePath(base, `/reports/${id}/`);
}

export function toReportJson(s: Synthesis, base = '/') {
  return {
    version: REPORT_JSON_VERSION,
    id: s.id,
    title: s.title,
    question: s.question,
    url: reportUrl(s.id, base),
    updated: s.updated,
    engine: s.engine,
    facets: s.facets.map((f) => ({ id: f.id, label: f.label })),
    counts: counts(s),
    prisma: {
      bySource: { ...s.prisma.bySource },
      excludedByReason: { ...s.prisma.excludedByReason },
    },
    papers: s.papers.map((p) => ({
      id: p.id,
      title: p.title,
      authors: p.authors.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family)),
      year: p.year,
      venue: p.venue,
      doi: p.ids.doi ?? null,
      arxiv: p.ids.arxiv ?? null,
      // Only a URL the one URL rule keeps (src/identity/links.ts): never javascript:, data: and the like.
      url: safeUrl(p.url),
      abstract: p.abstract,
      sources: [...p.sources],
      relevance: p.relevance,
    })),
    claims: s.claims.map((c) => ({
      id: c.id,
      paper: c.paper,
      facet: c.facet,
      text: c.text,
      quote: { text: c.quote.text, field: c.quote.field, start: c.quote.start, end: c.quote.end },
      verdict: c.verification.verdict,
      confidence: c.verification.confidence,
      evidence: c.verification.evidence.map((e) => ({ paper: e.paper, quote: e.quote, stance: e.stance, score: e.score })),
    })),
    gaps: [...s.gaps],
    summary: s.summary.map((x) => ({ text: x.text, claims: [...x.claims] })),
    review: {
      score: s.review.score,
      agreement: s.review.agreement,
      reviewers: s.review.reviewers.map((r) => {
        const criteria: Record<string, number> = {};
        // Criteria in the schema's fixed order, whatever order a reviewer wrote them in.
        for (const c of Criterion.options) {
          const v = r.criteria[c];
          if (v !== undefined) criteria[c] = v;
        }
        return { name: r.name, criteria, reasons: [...r.reasons] };
      }),
    },
    history: s.history.map((h) => ({
      version: h.version,
      date: h.date,
      papersAdded: [...h.papersAdded],
      papersRemoved: [...h.papersRemoved],
      claimsAdded: [...h.claimsAdded],
      claimsRemoved: [...h.claimsRemoved],
    })),
    // Added after v1's first fields, present only when a language model took part: a review made without one
    // publishes the same bytes as before.
    ...(s.llm ? { llm: llmJson(s.llm) } : {}),
    // Added in v1 (fields may be added): how screening decided. Absent for syntheses stored before it was recorded,
    // so their files stay byte for byte as they were.
    ...(s.screening ? { screening: screening(s.screening) } : {}),
    // Added after v1's first fields (the contract lets fields be added): where the lists too long for the
    // report page are published, so that a reader of this file can reach the excluded records it does not hold.
    pages: reportPages(s, base),
  };
}

function llmJson(p: NonNullable<Synthesis['llm']>) {
  return {
    model: p.model,
    steps: p.steps.map((s) => s.step),
    ...(p.stanceConfidence ? { stanceConfidence: p.stanceConfidence.calibration } : {}),
  };
}

function screening(r: NonNullable<Synthesis['screening']>) {
  const listed = (x: (typeof r.lookNext)[number]) => ({ paper: x.paper, title: x.title, year: x.year, relevance: x.relevance, titleOnly: x.titleOnly });
  return {
    rule: {
      method: r.rule.method,
      cutOff: r.rule.cutOff,
      nullTail: r.rule.nullTail,
      groups: r.rule.groups.map((g) => ({ group: g.group, records: g.records, included: g.included })),
    },
    gaps: [...r.gaps],
    titleOnly: { screened: r.titleOnly.screened, included: r.titleOnly.included },
    maintainers: r.maintainers.map((m) => ({ paper: m.paper, title: m.title, decision: m.decision, reason: m.reason, machine: m.machine })),
    unmatched: r.unmatched.map((u) => ({ name: u.name, decision: u.decision, reason: u.reason })),
    lookNext: r.lookNext.map(listed),
    cap: r.cap,
    leftOut: r.leftOut.map(listed),
  };
}

export type ReportJson = ReturnType<typeof toReportJson>;

// dist/api/reports/index.json: one entry per report, ordered by id.
export function toReportIndex(all: readonly SynthesisListing[], generated: string, base = '/') {
  return {
    version: REPORT_JSON_VERSION,
    generated,
    reports: [...all]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => ({ id: s.id, title: s.title, question: s.question, url: reportUrl(s.id, base), updated: s.updated, score: s.review.score, counts: counts(s) })),
  };
}

// Only the keys the contract lists, in its order; the rest of Counts stays internal.
function counts(s: Pick<Synthesis, 'counts'>) {
  const c = s.counts;
  return {
    identified: c.identified,
    duplicates: c.duplicates,
    screened: c.screened,
    excluded: c.excluded,
    included: c.included,
    claims: c.claims,
    supported: c.supported,
  };
}
