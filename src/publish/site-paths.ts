// Where the published site lives, and the addresses inside it. A site may be served from a sub-path
// (a GitHub Pages project site is https://<owner>.github.io/<repo>/), so every internal address is
// written as the base path plus a path from the site's root; and it may be built without knowing its
// origin (a local build), when addresses that must be absolute cannot be written at all.

export interface SiteLocation {
  /** the site's origin, e.g. https://owner.github.io, or undefined when the build was not told it */
  site: string | undefined;
  /** the path the site is served under: "/" or "/repo/" (always with leading and trailing slash) */
  base: string;
}

export class SiteLocationError extends Error {
  override name = 'SiteLocationError';
}

// A base path in the one shape the rest of the code relies on: leading and trailing slash, no empty
// segments ("" and "/" are the root). Astro itself adds the trailing slash under trailingSlash
// 'always' (the `base` entry of Astro's configuration reference); doing it here keeps the two equal.
export function normaliseBase(base: string | undefined): string {
  const segments = (base ?? '').split('/').filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || /[?#\\]/.test(segment)) throw new SiteLocationError(`SIFT_BASE "${base}" is not a URL path: write it like /my-repo/`);
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

// The site's origin: an absolute http(s) URL without a path (the path belongs in SIFT_BASE, as GitHub
// Pages' configure-pages action gives `origin` and `base_path` apart).
export function normaliseSite(site: string | undefined): string | undefined {
  if (site === undefined || site.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(site.trim());
  } catch {
    throw new SiteLocationError(`SIFT_SITE "${site}" is not an absolute URL: write it like https://owner.github.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SiteLocationError(`SIFT_SITE "${site}" is not an http(s) URL`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new SiteLocationError(`SIFT_SITE "${site}" has a path: give the origin in SIFT_SITE (${url.origin}) and the path in SIFT_BASE (${url.pathname})`);
  }
  return url.origin;
}

/** SIFT_SITE and SIFT_BASE from an environment, checked. */
export function siteLocationFromEnv(env: Record<string, string | undefined>): SiteLocation {
  return { site: normaliseSite(env['SIFT_SITE']), base: normaliseBase(env['SIFT_BASE']) };
}

/**
 * Where a built site lives, from Astro's `site` and `base` as its configuration holds them: the site's origin and the
 * base path in the shape above. The pages read it from astro:config (components/site-href.ts); code that runs outside
 * Astro's renderer (the downloads written beside it, src/site-downloads.ts) from the resolved configuration.
 */
export function siteLocationOf(site: string | undefined, base: string): SiteLocation {
  return { site: site === undefined ? undefined : new URL(site).origin, base: sitePath(base, '/') };
}

/** A path from the site's root ("/reports/x/") as served under the base ("/repo/reports/x/"). */
export function sitePath(base: string, path: string): string {
  if (!path.startsWith('/')) throw new Error(`site path "${path}" must start with "/"`);
  return `${normaliseBase(base).slice(0, -1)}${path}`;
}

/** The absolute URL of a path when the site's origin is known; otherwise undefined. */
export function absoluteUrl(location: SiteLocation, path: string): string | undefined {
  return location.site === undefined ? undefined : new URL(sitePath(location.base, path), location.site).href;
}
