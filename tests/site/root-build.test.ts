import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr, byTag, elements, parseHtml, textOf } from './built-html.ts';
import { buildRealSite, type RealSite } from './build-real-site.ts';
import { checkLinks } from './link-check.ts';

// The site as `npm run build` makes it on a developer's machine: served from the root, and not told its
// origin (no SIFT_SITE). The demo reviews, built once for this file: links resolve, and nothing that needs
// an absolute address is invented — no placeholder host, no sitemap, no canonical URL; feeds link from
// the site's root and say why.
let built: RealSite;
const read = (path: string) => readFileSync(join(built.distDir, path), 'utf8');

beforeAll(async () => {
  built = await buildRealSite({});
}, 300_000);

afterAll(() => {
  if (built) rmSync(built.work, { recursive: true, force: true });
});

describe('a site built for the root without SIFT_SITE', () => {
  it('has no broken internal link', () => {
    const result = checkLinks({ distDir: built.distDir, base: '/' });
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThan(500);
  });

  it('the same build checked as if served under /sift/ is full of broken links (the checker can fail)', () => {
    expect(checkLinks({ distDir: built.distDir, base: '/sift/' }).problems.length).toBeGreaterThan(50);
  });

  it('writes no absolute address of its own anywhere: no placeholder host, no sitemap', () => {
    // The site's pages, feeds, robots.txt and report JSON (public/ files are copied as they are).
    const files = readdirSync(built.distDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml|txt|json)$/.test(f) && !f.startsWith('schema/'));
    for (const file of files) {
      const text = read(file);
      expect(text, file).not.toContain('sift.example.org');
      expect(text, file).not.toContain('.invalid');
    }
    expect(existsSync(join(built.distDir, 'sitemap-index.xml'))).toBe(false);
    expect(read('robots.txt')).not.toContain('Sitemap:');
  });

  it('feeds link from the site root, identify entries by URN, and say SIFT_SITE is unset', () => {
    const feed = read('feed.xml');
    expect(feed).toContain('<subtitle>Built without SIFT_SITE');
    for (const [, href] of feed.matchAll(/href="([^"]+)"/g)) expect(href!.startsWith('/'), href).toBe(true);
    for (const [, id] of feed.matchAll(/<id>([^<]+)<\/id>/g)) expect(id).toMatch(/^urn:uuid:/);
  });

  it('report pages carry no canonical URL, og:url or citation_public_url, and JSON-LD without url', () => {
    const id = built.reportIds[0]!;
    const doc = parseHtml(read(`reports/${id}/index.html`));
    expect(byTag(doc, 'link').some((l) => attr(l, 'rel') === 'canonical')).toBe(false);
    const metaKeys = byTag(doc, 'meta').map((m) => attr(m, 'property') ?? attr(m, 'name'));
    expect(metaKeys).not.toContain('og:url');
    expect(metaKeys).not.toContain('citation_public_url');
    expect(metaKeys).toContain('citation_title');
    const ld = JSON.parse(textOf(byTag(doc, 'script')[0]!)) as Record<string, unknown>;
    expect(ld['@type']).toBe('ScholarlyArticle');
    expect(ld).not.toHaveProperty('url');
  });

  it('report JSON `url` stays "/reports/<id>/", as docs/report-json.md writes it', () => {
    const index = JSON.parse(read('api/reports/index.json')) as { reports: Array<{ id: string; url: string }> };
    for (const r of index.reports) expect(r.url).toBe(`/reports/${r.id}/`);
  });

  it('the search page loads Pagefind’s Component UI from /pagefind/', () => {
    const doc = parseHtml(read('search/index.html'));
    const config = elements(doc).find((e) => e.tagName === 'pagefind-config')!;
    expect([attr(config, 'bundle-path'), attr(config, 'base-url')]).toEqual(['/pagefind/', '/']);
  });
});
