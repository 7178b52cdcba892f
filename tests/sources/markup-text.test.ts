import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetrievalCache } from '../../src/records/index.ts';
import { refresh } from '../../src/refresh/refresh.ts';
import { parseWorkList } from '../../src/sources/crossref.ts';
import { parseSearch } from '../../src/sources/europepmc.ts';
import { decodeEntities, markupToText } from '../../src/sources/markup-text.ts';
import { splitName } from '../../src/sources/person-name.ts';
import { atom, json, startReplayServer, type ReplayServer } from './replay-server.ts';
import { fakeWorld, fixture, liveDeps, question, replayConfig } from './recordings.ts';

describe('markupToText', () => {
  it('turns a real JATS abstract (Crossref) into its text, without the "Abstract" label', () => {
    const item = (JSON.parse(fixture('crossref/test_works_field_queries_0.json')) as { message: { items: Array<{ DOI: string; abstract?: string }> } })
      .message.items.find((entry) => entry.DOI === '10.1111/ele.14024')!;
    expect(item.abstract).toMatch(/^<jats:title>Abstract<\/jats:title>/);
    const text = markupToText(item.abstract!);
    expect(text.startsWith('Encouraged by decision makers’ appetite')).toBe(true);
    expect(text.endsWith('are the best way to avoid the trap.')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('keeps structured-abstract headings (Europe PMC <h4>) as their own lines and inline text (<sub>)', () => {
    expect(markupToText('<h4>Background</h4>Hydrogen sulfide (H<sub>2</sub>S) is of interest.<h4>Objectives</h4>We aimed')).toBe(
      'Background\nHydrogen sulfide (H2S) is of interest.\nObjectives\nWe aimed',
    );
  });

  // Invented edge cases the recorded abstracts do not happen to contain.
  it('leaves a bare "<" that is not a tag, and decodes entities once', () => {
    expect(markupToText('<p>significant (p < 0.05) &amp; robust</p>')).toBe('significant (p < 0.05) & robust');
    expect(markupToText('a &lt;i&gt; b &#x3b1; &#946; &amp;lt;')).toBe('a <i> b α β &lt;');
    expect(decodeEntities('&unknown; stays')).toBe('&unknown; stays');
  });

  it('reads a numeric reference to no character as U+FFFD instead of throwing (HTML standard)', () => {
    expect(decodeEntities('a&#x110000;b&#0;c&#xD800;d&#99999999999999999999;e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(decodeEntities('&#x41;&#0066;&#x0001F600;')).toBe('AB😀');
  });

  it('in CSL-JSON and BibTeX text takes only known tags as markup: "List<String>" stays', () => {
    expect(markupToText('Generic <i>List<String></i> types<sup>2</sup>', 'known')).toBe('Generic List<String> types2');
    expect(markupToText('Generic <i>List<String></i>', 'any')).toBe('Generic List');
    expect(markupToText('<jats:p>One &amp; two</jats:p><p>three <label> four</p>', 'known')).toBe('One & two\nthree <label> four');
  });

  it('drops JATS inline elements of any prefix', () => {
    expect(markupToText('<jats:p>The <jats:italic>in vivo</jats:italic> effect<jats:sup>1</jats:sup></jats:p>')).toBe('The in vivo effect1');
  });
});

describe('splitName', () => {
  it('splits display names into family and given, keeping particles with the family name', () => {
    expect(splitName('Adrian Del Maestro')).toEqual({ family: 'Del Maestro', given: 'Adrian' });
    expect(splitName('Quan Thoi Minh Nguyen')).toEqual({ family: 'Nguyen', given: 'Quan Thoi Minh' });
    expect(splitName('M. Patwary')).toEqual({ family: 'Patwary', given: 'M.' });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(splitName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther Jr.' });
    expect(splitName('Turing, Alan M.')).toEqual({ family: 'Turing', given: 'Alan M.' });
    expect(splitName('Plato')).toEqual({ family: 'Plato' });
    expect(splitName('  ')).toBeNull();
  });
});

// Issue 10, finding 3: one bad reference in one abstract threw a RangeError out of markupToText, and the
// refresh ended with no cache written for any question. The recorded answers, with one reference made bad.
describe('a bad character reference in a live abstract', () => {
  const crossrefBody = (() => {
    const body = JSON.parse(fixture('crossref/test_works_field_queries_0.json')) as { message: { items: Array<{ DOI: string; abstract?: string }> } };
    const item = body.message.items.find((entry) => entry.DOI === '10.1111/ele.14024')!;
    item.abstract = item.abstract!.replace('appetite', 'appetite&#x110000;');
    return JSON.stringify(body);
  })();
  const europepmcBody = (() => {
    const body = JSON.parse(fixture('europepmc/search_cancer_core.json')) as { resultList: { result: Array<{ abstractText?: string }> } };
    const first = body.resultList.result.find((result) => result.abstractText)!;
    first.abstractText = `&#x110000; ${first.abstractText!}`;
    return JSON.stringify(body);
  })();

  it('becomes U+FFFD in Crossref and Europe PMC records; the page is read', () => {
    const crossref = parseWorkList(crossrefBody).records.find((paper) => paper.ids.doi === '10.1111/ele.14024')!;
    expect(crossref.abstract).toContain('appetite\uFFFD');
    expect(parseSearch(europepmcBody).records.some((paper) => paper.abstract?.startsWith('\uFFFD'))).toBe(true);
  });

  let server: ReplayServer;
  let directory: string;
  beforeAll(async () => {
    server = await startReplayServer();
    directory = mkdtempSync(join(tmpdir(), 'sift-bad-reference-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('does not stop a refresh: every source and question gets its cache written', async () => {
    server.route({ path: '/europepmc/rest/search', replies: [json(europepmcBody)] });
    server.route({ path: '/crossref/works', replies: [json(crossrefBody)] });
    server.route({ path: '/arxiv/api/query', replies: [atom(fixture('arxiv/recorded-2026/q_testing_s0_m10_bc5a6c384fe9.xml'))] });
    const config = replayConfig(server.url);
    const questions = [
      question({ id: 'bad-reference', sources: [{ type: 'europepmc', limit: 5 }, { type: 'crossref', limit: 20 }], search: { queries: ['cancer'] } }),
      question({ id: 'other-question', sources: [{ type: 'arxiv', limit: 10 }], search: { queries: ['testing'] } }),
    ];
    for (const q of questions) {
      const cacheFile = join(directory, `${q.id}.json`);
      const summary = await refresh(q, { cacheFile, config, deps: liveDeps(config, fakeWorld()) });
      expect(summary.written).toBe(true);
      expect(summary.sources.every((source) => source.outcome === 'ok')).toBe(true);
      const cache = RetrievalCache.parse(JSON.parse(readFileSync(cacheFile, 'utf8')));
      expect(cache.results.every((result) => result.records.length > 0)).toBe(true);
    }
    const cache = RetrievalCache.parse(JSON.parse(readFileSync(join(directory, 'bad-reference.json'), 'utf8')));
    expect(cache.results.find((result) => result.source === 'crossref')!.records.some((paper) => paper.abstract?.includes('\uFFFD'))).toBe(true);
  });
});
