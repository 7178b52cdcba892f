import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse } from 'parse5';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import type { Problem } from '../../src/records/problem.ts';
import { withoutUnsafeCharacters } from '../../src/records/text-characters.ts';
import { parseQuestion } from '../../src/questions/parse-question.ts';
import { synthesize, type SynthesizeResult } from '../../src/synthesize.ts';
import { readBibtex, readRis } from '../cite/read-exports.ts';
import { xmlErrors } from '../publish/xml-well-formed.ts';
import { PAYLOADS } from '../fixtures/hostile/payloads.ts';
import { marker, PAPER_FIELDS, placed, QUESTION_FIELDS, questionWith, writeHostileCheckout, type Checkout, type PaperField, type QuestionField } from '../fixtures/hostile/hostile-checkout.ts';
import { attr, byTag, elements, hasClass, parseHtml, textOf } from './built-html.ts';

// Builds the whole site once, from two kinds of hostile content, and checks that every hostile string
// reaches the page as text, and that every output leaving Sift — pages, feeds, sitemaps, BibTeX, RIS,
// CSL-JSON, report JSON — is well-formed for a real parser and links nowhere unsafe:
//   - two hand-written hostile syntheses (tests/fixtures/site: markup and characters in every part of a
//     stored review, including parts only a synthesis makes, such as claims and evidence quotes);
//   - the hostile-payload checkout (tests/fixtures/hostile: each of 142 payloads placed in every field of a
//     question, a CSL-JSON record and a BibTeX entry that reaches a page or a download), synthesized offline
//     here, as `npm run build` would, so the payloads pass through every input reader and every stage.
// Invented data: no real corpus record carries markup or control characters, so these cases have to be made.

const root = new URL('../../', import.meta.url).pathname;
const fixture = join(root, 'tests/fixtures/site/hostile-synthesis.json');
const charactersFixture = join(root, 'tests/fixtures/site/hostile-characters.json');
const hostile = Synthesis.parse(JSON.parse(readFileSync(fixture, 'utf8')));
const characters = Synthesis.parse(JSON.parse(readFileSync(charactersFixture, 'utf8')));
const SCRIPT = '<script>alert(1)</script>';

let work: string;
let outDir: string;
let report: string;
// Per question field, what the schema did with each payload placed alone.
const accepted = {} as Record<QuestionField, number[]>;
const refused = {} as Record<QuestionField, Map<number, Problem[]>>;
let checkout: Checkout;
let synthesized: SynthesizeResult;
// the pages beside the report (src/publish/report-pages.ts): where its references, evidence and excluded records are
let references: string;
let evidence: string;
let excluded: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sift-site-'));
  outDir = join(work, 'dist');
  for (const field of Object.keys(QUESTION_FIELDS) as QuestionField[]) {
    accepted[field] = [];
    refused[field] = new Map();
    for (const i of PAYLOADS.keys()) {
      const parsed = parseQuestion(questionWith(field, placed(field, i)), `questions/${marker(field, i)}.yaml`, { checkCorpus: () => null });
      if (parsed.ok) accepted[field].push(i);
      else refused[field].set(i, parsed.problems);
    }
  }
  checkout = writeHostileCheckout(work, accepted);
  synthesized = synthesize({ root: work, now: () => new Date('2026-11-26T03:00:00.000Z'), secrets: { keys: { openalex: null, semanticscholar: null } } });
  cpSync(fixture, join(work, 'src/content/syntheses', `${hostile.id}.json`));
  cpSync(charactersFixture, join(work, 'src/content/syntheses', `${characters.id}.json`));
  mkdirSync(join(work, 'src/content/papers'), { recursive: true });
  await promisify(execFile)(process.execPath, [join(root, 'tests/site/build-site.ts'), outDir, join(work, 'cache')], {
    cwd: root,
    env: { ...process.env, SIFT_CONTENT_DIR: join(work, 'src/content'), SIFT_SITE: 'https://sift.example.org', ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  report = readFileSync(join(outDir, 'reports', hostile.id, 'index.html'), 'utf8');
  references = readFileSync(join(outDir, 'reports', hostile.id, 'references', 'index.html'), 'utf8');
  evidence = readFileSync(join(outDir, 'reports', hostile.id, 'evidence', 'index.html'), 'utf8');
  excluded = readFileSync(join(outDir, 'reports', hostile.id, 'excluded', 'index.html'), 'utf8');
}, 300_000);

afterAll(() => {
  if (work && !process.env['KEEP']) rmSync(work, { recursive: true, force: true });
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
    expect(index.reports.map((r: { id: string }) => r.id)).toEqual([characters.id, hostile.id, ...checkout.questionIds].sort());
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.bib'), 'utf8')).toMatch(/@\w+\{/);
    expect(readFileSync(join(outDir, 'reports', hostile.id, 'references.ris'), 'utf8')).toMatch(/^TY {2}- /m);
    expect(JSON.parse(readFileSync(join(outDir, 'reports', hostile.id, 'references.json'), 'utf8'))).toHaveLength(hostile.papers.length);
  });
});

// Every file of the built site, by extension (Pagefind's index and Astro's assets are not Sift's text).
function built(extension: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension) && !file.startsWith('pagefind/') && !file.startsWith('_astro/'))
    .map((file) => join(outDir, file));
}

// Every page, parsed once with parse5, with the parse errors it reported.
type ParsedPage = { file: string; doc: ReturnType<typeof parseHtml>; errors: string[] };
let parsedPages: ParsedPage[] | undefined;
function pages(): ParsedPage[] {
  return (parsedPages ??= built('.html').map((file) => {
    const errors: string[] = [];
    const doc: ParsedPage['doc'] = parse(readFileSync(file, 'utf8'), { onParseError: (error) => errors.push(`${file.slice(outDir.length)}:${error.startLine}:${error.startCol} ${error.code}`) });
    return { file, doc, errors };
  }));
}

// The reports built, each with the synthesis it was built from (read once).
let reports: Synthesis[] | undefined;
function builtReports(): Synthesis[] {
  return (reports ??= readdirSync(join(outDir, 'reports')).map((id) => Synthesis.parse(JSON.parse(readFileSync(join(work, 'src/content/syntheses', `${id}.json`), 'utf8')))));
}

// Astro's content layer stores what it loads as UTF-8, so half a surrogate pair reaches every output of
// the build as U+FFFD (as toWellFormed makes it); the characters no output holds are then removed.
const shown = (text: string) => withoutUnsafeCharacters(text.toWellFormed());

// The one URL rule (src/identity/links.ts), restated for links found in built files: a link leaving the
// site is http(s); a link within it is a path or a fragment.
function unsafeLink(value: string): boolean {
  const link = value.trim();
  if (link.startsWith('//') || link.startsWith('\\\\')) return true;
  // A link without a scheme (/x, ../x, #x) stays on the site; one with a scheme must be http(s).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link);
  return scheme !== null && !/^https?$/i.test(scheme[1]!);
}

// The attributes a browser follows or fetches (HTML Living Standard: a, area, link, base [href]; img, script,
// iframe, embed, source, video, audio [src]; object [data]; form [action]; button, input [formaction];
// SVG's xlink:href; img and source [srcset], a list of "URL descriptor" candidates; meta refresh's url=).
function linksOf(name: string, value: string): string[] {
  if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'].includes(name)) return [value];
  if (name === 'srcset') return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  return [];
}

// Scripts Sift writes: JSON-LD data, Pagefind's own interface, and the search page's inline script, whose text
// is in its source.
const searchPage = readFileSync(join(root, 'src/pages/search.astro'), 'utf8');
function ourScript(element: ReturnType<typeof elements>[number]): boolean {
  const text = textOf(element).trim();
  if (attr(element, 'type') === 'application/ld+json') return attr(element, 'src') === undefined;
  if (attr(element, 'src') !== undefined) return /^\/pagefind\/[\w-]+\.js$/.test(attr(element, 'src')!) && text === '';
  return text !== '' && searchPage.includes(text);
}

// The href of every element of an XML document (a feed's links), read by the parser: text that merely
// looks like an attribute (an escaped '<a href="…">' in a title) is not one.
function xmlHrefs(xml: string): string[] {
  const hrefs: string[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const href = tag.attributes['href'];
    if (typeof href === 'string') hrefs.push(href);
  });
  parser.write(xml).close();
  return hrefs;
}

describe('every output of a site built from hostile text, characters and payloads', () => {
  it('renders the review whose chart labels only read like script (finding 2)', () => {
    const page = readFileSync(join(outDir, 'reports', characters.id, 'index.html'), 'utf8');
    expect(page).toContain('>one = baseline<');
    expect(page).toContain('code written in javascript: an');
  });

  it('HTML: every page parses with parse5 without a single parse error, controls and noncharacters included', () => {
    expect(pages().length).toBeGreaterThanOrEqual(6 + checkout.questionIds.length);
    expect(pages().flatMap((page) => page.errors)).toEqual([]);
    const doc = parseHtml(readFileSync(join(outDir, 'reports', characters.id, 'index.html'), 'utf8'));
    expect(textOf(byTag(doc, 'h1')[0]!)).toBe(shown(characters.title));
  });

  it('HTML: no script but ours, no event handler, no link outside http(s), no refresh', () => {
    for (const { file, doc } of pages()) {
      for (const element of elements(doc)) {
        if (element.tagName === 'script') {
          expect(ourScript(element), `${file}: a script not written by Sift`).toBe(true);
          // JSON-LD is data: it parses, and "</script>" in a title cannot end it (escaped as \u003c).
          if (attr(element, 'type') === 'application/ld+json') expect(() => JSON.parse(textOf(element)), file).not.toThrow();
        }
        if (element.tagName === 'meta') expect(attr(element, 'http-equiv'), file).toBeUndefined();
        for (const { name, value } of element.attrs) {
          expect(name.startsWith('on'), `${file}: ${element.tagName}[${name}]`).toBe(false);
          for (const link of linksOf(name, value)) expect(unsafeLink(link), `${file}: ${element.tagName}[${name}=${value}]`).toBe(false);
        }
      }
    }
  });

  it('XML: every feed, sitemap and SVG is well-formed XML 1.0, and feeds link only to the site', () => {
    const documents = [...built('.xml'), ...built('.svg')];
    const feeds = documents.filter((file) => file.endsWith('feed.xml'));
    // The site's feed and one per review.
    expect(feeds.length).toBe(1 + builtReports().length);
    expect(documents.filter((file) => /sitemap/.test(file)).length).toBeGreaterThanOrEqual(1);
    for (const file of documents) expect(xmlErrors(readFileSync(file, 'utf8')), file).toEqual([]);
    for (const file of feeds) {
      const hrefs = xmlHrefs(readFileSync(file, 'utf8'));
      expect(hrefs.length, file).toBeGreaterThan(0);
      for (const href of hrefs) expect(href, file).toMatch(/^https:\/\/sift\.example\.org\//);
    }
  });

  it('BibTeX: every file parses with citation-js, one entry per reference, no unsafe url', () => {
    const files = built('.bib');
    expect(files.length).toBe(builtReports().length);
    for (const s of builtReports()) {
      const items = readBibtex(readFileSync(join(outDir, 'reports', s.id, 'references.bib'), 'utf8'));
      expect(items, s.id).toHaveLength(s.references.length);
      for (const item of items) if (item.URL !== undefined) expect(unsafeLink(item.URL), item.URL).toBe(false);
    }
    for (const s of [hostile, characters]) {
      const items = readBibtex(readFileSync(join(outDir, 'reports', s.id, 'references.bib'), 'utf8'));
      // citation-js writes ASCII BibTeX: what it cannot spell in ASCII (U+FFFD here) it leaves out.
      const ascii = (text: string) => shown(text).replace(/\ufffd/g, '').replace(/\s+/g, ' ');
      expect(items.map((i) => i.title).sort()).toEqual(s.papers.map((p) => ascii(p.title)).sort());
    }
  });

  it('RIS: every file is tag lines only, reads back with citation-js, one record per reference, no unsafe url', () => {
    const files = built('references.ris');
    expect(files.length).toBe(builtReports().length);
    for (const s of builtReports()) {
      const ris = readFileSync(join(outDir, 'reports', s.id, 'references.ris'), 'utf8');
      const bad = ris.split('\n').filter((line) => line !== '' && !/^[A-Z][A-Z0-9] {2}- /.test(line));
      expect(bad, s.id).toEqual([]);
      // One record per reference: as many TY lines as ER lines as references, in that order.
      expect(ris.match(/^TY {2}- /gm), s.id).toHaveLength(s.references.length);
      expect(ris.match(/^ER {2}- $/gm), s.id).toHaveLength(s.references.length);
      expect(readRis(ris), s.id).toHaveLength(s.references.length);
      for (const [, url] of ris.matchAll(/^UR {2}- (.*)$/gm)) expect(unsafeLink(url!), url).toBe(false);
    }
  });

  it('screening downloads: RIS is tag lines only, one record per screened record; CSV parses, no cell a spreadsheet runs', () => {
    for (const s of builtReports()) {
      const screened = s.papers.length + s.excluded.length;
      const ris = readFileSync(join(outDir, 'reports', s.id, 'screening.ris'), 'utf8');
      expect(ris.split('\n').filter((line) => line !== '' && !/^[A-Z][A-Z0-9] {2}- /.test(line)), s.id).toEqual([]);
      expect(ris.match(/^ER {2}- $/gm), s.id).toHaveLength(screened);
      expect(readRis(ris), s.id).toHaveLength(screened);
      for (const [, url] of ris.matchAll(/^UR {2}- (.*)$/gm)) expect(unsafeLink(url!), url).toBe(false);
      const rows = parseCsv(readFileSync(join(outDir, 'reports', s.id, 'screening.csv'), 'utf8')) as string[][];
      expect(rows, s.id).toHaveLength(screened + 1);
      expect(new Set(rows.map((row) => row.length)).size, s.id).toBe(1);
      expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell)), s.id).toEqual([]);
    }
  });

  it('JSON: every file parses; CSL-JSON and report JSON carry one record per reference and no unsafe url', () => {
    for (const file of built('.json')) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    for (const s of builtReports()) {
      const csl = JSON.parse(readFileSync(join(outDir, 'reports', s.id, 'references.json'), 'utf8')) as { URL?: string }[];
      expect(csl).toHaveLength(s.references.length);
      for (const item of csl) if (item.URL !== undefined) expect(unsafeLink(item.URL), item.URL).toBe(false);
      const report = JSON.parse(readFileSync(join(outDir, 'api/reports', `${s.id}.json`), 'utf8'));
      expect(report.title).toBe(s.title.toWellFormed());
      for (const paper of report.papers as { url: string | null }[]) if (paper.url !== null) expect(unsafeLink(paper.url), paper.url).toBe(false);
    }
  });
});

// Where each marker of the payload checkout arrived: marker -> the extensions of the files that hold it.
let arrived: Map<string, Set<string>> | undefined;
function arrivals(): Map<string, Set<string>> {
  if (arrived) return arrived;
  const found = new Map<string, Set<string>>();
  const files = ['.html', '.xml', '.json', '.bib', '.ris', '.csv'].flatMap((extension) => built(extension).map((file) => [file, extension] as const));
  for (const [file, extension] of files) {
    for (const [m] of readFileSync(file, 'utf8').matchAll(/z[a-z]{2}\d{3}z/g)) {
      if (!found.has(m)) found.set(m, new Set());
      found.get(m)!.add(extension);
    }
  }
  return (arrived = found);
}

describe('every payload in every field that reaches a page or a download (issue 10, "Done when")', () => {
  it('has at least 100 distinct payloads', () => {
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  it('a question field refuses a payload with a located message naming the file and field, or takes it', () => {
    const fieldOf: Record<QuestionField, RegExp> = {
      qt: /^title$/, qq: /^question$/, ql: /^facets\[0\]\.label$/, qf: /^facets\[0\]\.terms\[1\]$/, qr: /^screening\.require\[0\]$/, qx: /^screening\.exclude\[0\]$/,
      qd: /^screening\.decisions\[0\]\.reason$/,
    };
    for (const field of Object.keys(QUESTION_FIELDS) as QuestionField[]) {
      expect(accepted[field].length + refused[field].size).toBe(PAYLOADS.length);
      expect(accepted[field].length, field).toBeGreaterThanOrEqual(100);
      for (const [i, problems] of refused[field]) {
        expect(problems, `${field} ${i}`).toHaveLength(1);
        expect(problems[0], `${field} ${i}`).toMatchObject({ file: `questions/${marker(field, i)}.yaml`, line: expect.any(Number), field: expect.stringMatching(fieldOf[field]) });
      }
    }
  });

  it('synthesizes every generated question offline and builds its page', () => {
    expect(synthesized.problems).toEqual([]);
    expect(synthesized.outcomes.map((o) => [o.id, o.status])).toEqual(checkout.questionIds.map((id) => [id, 'written']));
    const published = ['evidence', 'excluded', 'feed.xml', 'index.html', 'references', 'references.bib', 'references.json', 'references.ris', 'screening.csv', 'screening.ris'];
    for (const id of checkout.questionIds) expect(readdirSync(join(outDir, 'reports', id)).sort()).toEqual(published);
    // Every record of every corpus was read and included: none was lost on the way.
    const included = new Set(builtReports().flatMap((s) => s.papers.map((p) => p.ids.local)));
    for (const [file, ids] of Object.entries(checkout.corpora)) for (const id of ids) expect(included.has(id), `${file} ${id}`).toBe(true);
  });

  it('every payload a shown question field takes reaches a page (facet terms are only matched, never shown)', () => {
    const found = arrivals();
    for (const field of ['qt', 'qq', 'ql', 'qr', 'qx', 'qd'] as const) {
      const lost = accepted[field].filter((i) => !found.get(marker(field, i))?.has('.html'));
      expect(lost, field).toEqual([]);
    }
    expect(accepted.qf.filter((i) => found.has(marker('qf', i)))).toEqual([]);
  });

  it('every paper field carries at least 100 payloads to an output, and every payload reaches one through each format', () => {
    const found = arrivals();
    // Years are read as years: "2021 <payload>" gives 2021, a payload alone gives none.
    const shownFields = (Object.keys(PAPER_FIELDS) as PaperField[]).filter((field) => field !== 'ai' && field !== 'ey');
    const counts = Object.fromEntries(shownFields.map((field) => [field, PAYLOADS.filter((_, i) => found.has(marker(field, i))).length]));
    for (const field of shownFields) expect(counts[field], `${field} (${PAPER_FIELDS[field]})`).toBeGreaterThanOrEqual(100);
    for (const i of PAYLOADS.keys()) {
      expect(shownFields.filter((f) => f[0] === 'a' || f[0] === 'b').filter((f) => found.has(marker(f, i))).length, `payload ${i} via CSL-JSON`).toBeGreaterThanOrEqual(10);
      expect(shownFields.filter((f) => f[0] === 'e' || f[0] === 'g').filter((f) => found.has(marker(f, i))).length, `payload ${i} via BibTeX`).toBeGreaterThanOrEqual(10);
    }
    const years = new Map(builtReports().flatMap((s) => s.papers.map((p) => [p.ids.local, p.year] as const)));
    for (const i of PAYLOADS.keys()) {
      expect(years.get(`a${i}`)).toBe(2021);
      expect(years.get(`e${i}`)).toBe(2022);
    }
  });
});
