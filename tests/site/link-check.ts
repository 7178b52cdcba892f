// A link checker over a built site (dist/): every internal address on every page, feed, sitemap and report
// JSON must name a file the build wrote, under the base path the site was built for, and a fragment must
// name an id on the page it points to. Pages are read with parse5, the WHATWG HTML parser, so what is
// checked is what a browser would follow. External addresses (another origin) are not fetched.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { attr, elements, parseHtml } from './built-html.ts';

export interface LinkCheckOptions {
  distDir: string;
  /** the base path the site was built for: "/" or "/repo/" */
  base: string;
  /** the site's origin when the build was given one (SIFT_SITE): absolute URLs there are internal too */
  site?: string;
}

export interface LinkCheckResult {
  /** internal addresses checked, over all files */
  checked: number;
  problems: string[];
}

// Where addresses hide in HTML: the usual attributes, plus the addresses Pagefind's Component UI is
// configured with and the absolute page address in Open Graph / Highwire tags. A bundle path names a
// folder, checked by the entry file Pagefind writes into it.
const URL_ATTRIBUTES: ReadonlyArray<readonly [tag: string, attribute: string, file?: string]> = [
  ['a', 'href'],
  ['link', 'href'],
  ['script', 'src'],
  ['img', 'src'],
  ['source', 'src'],
  ['iframe', 'src'],
  ['form', 'action'],
  ['use', 'href'],
  ['use', 'xlink:href'],
  ['pagefind-config', 'bundle-path', 'pagefind-entry.json'],
  ['pagefind-config', 'base-url'],
];
const URL_META = new Set(['og:url', 'citation_public_url', 'citation_pdf_url']);

// Not a local origin: only ever a URL base for resolving, never contacted.
const LOCAL = 'http://link-check.invalid';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** The URL path a file in dist/ is served at: dist/reports/x/index.html → <base>reports/x/ */
function servedPath(distDir: string, file: string, base: string): string {
  const path = relative(distDir, file).split(sep).join('/');
  return `${base}${path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : path}`;
}

export function checkLinks(options: LinkCheckOptions): LinkCheckResult {
  const { distDir, base } = options;
  const site = options.site ? new URL(options.site).origin : undefined;
  const files = filesUnder(distDir);
  const idsOf = new Map<string, Set<string>>();
  const problems: string[] = [];
  let checked = 0;

  const ids = (file: string): Set<string> => {
    let found = idsOf.get(file);
    if (!found) {
      found = new Set(elements(parseHtml(readFileSync(file, 'utf8'))).flatMap((e) => [attr(e, 'id'), attr(e, 'name')]).filter((v): v is string => !!v));
      idsOf.set(file, found);
    }
    return found;
  };

  // One address found in `from` (a file in dist/): internal ones must resolve to a file, and their fragment to an id.
  const check = (from: string, address: string): void => {
    const trimmed = address.trim();
    if (trimmed === '' || /^(mailto|tel|data|javascript):/i.test(trimmed)) return;
    const url = new URL(trimmed, `${LOCAL}${servedPath(distDir, from, base)}`);
    const internal = url.origin === LOCAL || (site !== undefined && url.origin === site);
    if (!internal) return;
    checked += 1;
    const where = `${relative(distDir, from)}: ${address}`;
    if (!url.pathname.startsWith(base)) {
      problems.push(`${where} is outside the base path ${base}`);
      return;
    }
    const rest = decodeURIComponent(url.pathname.slice(base.length));
    const target = join(distDir, rest.endsWith('/') || rest === '' ? join(rest, 'index.html') : rest);
    if (!target.startsWith(distDir) || !existsSync(target) || !statSync(target).isFile()) {
      const hint = existsSync(join(distDir, rest, 'index.html')) ? ' (a directory: the address needs a trailing slash)' : '';
      problems.push(`${where} names no file in the build${hint}`);
      return;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment !== '' && target.endsWith('.html') && !ids(target).has(fragment)) problems.push(`${where}: no element with id "${fragment}" on that page`);
  };

  for (const file of files) {
    if (file.endsWith('.html')) {
      for (const element of elements(parseHtml(readFileSync(file, 'utf8')))) {
        for (const [tag, attribute, inFolder] of URL_ATTRIBUTES) {
          const value = element.tagName === tag ? attr(element, attribute) : undefined;
          if (value !== undefined) check(file, inFolder ? `${value}${inFolder}` : value);
        }
        if (element.tagName === 'meta') {
          const key = attr(element, 'property') ?? attr(element, 'name') ?? '';
          const content = attr(element, 'content');
          if (URL_META.has(key) && content !== undefined) check(file, content);
        }
      }
    } else if (file.endsWith('.xml')) {
      // Atom feeds (link href) and sitemaps (loc): generated XML, so a pattern finds every address.
      const text = readFileSync(file, 'utf8');
      const unescape = (value: string) => value.replaceAll('&amp;', '&');
      for (const [, href] of text.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)) check(file, unescape(href!));
      for (const [, loc] of text.matchAll(/<loc>([^<]*)<\/loc>/g)) check(file, unescape(loc!));
    } else if (file.endsWith('.json') && relative(distDir, file).startsWith(`api${sep}reports`)) {
      // The report JSON's `url` fields are page addresses (docs/report-json.md).
      const json = JSON.parse(readFileSync(file, 'utf8')) as { url?: string; reports?: Array<{ url: string }> };
      for (const url of [json.url, ...(json.reports ?? []).map((r) => r.url)]) if (url !== undefined) check(file, url);
    }
  }
  return { checked, problems };
}
