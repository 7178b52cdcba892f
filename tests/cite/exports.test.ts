import { fileURLToPath } from 'node:url';
import { Cite } from '../../src/cite/citation-js.ts';
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/pipeline/merge.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { citationKeys } from '../../src/cite/csl.ts';
import { toBibtex, toCslJson, toRis } from '../../src/cite/exports.ts';

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
});
