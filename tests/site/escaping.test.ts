import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { attr, byTag, elements, hasClass, parseHtml, textOf } from './built-html.ts';

// Builds the whole site with one hand-written hostile synthesis as its only content (invented data:
// no real corpus record carries markup, so this edge case has to be made) and checks that every
// hostile string reaches the page as text.

const root = new URL('../../', import.meta.url).pathname;
const fixture = join(root, 'tests/fixtures/site/hostile-synthesis.json');
const hostile = Synthesis.parse(JSON.parse(readFileSync(fixture, 'utf8')));
const SCRIPT = '<script>alert(1)</script>';

let work: string;
let outDir: string;
let report: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sift-site-'));
  outDir = join(work, 'dist');
  mkdirSync(join(work, 'content/syntheses'), { recursive: true });
  mkdirSync(join(work, 'content/papers'), { recursive: true });
  cpSync(fixture, join(work, 'content/syntheses', `${hostile.id}.json`));
  await promisify(execFile)(process.execPath, [join(root, 'tests/site/build-site.ts'), outDir, join(work, 'cache')], {
    cwd: root,
    env: { ...process.env, SIFT_CONTENT_DIR: join(work, 'content'), ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  report = readFileSync(join(outDir, 'reports', hostile.id, 'index.html'), 'utf8');
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
    expect(body).toContain(hostile.claims[0]!.verification.evidence[0]!.quote);
    expect(body).toContain(hostile.references[0]!.text);
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
    expect(ld.citation.map((c) => c.name)).toEqual(hostile.papers.map((p) => p.title));
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

  it('every inline citation resolves to a reference anchor on the page', () => {
    const doc = parseHtml(report);
    const anchors = new Set(elements(doc).map((e) => attr(e, 'id')).filter(Boolean));
    const citations = elements(doc).filter((e) => e.tagName === 'a' && (attr(e, 'href') ?? '').startsWith('#ref-'));
    expect(citations.length).toBeGreaterThan(0);
    for (const a of citations) expect(anchors.has(attr(a, 'href')!.slice(1))).toBe(true);
  });

  it('marks the report for search but keeps excluded records out of the index', () => {
    const doc = parseHtml(report);
    const bodies = elements(doc).filter((e) => attr(e, 'data-pagefind-body') !== undefined);
    expect(bodies.map((e) => e.tagName)).toEqual(['article']);
    const ignored = elements(doc).filter((e) => attr(e, 'data-pagefind-ignore') === 'all');
    const excludedTitle = hostile.excluded[0]!.title;
    expect(ignored.some((e) => textOf(e).includes(excludedTitle))).toBe(true);
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
    expect(index.reports.map((r: { id: string }) => r.id)).toEqual([hostile.id]);
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.bib'), 'utf8')).toMatch(/@\w+\{/);
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.ris'), 'utf8')).toMatch(/^TY {2}- /m);
    expect(JSON.parse(readFileSync(join(outDir, 'reports', hostile.id, 'references.json'), 'utf8'))).toHaveLength(hostile.papers.length);
  });
});
