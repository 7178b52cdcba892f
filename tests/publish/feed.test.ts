import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { reviewFeed } from '../../src/publish/feed.ts';

// The hostile fixture (tests/fixtures/site) carries markup in its title and question; here it gets a
// three-version history (invented) so the feed has something to list.
const hostile = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-synthesis.json', import.meta.url), 'utf8')));
const base = hostile.history[0]!;
const living: Synthesis = {
  ...hostile,
  history: [
    { ...base, version: 1, date: '2026-09-01', score: 4.1 },
    { ...base, version: 2, date: '2026-10-01', score: 5.2, papersAdded: ['doi:10.1/a'], papersRemoved: [], claimsAdded: ['c1', 'c2'], claimsRemoved: ['c0'] },
    { ...base, version: 3, date: '2026-11-01', score: 5.2, papersAdded: [], papersRemoved: ['doi:10.1/a'], claimsAdded: [], claimsRemoved: ['c1'] },
  ],
};
const other: Synthesis = { ...hostile, id: 'other-review', title: 'Another review', history: [{ ...base, version: 1, date: '2026-10-15', score: 7 }] };
const xml = reviewFeed([living, other], { location: { site: 'https://sift.example.org', base: '/' }, path: '/feed.xml', title: 'Sift updates' });
const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) }).parse(xml);
// Atom text constructs of type "html" hold escaped HTML (RFC 4287 §3.1.1.2): what a reader displays is
// the text after one round of HTML unescaping.
const shown = (construct: { '#text'?: string } | string): string =>
  (typeof construct === 'string' ? construct : (construct['#text'] ?? '')).replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const feed = parsed.feed;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Atom feed of review versions (RFC 4287)', () => {
  it('is well-formed XML in the Atom namespace', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  });

  it('has the feed elements RFC 4287 §4.1.1 requires, with absolute ids and a self link', () => {
    expect(feed.id).toBe('https://sift.example.org/feed.xml');
    expect(feed.title).toBe('Sift updates');
    expect(feed.updated).toBe('2026-11-01T00:00:00.000Z');
    expect(feed.link.some((l: Record<string, string>) => l['@rel'] === 'self' && l['@href'] === 'https://sift.example.org/feed.xml')).toBe(true);
  });

  it('lists one entry per version, newest first, each with id, title, updated and a link', () => {
    expect(feed.entry.map((e: { title: string }) => shown(e.title))).toEqual([
      `${living.title} — version 3`,
      'Another review — version 1',
      `${living.title} — version 2`,
      `${living.title} — version 1`,
    ]);
    const ids = feed.entry.map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of feed.entry) {
      expect(e.id).toMatch(/^https:\/\/sift\.example\.org\/reports\/[a-z0-9-]+\/#v\d+$/);
      expect(e.updated).toMatch(RFC3339);
      expect(e.link[0]['@href']).toMatch(/^https:\/\/sift\.example\.org\/reports\/.+#history$/);
    }
  });

  it('says what changed, from the stored history', () => {
    const v2 = feed.entry.find((e: { title: string }) => shown(e.title).endsWith('version 2'));
    expect(shown(v2.summary)).toContain('Papers added: 1, removed: 0. Claims added: 2, removed: 1.');
    expect(shown(v2.summary)).toContain('Quality score 4.1 → 5.2/10.');
  });

  it('carries untrusted titles as text, never as markup', () => {
    expect(xml).not.toContain('<script>');
    expect(shown(feed.entry[0].title)).toContain('<script>alert(1)</script>');
    expect(shown(feed.entry[0].summary)).toContain('[click me](javascript:alert(1))');
  });

  it('is the same for the same histories (no build time in it)', () => {
    expect(reviewFeed([other, living], { location: { site: 'https://sift.example.org', base: '/' }, path: '/feed.xml', title: 'Sift updates' })).toBe(xml);
  });
});

describe('the feed of a site under a base path, or built without SIFT_SITE', () => {
  const parse = (text: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) }).parse(text).feed;

  it('puts the base path into every link and id when the site is known', () => {
    const sub = parse(reviewFeed([living], { location: { site: 'https://owner.github.io', base: '/sift/' }, path: '/reports/x/feed.xml', title: 'T' }));
    expect(sub.id).toBe('https://owner.github.io/sift/reports/x/feed.xml');
    expect(sub.link.map((l: Record<string, string>) => l['@href'])).toEqual(expect.arrayContaining(['https://owner.github.io/sift/', 'https://owner.github.io/sift/reports/x/feed.xml']));
    for (const e of sub.entry) {
      expect(e.id).toMatch(new RegExp(`^https://owner\\.github\\.io/sift/reports/${living.id}/#v\\d$`));
      expect(e.link[0]['@href']).toBe(`https://owner.github.io/sift/reports/${living.id}/#history`);
    }
  });

  it('without a site: links from the site root under the base, absolute URN ids, and says so', () => {
    const xmlWithout = reviewFeed([living, other], { location: { site: undefined, base: '/sift/' }, path: '/feed.xml', title: 'T' });
    expect(XMLValidator.validate(xmlWithout)).toBe(true);
    expect(xmlWithout).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const unset = parse(xmlWithout);
    expect(unset.subtitle).toContain('Built without SIFT_SITE');
    expect(unset.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe('/sift/feed.xml');
    // RFC 4287 §4.2.6: atom:id is an absolute IRI; a name-based UUID URN (RFC 9562 §5.5) is one.
    const ids = [unset.id, ...unset.entry.map((e: { id: string }) => e.id)];
    for (const value of ids) expect(value).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(unset.entry[0].link[0]['@href']).toMatch(/^\/sift\/reports\/[a-z0-9-]+\/#history$/);
    // The same histories give the same ids on every build.
    expect(reviewFeed([other, living], { location: { site: undefined, base: '/sift/' }, path: '/feed.xml', title: 'T' })).toBe(xmlWithout);
  });
});
