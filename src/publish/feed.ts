import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import { escape } from 'html-escaper';
import type { Synthesis, SynthesisListing } from '../records/index.ts';
import { absoluteUrl, sitePath, type SiteLocation } from './site-paths.ts';
import { withoutUnsafeCharacters } from '../records/text-characters.ts';

export interface FeedOptions {
  /** where the site lives: its origin when known (SIFT_SITE) and its base path */
  location: SiteLocation;
  /** path of this feed from the site's root, e.g. /feed.xml */
  path: string;
  title: string;
}

// A fixed namespace for the name-based ids below (RFC 9562 §5.5), so the same path always gives the same id.
const FEED_ID_NAMESPACE = Buffer.from('6f1c2d7e4b8a4e0f9a3d5c2b1e7f8a90', 'hex');

// RFC 4287 §4.2.6 wants an absolute IRI as atom:id. Without the site's origin there is no URL to use, so
// the id is a name-based UUID URN of the path (RFC 9562 §5.5, SHA-1): stable across builds, never a
// made-up host. Links, which may be relative (RFC 4287 §2, resolved against the feed's own address),
// are then written from the site's root.
function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(FEED_ID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// The feed library takes only absolute link URLs (it parses each with `new URL`). Without the site's
// origin, links are given against an origin that can never resolve (the reserved .invalid TLD, RFC 2606
// §2) and that origin is cut off the written hrefs again, leaving links from the host's root.
const NO_ORIGIN = 'https://sift.invalid';

function link(location: SiteLocation, path: string): string {
  return absoluteUrl(location, path) ?? `${NO_ORIGIN}${sitePath(location.base, path)}`;
}

function id(location: SiteLocation, path: string): string {
  return absoluteUrl(location, path) ?? nameBasedUuid(sitePath(location.base, path));
}

function entryText(s: SynthesisListing, v: Synthesis['history'][number], previousScore: number | null): string {
  const parts = [
    v.version === 1 ? `First version: ${v.papersAdded.length} papers, ${v.claimsAdded.length} claims.` : `Version ${v.version}.`,
    v.version > 1 ? `Papers added: ${v.papersAdded.length}, removed: ${v.papersRemoved.length}. Claims added: ${v.claimsAdded.length}, removed: ${v.claimsRemoved.length}.` : '',
    previousScore === null || previousScore === v.score ? `Quality score ${v.score}/10.` : `Quality score ${previousScore} → ${v.score}/10.`,
    `Question: ${s.question}`,
  ];
  return parts.filter(Boolean).join(' ');
}

// The XML output rule. Every string the feed carries loses the characters XML 1.0 forbids (its Char
// production, §2.2: one NUL or U+FFFE makes the whole document ill-formed) with the rest of those no output
// may hold (src/records/text-characters.ts). The feed library (feed 6, over xml-js) then escapes text
// content itself, so plain text elements (the feed's <title>) are handed over as text; entry titles and
// summaries it writes as type="html" in CDATA sections, so those are HTML-escaped here (with the escaper
// Astro itself uses) or a feed reader would render them as markup. Escaping turns every ">" into "&gt;",
// so no text can close a CDATA section early with "]]>".
function xmlText(text: string): string {
  return withoutUnsafeCharacters(text);
}

function xmlHtml(text: string): string {
  return escape(withoutUnsafeCharacters(text));
}

// An Atom 1.0 feed (RFC 4287) of review versions, newest first: one entry per version of each review,
// from the histories the pipeline stored. Its time is the newest version's, never the build's, so an
// unchanged site builds an identical feed.
export function reviewFeed(syntheses: readonly SynthesisListing[], options: FeedOptions): string {
  const entries = syntheses
    .flatMap((s) => s.history.map((v, i) => ({ s, v, previousScore: i > 0 ? (s.history[i - 1]?.score ?? null) : null })))
    .sort((a, b) => b.v.date.localeCompare(a.v.date) || a.s.id.localeCompare(b.s.id) || b.v.version - a.v.version);
  const newest = entries[0]?.v.date ?? '1970-01-01';
  const { location } = options;
  const feed = new Feed({
    title: xmlText(options.title),
    id: id(location, options.path),
    link: link(location, '/'),
    // Said plainly in the feed itself, so a reader of a locally built feed knows why its links are relative.
    ...(location.site === undefined ? { description: 'Built without SIFT_SITE: links are relative to this site, and ids are not web addresses.' } : {}),
    updated: new Date(`${newest}T00:00:00Z`),
    generator: 'Sift',
    copyright: 'Review texts quote their papers’ abstracts; see each review for its sources.',
    feedLinks: { atom: link(location, options.path) },
  });
  for (const { s, v, previousScore } of entries) {
    feed.addItem({
      title: xmlHtml(`${s.title} — version ${v.version}`),
      id: id(location, `/reports/${s.id}/#v${v.version}`),
      link: link(location, `/reports/${s.id}/#history`),
      date: new Date(`${v.date}T00:00:00Z`),
      description: xmlHtml(entryText(s, v, previousScore)),
    });
  }
  return feed.atom1().replaceAll(`href="${NO_ORIGIN}/`, 'href="/');
}
