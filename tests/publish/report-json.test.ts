import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Question, Synthesis } from '../../src/records/index.ts';
import { Synthesis as SynthesisSchema } from '../../src/records/index.ts';
import type { Draft } from '../../src/pipeline/compose.ts';
import { review } from '../../src/pipeline/review.ts';
import { nextHistory } from '../../src/pipeline/history.ts';
import { toReportIndex, toReportJson, type ReportJson } from '../../src/publish/report-json.ts';
import { screen } from '../../src/pipeline/screen.ts';
import { papersFor } from '../pipeline/screen-claims-corpus.ts';
import { flagship, flagshipAnsweredBySurvey, flagshipOnTopic, llmVuln, noSupportedClaims, onTopicVulnerabilityReview, vulnerabilityAnsweredBySummarization } from '../pipeline/review-cases.ts';

function synthesis(d: Draft, q: Question, id: string): Synthesis {
  const reviewed = { ...d, id, review: review(d, q) };
  return SynthesisSchema.parse({ ...reviewed, history: nextHistory(null, reviewed) });
}

// Distinct ids so the five cases can sit side by side as one site's reports.
const all = [
  synthesis(flagshipAnsweredBySurvey(), flagship, 'flagship-survey-only'),
  synthesis(vulnerabilityAnsweredBySummarization(), llmVuln, 'vulnerability-off-topic'),
  synthesis(noSupportedClaims(), llmVuln, 'vulnerability-unsupported'),
  synthesis(flagshipOnTopic(), flagship, 'finetuning-robustness-codestral'),
  synthesis(onTopicVulnerabilityReview(), llmVuln, 'llm-vulnerability-detection'),
];

// The invariants of docs/report-json.md ("Invariants a reader may rely on"), as assertions.
function assertInvariants(r: ReportJson): void {
  const papers = new Map(r.papers.map((p) => [p.id, p]));
  expect(papers.size).toBe(r.papers.length);
  const claimIds = new Set(r.claims.map((c) => c.id));
  expect(claimIds.size).toBe(r.claims.length);
  const c = r.counts;
  expect(c.screened).toBe(c.identified - c.duplicates);
  expect(c.excluded).toBe(c.screened - c.included);
  expect(c.included).toBe(r.papers.length);
  expect(c.claims).toBe(r.claims.length);
  expect(c.supported).toBe(r.claims.filter((x) => x.verdict === 'supported').length);
  expect(Object.values(r.prisma.bySource).reduce((a, b) => a + b, 0)).toBe(c.identified);
  expect(Object.values(r.prisma.excludedByReason).reduce((a, b) => a + b, 0)).toBe(c.excluded);
  const facets = new Set(r.facets.map((f) => f.id));
  for (const cl of r.claims) {
    const p = papers.get(cl.paper);
    expect(p, `claim ${cl.id} cites ${cl.paper}`).toBeDefined();
    const src = cl.quote.field === 'title' ? p?.title : p?.abstract;
    expect(src?.slice(cl.quote.start, cl.quote.end)).toBe(cl.quote.text);
    expect(cl.text.length).toBeGreaterThanOrEqual(20);
    expect(cl.confidence).toBeGreaterThanOrEqual(0);
    expect(cl.confidence).toBeLessThanOrEqual(1);
    if (cl.facet !== null) expect(facets.has(cl.facet)).toBe(true);
    for (const e of cl.evidence) {
      const ep = papers.get(e.paper);
      expect(ep).toBeDefined();
      expect(`${ep?.title}\n${ep?.abstract ?? ''}`).toContain(e.quote);
    }
  }
  for (const s of r.summary) for (const id of s.claims) expect(claimIds.has(id)).toBe(true);
  for (const g of r.gaps) expect(facets.has(g)).toBe(true);
  expect(r.review.score).toBeGreaterThanOrEqual(0);
  expect(r.review.score).toBeLessThanOrEqual(10);
  expect(r.review.reviewers.length).toBeGreaterThanOrEqual(3);
}

describe('toReportJson', () => {
  it('satisfies the report JSON invariants for every case', () => {
    for (const s of all) assertInvariants(toReportJson(s));
  });

  it('writes the keys docs/report-json.md lists, in its order', () => {
    const r = toReportJson(all[4]!);
    expect(Object.keys(r)).toEqual(['version', 'id', 'title', 'question', 'url', 'updated', 'engine', 'facets', 'counts', 'prisma', 'papers', 'claims', 'gaps', 'summary', 'review', 'history', 'pages']);
    expect(Object.keys(r.pages)).toEqual(['references', 'evidence', 'excluded']);
    expect(Object.keys(r.counts)).toEqual(['identified', 'duplicates', 'screened', 'excluded', 'included', 'claims', 'supported']);
    expect(Object.keys(r.papers[0]!)).toEqual(['id', 'title', 'authors', 'year', 'venue', 'doi', 'arxiv', 'url', 'abstract', 'sources', 'relevance']);
    expect(Object.keys(r.claims[0]!)).toEqual(['id', 'paper', 'facet', 'text', 'quote', 'verdict', 'confidence', 'evidence']);
    expect(Object.keys(r.claims[0]!.evidence[0]!)).toEqual(['paper', 'quote', 'stance', 'score']);
    expect(Object.keys(r.summary[0]!)).toEqual(['text', 'claims']);
    expect(Object.keys(r.review)).toEqual(['score', 'agreement', 'reviewers']);
    expect(Object.keys(r.review.reviewers[0]!)).toEqual(['name', 'criteria', 'reasons']);
    expect(Object.keys(r.history[0]!)).toEqual(['version', 'date', 'papersAdded', 'papersRemoved', 'claimsAdded', 'claimsRemoved']);
    expect(r.url).toBe('/reports/llm-vulnerability-detection/');
  });

  it('writes authors as "Family, Given" and missing identifiers as null', () => {
    const r = toReportJson(all[4]!);
    const steenhoek = r.papers.find((p) => p.id === 'code-security:tp0073');
    expect(steenhoek?.authors[0]).toBe('Steenhoek, Benjamin');
    expect(steenhoek?.arxiv).toBe('2403.17218');
    expect(steenhoek?.doi).toBeNull();
    const mahyari = r.papers.find((p) => p.id === 'code-security:tp0129');
    expect(mahyari?.url).toBeNull();
  });

  it('publishes a paper url only if it is http(s): javascript: and data: become null (invented: tests/fixtures/site)', () => {
    const characters = SynthesisSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-characters.json', import.meta.url), 'utf8')));
    expect(characters.papers.map((p) => p.url)).toEqual(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://example.org/x}@misc{evil,title={pwned}}']);
    const r = toReportJson(characters);
    expect(r.papers.map((p) => p.url)).toEqual([null, null, 'https://example.org/x%7D@misc%7Bevil,title=%7Bpwned%7D%7D']);
    // Written as the site writes it: JSON.stringify escapes controls and half surrogate pairs, so the file is
    // valid JSON in valid UTF-8 and reads back as the same text.
    const written = `${JSON.stringify(r, null, 2)}\n`;
    expect(written.isWellFormed()).toBe(true);
    expect(written).toContain('\\u0000');
    expect(written).toContain('\\ud800');
    expect(JSON.parse(Buffer.from(written, 'utf8').toString('utf8')).title).toBe(characters.title);
  });

  it("adds how screening decided, after the v1 keys and before the pages, only for syntheses that recorded it", () => {
    const { report } = screen(papersFor(flagship), flagship);
    const withScreening = SynthesisSchema.parse({ ...all[3]!, screening: report });
    const r = toReportJson(withScreening);
    expect(Object.keys(r).slice(-2)).toEqual(['screening', 'pages']);
    expect(Object.keys(r.screening!)).toEqual(['rule', 'gaps', 'titleOnly', 'maintainers', 'unmatched', 'lookNext', 'cap', 'leftOut']);
    expect(Object.keys(r.screening!.rule)).toEqual(['method', 'cutOff', 'nullTail', 'groups']);
    expect(r.screening!.gaps).toEqual(['codestral']);
    expect(Object.keys(r.screening!.lookNext[0]!)).toEqual(['paper', 'title', 'year', 'relevance', 'titleOnly']);
    // Without a recorded screening, the report keeps exactly the keys it had.
    expect('screening' in toReportJson(all[3]!)).toBe(false);
  });

  it('gives the same bytes for the same synthesis', () => {
    const again = synthesis(onTopicVulnerabilityReview(), llmVuln, 'llm-vulnerability-detection');
    expect(JSON.stringify(toReportJson(again))).toBe(JSON.stringify(toReportJson(all[4]!)));
  });
});

describe('toReportIndex', () => {
  it('lists every report by id with its score and counts', () => {
    const index = toReportIndex([...all].reverse(), '2026-11-26T02:00:00Z');
    expect(index.version).toBe(1);
    expect(index.generated).toBe('2026-11-26T02:00:00Z');
    expect(index.reports.map((r) => r.id)).toEqual([...all.map((s) => s.id)].sort());
    const e = index.reports.find((r) => r.id === 'llm-vulnerability-detection');
    expect(e).toMatchObject({ url: '/reports/llm-vulnerability-detection/', updated: '2026-11-26', score: all[4]!.review.score });
    expect(e?.counts).toEqual(toReportJson(all[4]!).counts);
  });
});

// The project's own contract check, when the design notes sit beside the checkout (../shared, as in CI).
const check = fileURLToPath(new URL('../../../shared/checks/report-invariants.mjs', import.meta.url));
describe.runIf(existsSync(check))('report-invariants.mjs', () => {
  it('passes on the five reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-report-json-'));
    try {
      for (const s of all) writeFileSync(join(dir, `${s.id}.json`), JSON.stringify(toReportJson(s)));
      writeFileSync(join(dir, 'index.json'), JSON.stringify(toReportIndex(all, '2026-11-26T02:00:00Z')));
      const run = spawnSync(process.execPath, [check, dir], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/problems=0/);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
