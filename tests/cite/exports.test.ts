import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Cite } from '../../src/cite/citation-js.ts';
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/pipeline/merge.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { citationKeys, toCslItems } from '../../src/cite/csl.ts';
import { Synthesis } from '../../src/records/index.ts';
import { toBibtex, toCslJson, toRis } from '../../src/cite/exports.ts';
import type { Paper } from '../../src/records/index.ts';
import { readBibtex, readRis } from './read-exports.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const merged = merge([
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
]).papers;
// The 57 works llm4swsec.bib shares with code-security.csl.json, with DOIs, arXiv ids and accented names.
const papers = merged.filter((p) => p.sources.includes('llm4swsec'));

describe('toBibtex', () => {
  const bibtex = toBibtex(papers);
  const parsed = new Cite(bibtex).data;
  const keys = citationKeys(papers);

  it('round-trips through citation-js: one entry per paper, keyed by the citation key', () => {
    expect(papers).toHaveLength(57);
    expect(parsed).toHaveLength(57);
    expect(parsed.map((i) => i['citation-key']).sort()).toEqual([...keys.values()].sort());
  });

  it('keeps title, DOI and authors', () => {
    for (const paper of papers) {
      const item = parsed.find((i) => i['citation-key'] === keys.get(paper.id))!;
      expect(item.title).toBe(paper.title);
      expect(item.DOI?.toLowerCase()).toBe(paper.ids.doi);
      // citation-js reads "von Stockhausen, Hans-Martin" back with "von" as a CSL non-dropping particle.
      const names = item.author?.map((a) => ({
        family: [a['non-dropping-particle'], a.family].filter(Boolean).join(' '),
        given: a.given,
      }));
      expect(names).toEqual(paper.authors.map((a) => ({ family: a.family, given: a.given })));
    }
    // LaTeX-escaped on the way out (ASCII BibTeX), decoded on the way back.
    expect(bibtex).toContain('Gon{\\c c}alves');
    expect(bibtex).toContain('von Stockhausen, Hans-Martin');
  });

  it('is byte-identical whatever the input order', () => {
    expect(toBibtex([...papers].reverse())).toBe(bibtex);
  });
});

describe('toRis', () => {
  it('writes one record per paper that citation-js reads back with title, DOI and authors', () => {
    const ris = toRis(papers);
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(57);
    expect(ris.match(/^ER {2}- /gm)).toHaveLength(57);
    // One line per value: no value is broken across lines.
    expect(ris.split('\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(true);
    const parsed = new Cite(ris).data;
    expect(parsed).toHaveLength(57);
    for (const paper of papers) {
      const item = parsed.find((i) => i.title === paper.title)!;
      expect(item, paper.title).toBeDefined();
      expect(item.DOI?.toLowerCase()).toBe(paper.ids.doi);
      expect(item.author?.map((a) => a.family)).toEqual(paper.authors.map((a) => a.family));
    }
    expect(toRis([...papers].reverse())).toBe(ris);
  });
});

describe('toCslJson', () => {
  it('writes CSL-JSON with the paper ids, readable by any CSL processor', () => {
    const json = toCslJson(papers);
    const items = JSON.parse(json) as { id: string; title: string; DOI?: string }[];
    expect(items.map((i) => i.id).sort()).toEqual(papers.map((p) => p.id).sort());
    expect(items.find((i) => i.id === 'doi:10.1109/icst62969.2025.10988968')?.title).toBe(
      'Understanding the effectiveness of large language models in detecting security vulnerabilities',
    );
    expect(toCslJson([...papers].reverse())).toBe(json);
  });

  // toCslJson writes the items itself rather than through citation-js (issue 13); the file must be the one
  // citation-js wrote, on the corpora's papers and on every committed demo review's included papers.
  it('writes the bytes citation-js format("data") wrote, for the corpora and the demo reviews', () => {
    const demoDir = new URL('../../src/content/syntheses/', import.meta.url);
    const demos = readdirSync(demoDir).filter((f) => f.endsWith('.json')).map((f) => Synthesis.parse(JSON.parse(readFileSync(new URL(f, demoDir), 'utf8'))));
    expect(demos.length).toBeGreaterThanOrEqual(3);
    for (const list of [papers, merged, ...demos.map((s) => s.papers), []]) {
      expect(toCslJson(list)).toBe(new Cite(toCslItems(list)).format('data', { format: 'text' }));
    }
  });

  it('gives the same files when a review\'s papers are exported again (the CSL items are shared, never changed)', () => {
    const first = [toBibtex(papers), toRis(papers), toCslJson(papers)];
    expect([toRis(papers), toCslJson(papers), toBibtex(papers)]).toEqual([first[1], first[2], first[0]]);
  });
});

// Hostile values in every field an export writes, on a real paper of the corpus (invented payloads: no real
// record carries them). Each export is read back by a real reader: citation-js's BibTeX and RIS readers
// (read-exports.ts) and JSON.parse.
const PAYLOADS = [
  '}', '{', '}@misc{evil,', '}}, title = {pwned', 'x}@misc{evil,title={y}}', '@comment{', '\\', '\\}', '\\textbf{x}',
  '%', '#', '$x$', '~', '^', '_', '&', '"', ',', ' and ', '<i>', '</i>', '<i>x</i>', '<b>x', '<span class="nocase">',
  '<script>alert(1)</script>', '\nER  - \nTY  - JOUR\nTI  - evil', '\r\nER  - ', '\u2028ER  - ', '\u0085ER  - ', '\u001eER  - ',
  '\u0000', '\u0001', '\u001b[31m', '\u007f', '\ufffe', '\uffff', '\ufdd0', '\ud800', '\udc00', 'javascript:alert(1)',
];
const UNSAFE_URLS = ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];
const real = papers.find((p) => p.ids.doi === undefined && p.ids.arxiv === undefined && p.url !== null) ?? papers[0]!;
const neighbour = papers.find((p) => p.id !== real.id)!;
// What a reader may rightly get back: the characters no output holds are gone, whitespace runs are one space.
const published = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').replace(/\s+/g, ' ').trim();

function variants(payload: string): [string, Paper][] {
  return [
    ['title', { ...real, title: `Title ${payload} end` }],
    ['venue', { ...real, venue: `Venue ${payload} end` }],
    ['family', { ...real, authors: [{ family: `Fam${payload}ily`, given: 'Ada' }] }],
    ['given', { ...real, authors: [{ family: 'Smith', given: `Gi${payload}ven` }] }],
    ['family only', { ...real, authors: [{ family: `Fam${payload}ily` }] }],
    ['url', { ...real, ids: {}, url: `https://example.org/${payload}` }],
    ['doi', { ...real, ids: { doi: `10.1234/${payload}` } }],
    ['keyword', { ...real, keywords: [`key ${payload}`] }],
    ['abstract', { ...real, abstract: `Abstract ${payload}` }],
  ];
}
const cases = PAYLOADS.flatMap((payload) => variants(payload).map(([field, paper]) => ({ field, payload, paper })));

describe('exports of hostile values', () => {
  it('BibTeX: every file parses with citation-js, one entry per paper, titles read back as written', () => {
    const failures: string[] = [];
    for (const { field, payload, paper } of cases) {
      const bibtex = toBibtex([paper, neighbour]);
      try {
        const items = readBibtex(bibtex);
        const mine = items.find((i) => i['citation-key'] !== citationKeys([paper, neighbour]).get(neighbour.id));
        if (items.length !== 2) failures.push(`${field} ${JSON.stringify(payload)}: ${items.length} entries`);
        else if (mine?.title !== published(paper.title)) failures.push(`${field} ${JSON.stringify(payload)}: title ${JSON.stringify(mine?.title)}`);
      } catch (error) {
        failures.push(`${field} ${JSON.stringify(payload)}: ${String(error).split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('BibTeX: a "}" in a url or DOI cannot start an entry of its own', () => {
    const bibtex = toBibtex([{ ...real, ids: { doi: '10.1234/x}@misc{evil2,' }, url: null }, { ...neighbour, ids: {}, url: 'https://example.org/x}@misc{evil,title={pwned}}' }]);
    expect(bibtex.match(/^@/gm)).toHaveLength(2);
    expect(readBibtex(bibtex).map((i) => i['citation-key'])).not.toContain('evil');
    expect(bibtex).toContain('doi = {10.1234/x%7D@misc%7Bevil2,}');
  });

  it('BibTeX: a combining mark with nothing to accent cannot make the file unreadable (found by tests/site/escaping.test.ts)', () => {
    const loose = 'combining \u0301\u0301 marks';
    const bibtex = toBibtex([{ ...real, title: `\u0301${loose}`, authors: [{ family: loose, given: loose }, { family: loose }] }, neighbour]);
    const items = readBibtex(bibtex);
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.title)).toContain('combining marks');
    // A mark on a letter stays an accent.
    expect(readBibtex(toBibtex([{ ...real, title: 'Caf\u0065\u0301 au lait' }]))[0]!.title).toBe('Café au lait');
  });

  it('RIS: every line is a tag line, even split at every Unicode line break, and citation-js reads every record', () => {
    const failures: string[] = [];
    for (const { field, payload, paper } of cases) {
      const ris = toRis([paper, neighbour]);
      // Split as the most eager reader would: \r, \n, VT, FF, FS/GS/RS, NEL, LS, PS (Python's str.splitlines).
      const lines = ris.split(/\r\n|[\n\v\f\r\u001c-\u001e\u0085\u2028\u2029]/);
      if (!lines.every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line))) failures.push(`${field} ${JSON.stringify(payload)}: a value broke its line`);
      if (lines.filter((line) => line.startsWith('ER  - ')).length !== 2) failures.push(`${field} ${JSON.stringify(payload)}: not two records`);
      const items = readRis(ris);
      if (items.length !== 2) failures.push(`${field} ${JSON.stringify(payload)}: ${items.length} records read`);
      if (!ris.isWellFormed() || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/.test(ris)) failures.push(`${field} ${JSON.stringify(payload)}: unsafe characters`);
    }
    expect(failures).toEqual([]);
  });

  it('CSL-JSON: JSON.parse reads every file, and JSON.stringify leaves no half surrogate for UTF-8 to mangle', () => {
    for (const { paper } of cases) {
      const json = toCslJson([paper, neighbour]);
      expect(json.isWellFormed()).toBe(true);
      expect(JSON.parse(Buffer.from(json, 'utf8').toString('utf8'))).toHaveLength(2);
    }
    const lone = toCslJson([{ ...real, title: 'half \ud800 a pair' }]);
    expect(lone).toContain('half \\ud800 a pair');
  });

  it.each(UNSAFE_URLS)('drops the url %j from BibTeX, RIS and CSL-JSON', (url) => {
    const paper = { ...real, ids: {}, url };
    expect(readBibtex(toBibtex([paper]))[0]!.URL).toBeUndefined();
    expect(toBibtex([paper])).not.toMatch(/javascript:|data:|vbscript:/i);
    expect(toRis([paper])).not.toMatch(/^UR {2}- /m);
    expect(JSON.parse(toCslJson([paper]))[0].URL).toBeUndefined();
  });
});
