import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { withoutUnsafeCharacters } from '../../src/records/text-characters.ts';
import { readBibtex, readRis } from '../cite/read-exports.ts';
import { xmlErrors } from '../publish/xml-well-formed.ts';
import { attr, byTag, elements, hasClass, parseHtml, textOf } from './built-html.ts';

// Builds the whole site with two hand-written hostile syntheses as its only content (invented data:
// no real corpus record carries markup or control characters, so these edge cases have to be made) and
// checks that every hostile string reaches the page as text, and that every output leaving Sift — pages,
// feeds, BibTeX, RIS, CSL-JSON, report JSON — is well-formed for a real parser and links nowhere unsafe.

const root = new URL('../../', import.meta.url).pathname;
const fixture = join(root, 'tests/fixtures/site/hostile-synthesis.json');
const charactersFixture = join(root, 'tests/fixtures/site/hostile-characters.json');
const hostile = Synthesis.parse(JSON.parse(readFileSync(fixture, 'utf8')));
const characters = Synthesis.parse(JSON.parse(readFileSync(charactersFixture, 'utf8')));
const SCRIPT = '<script>alert(1)</script>';

let work: string;
let outDir: string;
let report: string;
// the pages beside the report (src/publish/report-pages.ts): where its references, evidence and excluded records are
let references: string;
let evidence: string;
let excluded: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sift-site-'));
  outDir = join(work, 'dist');
  mkdirSync(join(work, 'content/syntheses'), { recursive: true });
  mkdirSync(join(work, 'content/papers'), { recursive: true });
  cpSync(fixture, join(work, 'content/syntheses', `${hostile.id}.json`));
  cpSync(charactersFixture, join(work, 'content/syntheses', `${characters.id}.json`));
  await promisify(execFile)(process.execPath, [join(root, 'tests/site/build-site.ts'), outDir, join(work, 'cache')], {
    cwd: root,
    env: { ...process.env, SIFT_CONTENT_DIR: join(work, 'content'), SIFT_SITE: 'https://sift.example.org', ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  report = readFileSync(join(outDir, 'reports', hostile.id, 'index.html'), 'utf8');
  references = readFileSync(join(outDir, 'reports', hostile.id, 'references', 'index.html'), 'utf8');
  evidence = readFileSync(join(outDir, 'reports', hostile.id, 'evidence', 'index.html'), 'utf8');
  excluded = readFileSync(join(outDir, 'reports', hostile.id, 'excluded', 'index.html'), 'utf8');
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a hostile synthesis on the built report page', () => {
  it('fixture really is hostile in every field the brief names', () => {
    const claim = hostile.claims[0]!;
    for (const text of [hostile.title, hostile.question, hostile.papers[0]!.title, hostile.papers[0]!.abstract!, claim.text, hostile.claims[0]!.verification.evidence[0]!.quote]) {
      expect(text).toContain(SCRIPT);
      expect(text).toContain('</table>');
      expect(text).toMatch(/\{[^}]*\}/);
    }
    expect(hostile.papers[0]!.url).toBe('javascript:alert(1)');
  });

  it('shows the title, question, claim and evidence quote as text', () => {
    const doc = parseHtml(report);
    expect(textOf(byTag(doc, 'h1')[0]!)).toBe(hostile.title);
    const body = textOf(doc);
    expect(body).toContain(hostile.question);
    expect(body).toContain(hostile.claims[0]!.text);
    expect(textOf(parseHtml(evidence))).toContain(hostile.claims[0]!.verification.evidence[0]!.quote);
    expect(textOf(parseHtml(references))).toContain(hostile.references[0]!.text);
    expect(report).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(report).toContain('{props.x}');
  });

  it('has no script but its JSON-LD, no event handler attribute and no javascript: URL', () => {
    const doc = parseHtml(report);
    expect(byTag(doc, 'script').map((e) => attr(e, 'type'))).toEqual(['application/ld+json']);
    for (const element of elements(doc)) {
      for (const { name, value } of element.attrs) {
        expect(name.startsWith('on'), `${element.tagName}[${name}]`).toBe(false);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
          expect(value.trim().toLowerCase().startsWith('javascript:'), `${element.tagName}[${name}=${value}]`).toBe(false);
        }
      }
    }
    // The hostile question also sits in the meta description. Inside a quoted attribute "<" is plain
    // text (HTML Living Standard, attribute value (double-quoted) state ends only at '"'), which is
    // why this test parses the page instead of searching it: the parse shows no element was injected.
    const description = elements(doc).find((e) => e.tagName === 'meta' && attr(e, 'name') === 'description');
    expect(attr(description!, 'content')).toBe(hostile.question);
  });

  it('keeps the hostile title inside the JSON-LD and the citation tags, as data', () => {
    const doc = parseHtml(report);
    const script = byTag(doc, 'script')[0]!;
    // "</script>" in the title would end the element early; escaped as \u003c it cannot.
    expect(textOf(script)).not.toContain('<');
    const ld = JSON.parse(textOf(script)) as { headline: string; citation: Array<{ name: string }> };
    expect(ld.headline).toBe(hostile.title);
    // The cited works are listed on the references page's JSON-LD, escaped the same way.
    const cited = byTag(parseHtml(references), 'script')[0]!;
    expect(textOf(cited)).not.toContain('<');
    expect((JSON.parse(textOf(cited)) as typeof ld).citation.map((c) => c.name)).toEqual(hostile.papers.map((p) => p.title));
    const citationTitle = elements(doc).find((e) => e.tagName === 'meta' && attr(e, 'name') === 'citation_title');
    expect(attr(citationTitle!, 'content')).toBe(hostile.title);
  });

  it('keeps the claims table intact: one row of five cells per claim', () => {
    const doc = parseHtml(report);
    const table = byTag(doc, 'table').find((t) => hasClass(t, 'claims-table'));
    expect(table).toBeDefined();
    const rows = byTag(byTag(table!, 'tbody')[0]!, 'tr').filter((row) => (attr(row, 'id') ?? '').startsWith('claim-'));
    expect(rows).toHaveLength(hostile.claims.length);
    for (const row of rows) {
      expect(row.childNodes.filter((n) => n.nodeName === 'td')).toHaveLength(5);
    }
    // The quote cell of the hostile claim holds the literal "</table>" as text.
    expect(textOf(rows[0]!)).toContain('</table>');
    // Sections after the table are still sections of the article, not swallowed or closed early.
    const article = byTag(doc, 'article')[0]!;
    expect(byTag(article, 'h2').map((h) => attr(h, 'id'))).toContain('downloads');
  });

  it('every inline citation resolves to a reference anchor on the references page', () => {
    const anchors = new Set(elements(parseHtml(references)).map((e) => attr(e, 'id')).filter(Boolean));
    const page = `/reports/${hostile.id}/references/#`;
    for (const html of [report, evidence]) {
      const citations = elements(parseHtml(html)).filter((e) => e.tagName === 'a' && (attr(e, 'href') ?? '').includes('#ref-'));
      expect(citations.length).toBeGreaterThan(0);
      for (const a of citations) {
        expect(attr(a, 'href')!.startsWith(page)).toBe(true);
        expect(anchors.has(attr(a, 'href')!.slice(page.length))).toBe(true);
      }
    }
  });

  it('marks the report for search but keeps excluded records out of the index', () => {
    const doc = parseHtml(report);
    const bodies = elements(doc).filter((e) => attr(e, 'data-pagefind-body') !== undefined);
    expect(bodies.map((e) => e.tagName)).toEqual(['article']);
    // The excluded records are on a page of their own that is not indexed, and is ignored throughout.
    const excludedDoc = parseHtml(excluded);
    expect(elements(excludedDoc).filter((e) => attr(e, 'data-pagefind-body') !== undefined)).toEqual([]);
    const ignored = elements(excludedDoc).filter((e) => attr(e, 'data-pagefind-ignore') === 'all');
    const excludedTitle = hostile.excluded[0]!.title;
    expect(ignored.some((e) => textOf(e).includes(excludedTitle))).toBe(true);
    expect(textOf(doc)).not.toContain(excludedTitle);
  });

  it('lists the review on the home page, escaped, without scripts', () => {
    const home = readFileSync(join(outDir, 'index.html'), 'utf8');
    const doc = parseHtml(home);
    expect(byTag(doc, 'script')).toHaveLength(0);
    expect(textOf(doc)).toContain(hostile.question);
    expect(home).toContain(`href="/reports/${hostile.id}/"`);
  });

  it('publishes the report JSON and the downloads beside the page', () => {
    const json = JSON.parse(readFileSync(join(outDir, 'api/reports', `${hostile.id}.json`), 'utf8'));
    expect(json.title).toBe(hostile.title);
    const index = JSON.parse(readFileSync(join(outDir, 'api/reports/index.json'), 'utf8'));
    expect(index.reports.map((r: { id: string }) => r.id)).toEqual([characters.id, hostile.id]);
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.bib'), 'utf8')).toMatch(/@\w+\{/);
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.ris'), 'utf8')).toMatch(/^TY {2}- /m);
    expect(JSON.parse(readFileSync(join(outDir, 'reports', hostile.id, 'references.json'), 'utf8'))).toHaveLength(hostile.papers.length);
  });
});

// Every file of the built site, by extension.
function built(extension: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension) && !file.startsWith('pagefind/') && !file.startsWith('_astro/'))
    .map((file) => join(outDir, file));
}

// Astro's content layer stores what it loads as UTF-8, so half a surrogate pair reaches every output of
// the build as U+FFFD (as toWellFormed makes it); the characters no output holds are then removed.
const shown = (text: string) => withoutUnsafeCharacters(text.toWellFormed());

// The one URL rule (src/identity/links.ts), restated for links found in built files: a link leaving the
// site is http(s); a link within it is a path or a fragment.
function unsafeLink(value: string): boolean {
  const link = value.trim();
  if (link.startsWith('//')) return true;
  // A link without a scheme (/x, ../x, #x) stays on the site; one with a scheme must be http(s).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link);
  return scheme !== null && !/^https?$/i.test(scheme[1]!);
}

describe('every output of a site built from hostile text and characters', () => {
  it('renders the review whose chart labels only read like script (finding 2)', () => {
    const page = readFileSync(join(outDir, 'reports', characters.id, 'index.html'), 'utf8');
    expect(page).toContain('>one = baseline<');
    expect(page).toContain('code written in javascript: an');
  });

  it('HTML: every page parses with parse5 without a single parse error, controls and noncharacters included', () => {
    const pages = built('.html');
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const errors: string[] = [];
    for (const file of pages) {
      parse(readFileSync(file, 'utf8'), { onParseError: (error) => errors.push(`${file.slice(outDir.length)}:${error.startLine}:${error.startCol} ${error.code}`) });
    }
    expect(errors).toEqual([]);
    const doc = parseHtml(readFileSync(join(outDir, 'reports', characters.id, 'index.html'), 'utf8'));
    expect(textOf(byTag(doc, 'h1')[0]!)).toBe(shown(characters.title));
  });

  it('HTML: no page has an event handler or a link outside http(s)', () => {
    for (const file of built('.html')) {
      const doc = parseHtml(readFileSync(file, 'utf8'));
      for (const element of elements(doc)) {
        for (const { name, value } of element.attrs) {
          expect(name.startsWith('on'), `${file}: ${element.tagName}[${name}]`).toBe(false);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) expect(unsafeLink(value), `${file}: ${element.tagName}[${name}=${value}]`).toBe(false);
        }
      }
    }
  });

  it('feeds: every feed is well-formed XML 1.0 and links only to the site', () => {
    const feeds = built('.xml').filter((file) => file.endsWith('feed.xml'));
    expect(feeds.length).toBe(3);
    for (const file of feeds) {
      const xml = readFileSync(file, 'utf8');
      expect(xmlErrors(xml), file).toEqual([]);
      for (const [, href] of xml.matchAll(/href="([^"]*)"/g)) expect(href, file).toMatch(/^https:\/\/sift\.example\.org\//);
    }
  });

  it('BibTeX: each file parses with citation-js, one entry per paper, titles as written, no unsafe url', () => {
    for (const s of [hostile, characters]) {
      const items = readBibtex(readFileSync(join(outDir, 'reports', s.id, 'references.bib'), 'utf8'));
      expect(items).toHaveLength(s.papers.length);
      // citation-js writes ASCII BibTeX: what it cannot spell in ASCII (U+FFFD here) it leaves out.
      const ascii = (text: string) => shown(text).replace(/\ufffd/g, '').replace(/\s+/g, ' ');
      expect(items.map((i) => i.title).sort()).toEqual(s.papers.map((p) => ascii(p.title)).sort());
      for (const item of items) if (item.URL !== undefined) expect(unsafeLink(item.URL), item.URL).toBe(false);
    }
  });

  it('RIS: each file reads back with citation-js, one record per paper, no unsafe url', () => {
    for (const s of [hostile, characters]) {
      const ris = readFileSync(join(outDir, 'reports', s.id, 'references.ris'), 'utf8');
      expect(ris.split('\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(true);
      const items = readRis(ris);
      expect(items).toHaveLength(s.papers.length);
      for (const [, url] of ris.matchAll(/^UR {2}- (.*)$/gm)) expect(unsafeLink(url!), url).toBe(false);
    }
  });

  it('JSON: CSL-JSON and report JSON parse, and carry no unsafe url', () => {
    for (const s of [hostile, characters]) {
      const csl = JSON.parse(readFileSync(join(outDir, 'reports', s.id, 'references.json'), 'utf8')) as { URL?: string }[];
      expect(csl).toHaveLength(s.papers.length);
      for (const item of csl) if (item.URL !== undefined) expect(unsafeLink(item.URL), item.URL).toBe(false);
      const report = JSON.parse(readFileSync(join(outDir, 'api/reports', `${s.id}.json`), 'utf8'));
      expect(report.title).toBe(s.title.toWellFormed());
      for (const paper of report.papers as { url: string | null }[]) if (paper.url !== null) expect(unsafeLink(paper.url), paper.url).toBe(false);
    }
  });
});
