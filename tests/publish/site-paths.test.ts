import { describe, expect, it } from 'vitest';
import { absoluteUrl, normaliseBase, normaliseSite, siteLocationFromEnv, sitePath } from '../../src/publish/site-paths.ts';

// SIFT_SITE / SIFT_BASE as deploy.yml passes them from actions/configure-pages (origin, base_path), and as
// people type them by hand.
describe('where the site lives', () => {
  it('reads configure-pages’ outputs for a project site, a user site and a custom domain', () => {
    expect(siteLocationFromEnv({ SIFT_SITE: 'https://owner.github.io', SIFT_BASE: '/sift' })).toEqual({ site: 'https://owner.github.io', base: '/sift/' });
    expect(siteLocationFromEnv({ SIFT_SITE: 'https://owner.github.io', SIFT_BASE: '' })).toEqual({ site: 'https://owner.github.io', base: '/' });
    expect(siteLocationFromEnv({ SIFT_SITE: 'https://reviews.example.net/', SIFT_BASE: undefined })).toEqual({ site: 'https://reviews.example.net', base: '/' });
  });

  it('builds without an origin when SIFT_SITE is unset or empty', () => {
    expect(siteLocationFromEnv({})).toEqual({ site: undefined, base: '/' });
    expect(siteLocationFromEnv({ SIFT_SITE: ' ', SIFT_BASE: '/x/' })).toEqual({ site: undefined, base: '/x/' });
  });

  it('writes every base with leading and trailing slash', () => {
    for (const [given, base] of [['', '/'], ['/', '/'], ['sift', '/sift/'], ['/sift', '/sift/'], ['/sift/', '/sift/'], ['//a//b/', '/a/b/']] as const) {
      expect(normaliseBase(given), given).toBe(base);
    }
  });

  it('refuses what is not an origin or a path, saying what to write instead', () => {
    expect(() => normaliseSite('owner.github.io')).toThrow(/not an absolute URL: write it like https:\/\/owner\.github\.io/);
    expect(() => normaliseSite('ftp://owner.github.io')).toThrow(/not an http\(s\) URL/);
    expect(() => normaliseSite('https://owner.github.io/sift/')).toThrow(/origin in SIFT_SITE \(https:\/\/owner\.github\.io\) and the path in SIFT_BASE \(\/sift\/\)/);
    expect(() => normaliseBase('/a/../b')).toThrow(/not a URL path/);
    expect(() => normaliseBase('/a?x=1')).toThrow(/not a URL path/);
  });

  it('puts paths from the site root under the base, and makes them absolute only with an origin', () => {
    expect(sitePath('/', '/reports/x/')).toBe('/reports/x/');
    expect(sitePath('/sift/', '/reports/x/')).toBe('/sift/reports/x/');
    expect(sitePath('/sift/', '/')).toBe('/sift/');
    expect(() => sitePath('/', 'reports/x/')).toThrow(/must start with "\/"/);
    expect(absoluteUrl({ site: 'https://owner.github.io', base: '/sift/' }, '/feed.xml')).toBe('https://owner.github.io/sift/feed.xml');
    expect(absoluteUrl({ site: undefined, base: '/sift/' }, '/feed.xml')).toBeUndefined();
  });
});
