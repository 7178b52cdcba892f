import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Synthesis } from '../../src/records/index.ts';
import { CLAIMS_PER_EVIDENCE_PAGE, reportPages } from '../../src/publish/report-pages.ts';
import { attr, byTag, elements, parseHtml, textOf } from './built-html.ts';
import { largeReview, writeLargeReviewContent } from './large-review.ts';
import { checkLinks } from './link-check.ts';
import { pagefindFilters, pagefindFragments } from './build-real-site.ts';
import { openPagefind, type PagefindSession } from './pagefind-search.ts';
import { SEARCH_KINDS } from '../../src/components/report/search-kinds.ts';
import { VERDICT_LABELS } from '../../src/components/charts/chart-specs.ts';

// Issue 13's page budget at the size widened screening brings: a review of 150 included papers, made by the
// real pipeline from the real corpora (large-review.ts), built into a site of its own. The report page
// stays under 100 KB of HTML, each page its long lists moved to stays bounded, every moved list is
// complete and linked from the report page and from the report JSON, search finds what a reader looks for
// (included papers, every claim with its own quote) and neither excluded titles nor the evidence quotes of
// other papers listed under a claim, and no page ships more than 30 KB of CSS and JavaScript.
const root = new URL('../../', import.meta.url).pathname;
const REPORT_PAGE_BYTES = 100_000;
// A list page is bounded by its own size: 200 excluded records a page, or one review's references, each about
// 1 KB with its schema.org citation (about 150 KB at 150 papers); nothing the issue sets a figure for.
const LIST_PAGE_BYTES = 200_000;
const CSS_JS_BYTES = 30 * 1024;

let work: string;
let distDir: string;
let s: Synthesis;
const bytes = (path: string) => statSync(join(distDir, path)).size;
const read = (path: string) => readFileSync(join(distDir, path), 'utf8');
const file = (sitePath: string) => `${sitePath.slice(1)}index.html`;

beforeAll(async () => {
  s = largeReview();
  work = mkdtempSync(join(tmpdir(), 'sift-weight-'));
  distDir = join(work, 'dist');
  writeLargeReviewContent(join(work, 'content'), s);
  await promisify(execFile)(process.execPath, [join(root, 'tests/site/build-site.ts'), distDir, join(work, 'cache')], {
    cwd: root,
    env: { ...process.env, SIFT_CONTENT_DIR: join(work, 'content'), ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  await promisify(execFile)(join(root, 'node_modules/.bin/pagefind'), ['--site', distDir], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a report of 150 included papers', () => {
  it('is the size the budget is for', () => {
    expect(s.counts.included).toBe(150);
    expect(s.claims.length).toBeGreaterThan(150);
    expect(s.excluded.length).toBeGreaterThan(400);
  });

  it(`has a report page of at most ${REPORT_PAGE_BYTES} bytes of HTML`, () => {
    const size = bytes(`reports/${s.id}/index.html`);
    expect(size).toBeLessThanOrEqual(REPORT_PAGE_BYTES);
  });

  it('keeps every moved page bounded: evidence pages like the report page, references and excluded pages within 200 KB', () => {
    const pages = reportPages(s);
    for (const page of pages.evidence) expect(bytes(file(page)), page).toBeLessThanOrEqual(REPORT_PAGE_BYTES);
    for (const page of [pages.references, ...pages.excluded]) expect(bytes(file(page)), page).toBeLessThanOrEqual(LIST_PAGE_BYTES);
  });

  it('links the report page to the references, the first evidence and excluded pages, and each listed claim to its evidence anchor', () => {
    const pages = reportPages(s);
    const doc = parseHtml(read(`reports/${s.id}/index.html`));
    const hrefs = new Set(byTag(doc, 'a').map((a) => attr(a, 'href')));
    for (const page of [pages.references, pages.evidence[0]!, pages.excluded[0]!]) expect(hrefs.has(page), page).toBe(true);
    const rows = byTag(doc, 'tr').filter((row) => (attr(row, 'id') ?? '').startsWith('claim-'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(s.claims.length);
    for (const row of rows) {
      const id = attr(row, 'id')!;
      expect(byTag(row, 'a').some((a) => /\/evidence\/(\d+\/)?#/.test(attr(a, 'href') ?? '') && attr(a, 'href')!.endsWith(`#${id}`)), id).toBe(true);
    }
  });

  it('holds every claim with all its evidence on the evidence pages, and every excluded record on the excluded pages', () => {
    const pages = reportPages(s);
    const evidence = pages.evidence.map((page) => parseHtml(read(file(page))));
    const anchors = evidence.flatMap((doc) => elements(doc).map((e) => attr(e, 'id')).filter((id) => id?.startsWith('claim-')));
    expect(anchors).toEqual(s.claims.map((claim) => `claim-${claim.id}`));
    const evidenceText = evidence.map(textOf).join('\n');
    for (const claim of s.claims) for (const item of claim.verification.evidence) expect(evidenceText).toContain(item.quote);
    const excludedRows = pages.excluded.flatMap((page) => byTag(byTag(parseHtml(read(file(page))), 'tbody')[0]!, 'tr'));
    expect(excludedRows.map((row) => textOf(byTag(row, 'td')[1]!))).toEqual(s.excluded.map((record) => record.title));
  });

  it('indexes the report page, its references and its evidence pages for search, each named by the review, and no excluded-record page', () => {
    const pages = reportPages(s);
    const indexed = [...pagefindFilters(distDir).entries()].filter(([url]) => url.startsWith(`/reports/${s.id}/`));
    const expected: Array<[string, string[]]> = [
      [`/reports/${s.id}/`, [SEARCH_KINDS.review]],
      [pages.references, [SEARCH_KINDS.references]],
      ...pages.evidence.map((page): [string, string[]] => [page, [SEARCH_KINDS.evidence]]),
    ];
    expect(new Map(indexed.map(([url, filters]) => [url, filters['kind']]))).toEqual(new Map(expected));
    // Facet, year and verdict narrow reviews: only the report page carries them.
    for (const [url, filters] of indexed) if (url !== `/reports/${s.id}/`) expect(Object.keys(filters), url).toEqual(['kind']);
    for (const page of pages.excluded) expect(read(file(page))).not.toContain('data-pagefind-body');
  });

  // Pagefind's memory grows with the distinct words of each page (DEVELOPERS.md, Search), so what a page indexes is
  // chosen: words compared without case or punctuation, as Pagefind matches them.
  const words = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

  it('indexes the report page’s findings and not its bookkeeping sections', () => {
    const indexed = words(pagefindFragments(distDir).get(`/reports/${s.id}/`)!.content);
    const sections = byTag(parseHtml(read(`reports/${s.id}/index.html`)), 'section');
    // A section's paragraphs and list items of some length.
    const paragraphs = (id: string) => {
      const section = sections.find((e) => attr(e, 'aria-labelledby') === id);
      expect(section, id).toBeDefined();
      return [...byTag(section!, 'p'), ...byTag(section!, 'li')].map((e) => words(textOf(e))).filter((text) => text.length > 40);
    };
    expect(indexed).toContain(words(s.title));
    expect(indexed).toContain(words(s.question));
    for (const id of ['summary', 'limitations']) {
      expect(paragraphs(id).length, id).toBeGreaterThan(0);
      for (const text of paragraphs(id)) expect(indexed, id).toContain(text);
    }
    const bookkeeping = ['claims', 'screening', 'methods', 'review', 'history', 'downloads'].flatMap(paragraphs);
    expect(bookkeeping.length).toBeGreaterThan(6);
    for (const text of bookkeeping) expect(indexed).not.toContain(text);
  });

  it('indexes each claim with its text and its own quote on its evidence page, without what every claim repeats (provenance, verdict, confidence)', () => {
    const fragments = pagefindFragments(distDir);
    for (const [n, page] of reportPages(s).evidence.entries()) {
      const indexed = words(fragments.get(page)!.content);
      const claims = s.claims.slice(n * CLAIMS_PER_EVIDENCE_PAGE, (n + 1) * CLAIMS_PER_EVIDENCE_PAGE);
      // Each claim's part of the page: from its text to the next claim's.
      const starts = claims.map((claim) => indexed.indexOf(words(claim.text)));
      expect(starts.every((at, i) => at >= 0 && (i === 0 || at > starts[i - 1]!)), page).toBe(true);
      for (const [i, claim] of claims.entries()) {
        const part = indexed.slice(starts[i]!, starts[i + 1] ?? indexed.length);
        expect(part, claim.id).toContain(words(claim.quote.text));
        expect(part, claim.id).not.toContain(words(`Verdict: ${VERDICT_LABELS[claim.verification.verdict]}`));
        expect(part, claim.id).not.toContain(words('The claim is the quote'));
        expect(part, claim.id).not.toContain(words(`characters ${claim.quote.start}–${claim.quote.end}`));
      }
    }
  });

  describe('searched in Node as the search page does (pagefind.js over the built index)', () => {
    let search: PagefindSession;
    beforeAll(async () => {
      search = await openPagefind(distDir);
    });
    afterAll(async () => {
      await search?.close();
    });

    it('lists the review once before a word is typed (the listing narrowed to kind Review)', async () => {
      const listing = await search.search(null, { kind: [SEARCH_KINDS.review] });
      expect(listing.map((hit) => [hit.url, hit.meta['title']])).toEqual([[`/reports/${s.id}/`, s.title]]);
    });

    it('finds an included paper whose title is only on the references page, at its reference, under the review’s name', async () => {
      const onOtherPages = [`reports/${s.id}/index.html`, ...reportPages(s).evidence.map(file)].map((f) => textOf(parseHtml(read(f)))).join('\n');
      const index = s.references.findIndex((reference) => {
        const title = s.papers.find((paper) => paper.id === reference.paper)?.title ?? '';
        return title.length > 30 && !onOtherPages.includes(title);
      });
      expect(index).toBeGreaterThanOrEqual(0);
      const title = s.papers.find((paper) => paper.id === s.references[index]!.paper)!.title;
      const hits = await search.search(title);
      const hit = hits.find((h) => h.url === reportPages(s).references);
      expect(hit, title).toBeDefined();
      expect(hit!.meta['title']).toBe(`${s.title}: references`);
      expect(hit!.sub_results.map((sub) => sub.url)).toContain(`${reportPages(s).references}#ref-${index + 1}`);
    });

    it('finds a claim beyond the report page’s first 30, and every evidence page’s claims by their own quotes, at the claim', async () => {
      const page = reportPages(s).evidence.at(-1)!;
      const claim = s.claims[s.claims.length - 1]!;
      const hits = await search.search(claim.text);
      const hit = hits.find((h) => h.url === page);
      expect(hit, claim.text).toBeDefined();
      expect(hit!.meta['title']).toBe(`${s.title}: evidence, claims ${(reportPages(s).evidence.length - 1) * CLAIMS_PER_EVIDENCE_PAGE + 1}–${s.claims.length}`);
      expect(hit!.sub_results.map((sub) => sub.url)).toContain(`${page}#claim-${claim.id}`);
      // Every claim by its own verbatim quote (the claim's text in an offline synthesis, a longer sentence when a
      // model shortened it): the first claim of each evidence page, as an exact phrase, at its anchor.
      for (const [n, evidencePage] of reportPages(s).evidence.entries()) {
        const first = s.claims[n * CLAIMS_PER_EVIDENCE_PAGE]!;
        const byQuote = (await search.search(`"${first.quote.text}"`)).find((h) => h.url === evidencePage);
        expect(byQuote, first.quote.text).toBeDefined();
        expect(byQuote!.sub_results.map((sub) => sub.url)).toContain(`${evidencePage}#claim-${first.id}`);
      }
    });

    it('does not index the evidence quotes of other papers under a claim (their papers are found by title on the references page)', async () => {
      // Quoted: an exact-phrase search. A sentence that is also some claim's text or quote stays findable as that claim.
      const claimWords = s.claims.flatMap((c) => [c.text, c.quote.text]).join('\n');
      const quotes = [...new Set(s.claims.flatMap((c) => c.verification.evidence.map((e) => e.quote)))];
      const evidenceOnly = quotes.filter((quote) => /^[\w ,:()%.-]{40,}$/.test(quote) && !claimWords.includes(quote));
      expect(evidenceOnly.length).toBeGreaterThan(20);
      const evidencePages = new Set(reportPages(s).evidence);
      for (const quote of evidenceOnly.slice(0, 20)) {
        expect((await search.search(`"${quote}"`)).filter((h) => evidencePages.has(h.url)).map((h) => h.url), quote).toEqual([]);
      }
    });

    it('does not find an excluded title (the pages of excluded records are not indexed), where the same exact-phrase search finds an included one', async () => {
      // Quoted: Pagefind's exact-phrase search, so that shared or stemmed words of other pages do not count.
      const indexedText = [`reports/${s.id}/index.html`, file(reportPages(s).references), ...reportPages(s).evidence.map(file)]
        .map((f) => textOf(parseHtml(read(f))))
        .join('\n');
      const excludedText = reportPages(s).excluded.map((page) => textOf(parseHtml(read(file(page))))).join('\n');
      const excluded = s.excluded.map((record) => record.title).find((title) => /^[\w ,:-]{30,}$/.test(title) && excludedText.includes(title) && !indexedText.includes(title));
      const included = s.papers.map((paper) => paper.title).find((title) => /^[\w ,:-]{30,}$/.test(title));
      expect(excluded).toBeDefined();
      expect(await search.search(`"${excluded}"`)).toEqual([]);
      expect((await search.search(`"${included}"`)).map((hit) => hit.url)).toContain(reportPages(s).references);
    });
  });

  it('names the moved pages in the report JSON', () => {
    const json = JSON.parse(read(`api/reports/${s.id}.json`)) as { pages: ReturnType<typeof reportPages> };
    expect(json.pages).toEqual(reportPages(s));
  });

  it('has no broken internal link or anchor', () => {
    const result = checkLinks({ distDir, base: '/' });
    expect(result.problems).toEqual([]);
  });

  it(`ships at most ${CSS_JS_BYTES} bytes of CSS and JavaScript with any page`, () => {
    const pages = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(15);
    for (const page of pages) {
      const doc = parseHtml(read(page));
      let total = 0;
      for (const link of byTag(doc, 'link').filter((l) => attr(l, 'rel') === 'stylesheet' && !attr(l, 'href')!.startsWith('/pagefind/'))) {
        total += bytes(attr(link, 'href')!.slice(1));
      }
      for (const style of byTag(doc, 'style')) total += Buffer.byteLength(textOf(style));
      for (const script of byTag(doc, 'script').filter((e) => attr(e, 'type') !== 'application/ld+json')) {
        const src = attr(script, 'src');
        // Pagefind's search UI is the search page's own, written by Pagefind, not by the site's build.
        if (src?.startsWith('/pagefind/')) continue;
        total += src ? bytes(src.slice(1)) : Buffer.byteLength(textOf(script));
      }
      expect(total, page).toBeLessThanOrEqual(CSS_JS_BYTES);
    }
  });
});
