import type { APIRoute } from 'astro';
import { absoluteUrl } from '../publish/site-paths.ts';
import { siteLocation } from '../components/site-href.ts';

// Crawlers read robots.txt only at a host's root, so this helps a site served from its own domain or a
// user/organisation Pages site; the Sitemap line (RFC 9309 leaves it to sitemaps.org's protocol) is
// written only when the site's origin is known, as the sitemap itself is.
export const GET: APIRoute = () => {
  const sitemap = absoluteUrl(siteLocation(), '/sitemap-index.xml');
  const lines = ['User-agent: *', 'Allow: /', ...(sitemap ? [`Sitemap: ${sitemap}`] : [])];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
