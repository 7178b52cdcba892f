import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import {
  CLAIMS_PER_EVIDENCE_PAGE,
  EXCLUDED_PER_PAGE,
  evidencePageOfClaim,
  excludedPagePath,
  pageCount,
  reportPages,
} from '../../src/publish/report-pages.ts';

// The stored llm-vulnerability-detection review: 73 claims and 402 excluded records, so both lists run to
// several pages.
const s = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/llm-vulnerability-detection.json', import.meta.url), 'utf8')));

describe('reportPages', () => {
  it('names one page per CLAIMS_PER_EVIDENCE_PAGE claims and per EXCLUDED_PER_PAGE excluded records, page 1 being the folder', () => {
    const pages = reportPages(s);
    expect(pages.references).toBe(`/reports/${s.id}/references/`);
    expect(pages.evidence).toHaveLength(Math.ceil(s.claims.length / CLAIMS_PER_EVIDENCE_PAGE));
    expect(pages.evidence[0]).toBe(`/reports/${s.id}/evidence/`);
    expect(pages.evidence[1]).toBe(`/reports/${s.id}/evidence/2/`);
    expect(pages.excluded).toHaveLength(Math.ceil(s.excluded.length / EXCLUDED_PER_PAGE));
    expect(pages.excluded.at(-1)).toBe(excludedPagePath(s.id, pages.excluded.length));
  });

  it('writes the base path the site is served under into every address', () => {
    const pages = reportPages(s, '/sift/');
    for (const path of [pages.references, ...pages.evidence, ...pages.excluded]) expect(path.startsWith(`/sift/reports/${s.id}/`)).toBe(true);
  });

  it('keeps one page for a review with no claims or no excluded records', () => {
    const pages = reportPages({ ...s, claims: [], excluded: [] });
    expect(pages.evidence).toEqual([`/reports/${s.id}/evidence/`]);
    expect(pages.excluded).toEqual([`/reports/${s.id}/excluded/`]);
    expect(pageCount(0, 25)).toBe(1);
  });

  it('puts every claim on the page the contract says: claims[i] on evidence[floor(i / 25)]', () => {
    const pages = reportPages(s);
    s.claims.forEach((_, i) => expect(evidencePageOfClaim(i)).toBe(Math.floor(i / 25) + 1));
    expect(evidencePageOfClaim(s.claims.length - 1)).toBe(pages.evidence.length);
  });
});
