import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { attr, byTag, elements, parseHtml, textOf, type Element } from './built-html.ts';
import { buildRealSite, pagefindFilters, root, type RealSite } from './build-real-site.ts';
import { SEARCH_KINDS } from '../../src/components/report/search-kinds.ts';
import { checkLinks } from './link-check.ts';

// The site as deploy.yml builds it for a GitHub Pages project site: SIFT_SITE is the origin and SIFT_BASE
// the repository's path. The demo reviews, built once for this file: every internal address honours the
// base, the absolute ones (feeds, sitemap, canonical, citation tags, JSON-LD) carry the origin, and each
// report describes itself to search engines.
const SITE = 'https://owner.github.io';
const BASE = '/sift/';
let built: RealSite;
const syntheses = new Map<string, Synthesis>();
const read = (path: string) => readFileSync(join(built.distDir, path), 'utf8');

beforeAll(async () => {
  built = await buildRealSite({ SIFT_SITE: SITE, SIFT_BASE: '/sift' });
  for (const id of built.reportIds) syntheses.set(id, Synthesis.parse(JSON.parse(readFileSync(join(root, 'src/content/syntheses', `${id}.json`), 'utf8'))));
}, 300_000);

afterAll(() => {
  if (built) rmSync(built.work, { recursive: true, force: true });
});

// What the site's pages, feeds, sitemap, robots.txt and report JSON say (public/ files are copied as they are).
const textFiles = () =>
  readdirSync(built.distDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml|json|txt)$/.test(f) && !f.startsWith('schema/'));

describe('a site built under a base path, its origin known', () => {
  it('has no broken internal link: every address resolves to a file under /sift/', () => {
    const result = checkLinks({ distDir: built.distDir, base: BASE, site: SITE });
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThan(500);
  });

  it('the same build checked as if served from the root is full of broken links (the checker can fail)', () => {
    expect(checkLinks({ distDir: built.distDir, base: '/', site: SITE }).problems.length).toBeGreaterThan(50);
  });

  it('writes no placeholder origin anywhere', () => {
    for (const file of textFiles()) {
      const text = read(file);
      expect(text, file).not.toContain('sift.example.org');
      expect(text, file).not.toContain('.invalid');
    }
  });

  it('lists every report in the sitemap, at its address under the base', () => {
    expect(read('sitemap-index.xml')).toContain(`<loc>${SITE}${BASE}sitemap-0.xml</loc>`);
    const locs = [...read('sitemap-0.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const id of built.reportIds) expect(locs).toContain(`${SITE}${BASE}reports/${id}/`);
    expect(locs).toContain(`${SITE}${BASE}`);
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE}${BASE}sitemap-index.xml`);
  });

  it('feeds link and identify entries by absolute URLs under the base', () => {
    const feed = read('feed.xml');
    const hrefs = [...feed.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(built.reportIds.length);
    for (const href of hrefs) expect(href.startsWith(`${SITE}${BASE}`), href).toBe(true);
    for (const [, id] of feed.matchAll(/<id>([^<]+)<\/id>/g)) expect(id!.startsWith(`${SITE}${BASE}`), id).toBe(true);
    const one = built.reportIds[0]!;
    expect(read(`reports/${one}/feed.xml`)).toContain(`<link rel="self" href="${SITE}${BASE}reports/${one}/feed.xml"/>`);
  });

  it('report JSON `url` is the page address including the base, in the index and in each report', () => {
    const index = JSON.parse(read('api/reports/index.json')) as { reports: Array<{ id: string; url: string }> };
    expect(index.reports.map((r) => r.url)).toEqual(built.reportIds.map((id) => `${BASE}reports/${id}/`));
    for (const id of built.reportIds) expect((JSON.parse(read(`api/reports/${id}.json`)) as { url: string }).url).toBe(`${BASE}reports/${id}/`);
  });

  it('the search page loads Pagefind’s Component UI from the base and puts the base before result links', () => {
    const doc = parseHtml(read('search/index.html'));
    const config = elements(doc).find((e) => e.tagName === 'pagefind-config')!;
    expect(attr(config, 'bundle-path')).toBe(`${BASE}pagefind/`);
    expect(attr(config, 'base-url')).toBe(BASE);
    expect(byTag(doc, 'script').map((s) => attr(s, 'src')).filter(Boolean)).toEqual([`${BASE}pagefind/pagefind-component-ui.js`]);
    for (const tag of ['pagefind-input', 'pagefind-results', 'pagefind-filter-pane']) expect(elements(doc).some((e) => e.tagName === tag), tag).toBe(true);
    expect(read('search/index.html')).not.toContain('pagefind-ui.js');
    expect(built.pagefindLog).not.toContain('Default UI');
  });

  it('indexes every report with its facets, the years of its papers and its verdicts as filters, and its kind', () => {
    const filters = pagefindFilters(built.distDir);
    expect(built.pagefindLog).toMatch(/Indexed 4 filters/);
    for (const [id, s] of syntheses) {
      const page = filters.get(`/reports/${id}/`);
      expect(page, id).toBeDefined();
      expect(page!['facet']).toEqual(s.facets.map((f) => f.label));
      expect(page!['year']).toEqual(s.figures.papersPerYear.filter((y) => y.count > 0).map((y) => String(y.year)));
      expect(page!['verdict']!.length).toBeGreaterThan(0);
      expect(page!['verdict']).toContain('Supported');
      expect(page!['kind']).toEqual([SEARCH_KINDS.review]);
    }
    // The pages beside a report carry only their kind: facet, year and verdict narrow reviews.
    const parts = [...filters].filter(([url]) => /^\/reports\/[^/]+\/.+/.test(url));
    expect(parts.length).toBeGreaterThan(0);
    for (const [url, page] of parts) expect(Object.keys(page), url).toEqual(['kind']);
  });
});

describe('a report page describes itself as a scholarly work (read with parse5)', () => {
  const head = (id: string) => byTag(parseHtml(read(`reports/${id}/index.html`)), 'head')[0]!;
  const metas = (h: Element, key: 'name' | 'property', value: string) =>
    byTag(h, 'meta').filter((m) => attr(m, key) === value).map((m) => attr(m, 'content'));

  it('carries the Highwire Press citation_* tags Google Scholar reads', () => {
    for (const [id, s] of syntheses) {
      const h = head(id);
      expect(metas(h, 'name', 'citation_title')).toEqual([s.title]);
      expect(metas(h, 'name', 'citation_author')).toEqual(['Sift']);
      expect(metas(h, 'name', 'citation_publication_date')).toEqual([s.history[0]!.date.replaceAll('-', '/')]);
      expect(metas(h, 'name', 'citation_public_url')).toEqual([`${SITE}${BASE}reports/${id}/`]);
      expect(metas(h, 'name', 'citation_keywords')).toEqual(s.facets.map((f) => f.label));
    }
  });

  it('carries Open Graph tags and a canonical link, absolute under the base', () => {
    for (const [id, s] of syntheses) {
      const h = head(id);
      const url = `${SITE}${BASE}reports/${id}/`;
      expect(metas(h, 'property', 'og:type')).toEqual(['article']);
      expect(metas(h, 'property', 'og:title')).toEqual([s.title]);
      expect(metas(h, 'property', 'og:description')).toEqual([s.question]);
      expect(metas(h, 'property', 'og:url')).toEqual([url]);
      expect(byTag(h, 'link').filter((l) => attr(l, 'rel') === 'canonical').map((l) => attr(l, 'href'))).toEqual([url]);
    }
  });

  it('carries one schema.org ScholarlyArticle as JSON-LD, whose references page lists it again citing every included paper', () => {
    for (const [id, s] of syntheses) {
      const jsonLd = (page: string) => {
        const scripts = byTag(parseHtml(read(page)), 'script');
        expect(scripts.map((e) => attr(e, 'type'))).toEqual(['application/ld+json']);
        return JSON.parse(textOf(scripts[0]!)) as Record<string, unknown> & { citation?: Array<Record<string, unknown>> };
      };
      const report = jsonLd(`reports/${id}/index.html`);
      // The report page stays light (src/publish/report-pages.ts): its cited works are on the references page.
      expect(report.citation).toBeUndefined();
      const withCitations = jsonLd(`reports/${id}/references/index.html`);
      for (const ld of [report, withCitations]) {
        expect(ld['@context']).toBe('https://schema.org');
        expect(ld['@type']).toBe('ScholarlyArticle');
        expect(ld['headline']).toBe(s.title);
        expect(ld['url']).toBe(`${SITE}${BASE}reports/${id}/`);
        expect(ld['dateModified']).toBe(s.updated);
      }
      const ld = { citation: withCitations.citation! };
      expect(ld.citation.map((c) => c['name'])).toEqual(s.papers.map((p) => p.title));
      const withDoi = s.papers.findIndex((p) => p.ids.doi);
      if (withDoi >= 0) expect(ld.citation[withDoi]!['url']).toMatch(/^https:\/\/doi\.org\//);
    }
  });
});
