import { base, site } from 'astro:config/client';
import { siteLocationOf, sitePath, type SiteLocation } from '../publish/site-paths.ts';

// Internal links on the site's pages, and where the site lives, from Astro's own configuration
// (astro.config.mjs sets `base` from SIFT_BASE and `site` from SIFT_SITE). Read through astro:config
// rather than import.meta.env.BASE_URL: Astro fills import.meta.env keys from process.env when they are
// set there, so a stray BASE_URL in the environment (Vitest sets one) would silently move every link.

/** A path from the site's root ("/search/") as served under the base ("/repo/search/"). */
export function siteHref(path: string): string {
  return sitePath(base, path);
}

/** The site's origin (undefined when SIFT_SITE was not set) and its base path. */
export function siteLocation(): SiteLocation {
  return siteLocationOf(site, base);
}
