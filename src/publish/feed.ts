import { Feed } from 'feed';
import { escape } from 'html-escaper';
import type { Synthesis } from '../records/index.ts';
import { withoutUnsafeCharacters } from '../records/text-characters.ts';

export interface FeedOptions {
  /** absolute site origin, e.g. https://sift.example.org */
  site: string;
  /** path of this feed on the site */
  path: string;
  title: string;
}

function absolute(site: string, path: string): string {
  return new URL(path, site).toString();
}

function entryText(s: Synthesis, v: Synthesis['history'][number], previousScore: number | null): string {
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
export function reviewFeed(syntheses: readonly Synthesis[], options: FeedOptions): string {
  const entries = syntheses
    .flatMap((s) => s.history.map((v, i) => ({ s, v, previousScore: i > 0 ? (s.history[i - 1]?.score ?? null) : null })))
    .sort((a, b) => b.v.date.localeCompare(a.v.date) || a.s.id.localeCompare(b.s.id) || b.v.version - a.v.version);
  const newest = entries[0]?.v.date ?? '1970-01-01';
  const feed = new Feed({
    title: xmlText(options.title),
    id: absolute(options.site, options.path),
    link: absolute(options.site, '/'),
    updated: new Date(`${newest}T00:00:00Z`),
    generator: 'Sift',
    copyright: 'Review texts quote their papers’ abstracts; see each review for its sources.',
    feedLinks: { atom: absolute(options.site, options.path) },
  });
  for (const { s, v, previousScore } of entries) {
    const url = absolute(options.site, `/reports/${s.id}/#history`);
    feed.addItem({
      title: xmlHtml(`${s.title} — version ${v.version}`),
      id: `${absolute(options.site, `/reports/${s.id}/`)}#v${v.version}`,
      link: url,
      date: new Date(`${v.date}T00:00:00Z`),
      description: xmlHtml(entryText(s, v, previousScore)),
    });
  }
  return feed.atom1();
}
