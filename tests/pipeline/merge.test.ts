import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Paper, type PaperInput } from '../../src/records/index.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { merge } from '../../src/pipeline/merge.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const load = (type: 'csl-json' | 'bibtex', path: string) => readCorpus({ type, path }, root, '2026-11-26T00:00:00Z').records;
const codeSecurity = load('csl-json', 'corpora/code-security.csl.json');
const ml4code = load('csl-json', 'corpora/ml4code.csl.json');
const llm4swsec = load('bibtex', 'corpora/llm4swsec.bib');

const inBoth = (papers: Paper[], a: string, b: string) => papers.filter((p) => p.sources.includes(a) && p.sources.includes(b));

// A seeded shuffle (mulberry32), so a failing order can be replayed.
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('merge on the real corpora', () => {
  it('finds every llm4swsec.bib entry in code-security.csl.json (both drew on OwenSanzas/LLM-For-Software-Security)', () => {
    const { papers, duplicates } = merge([...codeSecurity, ...llm4swsec]);
    // 57 cross-corpus pairs (25 linked by arXiv id, 32 by title + year + first author) and 4 pairs inside
    // code-security that share an arXiv id under two titles (renamed arXiv versions, e.g. "IRIS: …").
    expect(inBoth(papers, 'code-security', 'llm4swsec')).toHaveLength(57);
    expect(duplicates).toBe(61);
    expect(papers).toHaveLength(446 + 57 - 61);
  });

  it('finds the 191 ml4code records that code-security.csl.json took from ml4code', () => {
    const { papers, duplicates } = merge([...codeSecurity, ...ml4code]);
    // 118 linked by arXiv id, 73 by title + year + first author; plus 4 inside code-security and 1 inside ml4code.
    expect(inBoth(papers, 'code-security', 'ml4code')).toHaveLength(191);
    expect(duplicates).toBe(191 + 4 + 1);
  });

  it('merges all three corpora: 1,024 records, 771 works', () => {
    const { papers, duplicates } = merge([...codeSecurity, ...ml4code, ...llm4swsec]);
    expect(papers).toHaveLength(771);
    expect(duplicates).toBe(253);
    expect(inBoth(papers, 'ml4code', 'llm4swsec')).toHaveLength(0);
    expect(new Set(papers.map((p) => p.id)).size).toBe(papers.length);
    for (const p of papers) expect(() => Paper.parse(p)).not.toThrow();
    // A work known only by local ids is named after the local id it keeps.
    for (const p of papers.filter((q) => !/^(doi|arxiv|pmid):/.test(q.id))) expect(p.id.endsWith(`:${p.ids.local}`), p.id).toBe(true);
  });

  it('gives the same output for any input order', () => {
    const records = [...codeSecurity, ...ml4code, ...llm4swsec];
    const expected = JSON.stringify(merge(records));
    for (const seed of [1, 2, 3]) expect(JSON.stringify(merge(shuffled(records, seed)))).toBe(expected);
    expect(JSON.stringify(merge([...records].reverse()))).toBe(expected);
  });

  it('links a preprint record that names its published DOI, keeping both ids, all sources, the published id', () => {
    // code-security tp0252 is the arXiv preprint 2311.16169 with the ICST 2025 DOI; llm4swsec knows only the preprint.
    const { papers } = merge([...codeSecurity, ...llm4swsec]);
    const p = papers.find((q) => q.ids.arxiv === '2311.16169')!;
    expect(p.id).toBe('doi:10.1109/icst62969.2025.10988968');
    expect(p.ids).toEqual({ doi: '10.1109/icst62969.2025.10988968', arxiv: '2311.16169', local: 'tp0252' });
    expect(p.sources).toEqual(['code-security', 'llm4swsec']);
  });

  it('merges renamed arXiv versions (same id, same first author) but not records a wrong URL ties together', () => {
    const { papers } = merge(ml4code);
    // louis2018deep and louis2020where: the same arXiv id (1806.04616), same authors, renamed for ICSE 2020.
    const louis = papers.find((p) => p.ids.arxiv === '1806.04616' && p.sources.length === 1 && p.ids.local?.startsWith('louis'))!;
    expect(louis).toMatchObject({ id: 'arxiv:1806.04616', title: 'Where should I comment my code? A dataset and model for predicting locations that need comments', year: 2020 });
    expect(louis.venue).toMatch(/^International Conference on Software Engineering/);
    expect(papers.filter((p) => p.ids.local?.startsWith('louis'))).toHaveLength(1);
    // zaremba2014learning ("Learning to Execute") carries the arXiv URL of yin2019learning ("Learning to
    // Represent Edits"): different title, different first author — two works, and neither may use the id.
    const execute = papers.find((p) => p.ids.local === 'zaremba2014learning')!;
    const edits = papers.find((p) => p.ids.local === 'yin2019learning')!;
    expect([execute.id, edits.id]).toEqual(['ml4code:zaremba2014learning', 'ml4code:yin2019learning']);
  });

  it('keeps the longest abstract verbatim', () => {
    const { papers } = merge([...codeSecurity, ...llm4swsec]);
    for (const p of inBoth(papers, 'code-security', 'llm4swsec')) {
      const candidates = [...codeSecurity, ...llm4swsec].filter((r) => (r.ids.arxiv && r.ids.arxiv === p.ids.arxiv) || r.title === p.title);
      const longest = Math.max(0, ...candidates.map((r) => r.abstract?.length ?? 0));
      if (longest > 0) expect(candidates.map((r) => r.abstract)).toContain(p.abstract);
      expect(p.abstract?.length ?? 0).toBe(longest);
    }
  });
});

// Rule 4 (the same abstract under titles that agree up to a subtitle), on the development data beside the
// checkout: records exported without identifiers, authors or years.
const screening = fileURLToPath(new URL('../../../shared/data/screening/', import.meta.url));
const hasScreening = existsSync(`${screening}nagtegaal-2019.csl.json`);
const dev = (name: string) => readCorpus({ type: 'csl-json', path: `${name}.csl.json` }, screening, '2026-11-26T00:00:00Z').records;
const pick = (records: Paper[], ...ids: string[]) => ids.map((id) => records.find((r) => r.id === id)!);

describe.skipIf(!hasScreening)('merge by abstract on the development data (../shared/data/screening)', () => {
  const nagtegaal = hasScreening ? dev('nagtegaal-2019') : [];
  const bannach = hasScreening ? dev('bannach-brown-2019') : [];

  it('merges one JAMA trial listed with and without its subtitle (nagtegaal n1450, n1804)', () => {
    const { papers, recordNames } = merge(pick(nagtegaal, 'nagtegaal-2019:n1450', 'nagtegaal-2019:n1804'));
    expect(papers).toHaveLength(1);
    expect(recordNames.get(papers[0]!.id)).toEqual(['nagtegaal-2019:n1450', 'nagtegaal-2019:n1804']);
  });

  it('merges titles that differ only in spacing and brackets (bannach-brown b1316 "5-HT2A", b1969 "5-HT(2A)")', () => {
    expect(merge(pick(bannach, 'bannach-brown-2019:b1316', 'bannach-brown-2019:b1969')).papers).toHaveLength(1);
  });

  it('merges the trial\'s two records a year apart, not two years apart', () => {
    const [a, b] = pick(nagtegaal, 'nagtegaal-2019:n1450', 'nagtegaal-2019:n1804');
    expect(merge([{ ...a!, year: 2015 }, { ...b!, year: 2016 }]).papers).toHaveLength(1);
    expect(merge([{ ...a!, year: 2015 }, { ...b!, year: 2017 }]).papers).toHaveLength(2);
  });

  it('keeps apart one abstract under two titles: parts 1 and 2 of a series (n0699, n1318), unrelated titles (n0299, n1341)', () => {
    expect(merge(pick(nagtegaal, 'nagtegaal-2019:n0699', 'nagtegaal-2019:n1318')).papers).toHaveLength(2);
    expect(merge(pick(nagtegaal, 'nagtegaal-2019:n0299', 'nagtegaal-2019:n1341')).papers).toHaveLength(2);
  });

  it('merges one title in British and American spelling, "behaviours" and "behaviors" (n0500, n0600; consecutive source rows)', () => {
    const { papers, recordNames } = merge(pick(nagtegaal, 'nagtegaal-2019:n0500', 'nagtegaal-2019:n0600'));
    expect(papers).toHaveLength(1);
    expect(recordNames.get(papers[0]!.id)).toEqual(['nagtegaal-2019:n0500', 'nagtegaal-2019:n0600']);
  });

  it('finds 13 duplicates in nagtegaal-2019 (9 the source marks) and 1 in bannach-brown-2019, in any input order', () => {
    const { duplicates, recordNames } = merge(nagtegaal);
    expect(duplicates).toBe(13);
    const merged = [...recordNames.values()].filter((names) => names.length > 1);
    expect(merged.flat().filter((name) => ['n0070', 'n0658', 'n0727', 'n0852', 'n1135', 'n1335', 'n1555', 'n1610', 'n1843'].includes(name.slice(-5)))).toHaveLength(9);
    expect(merge(bannach).duplicates).toBe(1);
    const expected = JSON.stringify(merge(nagtegaal));
    for (const seed of [4, 5]) expect(JSON.stringify(merge(shuffled(nagtegaal, seed)))).toBe(expected);
  });
});

describe('merge by abstract on the corpora', () => {
  it('keeps apart two papers of one group stating one finding in similar words (code-security tp0247, tp0118)', () => {
    const pair = codeSecurity.filter((r) => r.ids.local === 'tp0247' || r.ids.local === 'tp0118');
    expect(pair).toHaveLength(2);
    expect(merge(pair).papers).toHaveLength(2);
  });

  it('adds no merge to the demo corpora (none of them repeats an abstract under an agreeing title)', () => {
    expect(merge([...codeSecurity, ...ml4code, ...llm4swsec]).duplicates).toBe(253);
  });
});

// Invented records: near-duplicates the corpora do not contain.
function paper(fields: Partial<PaperInput> & { id: string; title: string; sources: string[] }): Paper {
  return Paper.parse({ ids: {}, abstract: null, authors: [{ family: 'Ng', given: 'Ada' }], year: 2023, venue: null, type: null, url: null, ...fields });
}

describe('merge on invented near-duplicates', () => {
  it('merges a preprint and its published version a year apart, despite case and punctuation', () => {
    const preprint = paper({
      id: 'arxiv:2301.00001',
      ids: { arxiv: '2301.00001' },
      title: 'Fine-Tuning LLMs for Vulnerability Detection',
      abstract: 'Short preprint abstract.',
      year: 2023,
      venue: 'arXiv',
      keywords: ['llm'],
      sources: ['arxiv'],
    });
    const published = paper({
      id: 'crossref:1',
      ids: { doi: '10.1145/1', local: '1' },
      title: 'Fine-tuning LLMs for vulnerability detection.',
      abstract: 'A longer abstract of the published version.',
      year: 2024,
      venue: 'ICSE',
      type: 'paper-conference',
      keywords: ['vulnerability', 'llm'],
      citationCount: 3,
      sources: ['crossref'],
    });
    const { papers, duplicates } = merge([preprint, published]);
    expect(duplicates).toBe(1);
    expect(papers).toEqual([
      {
        id: 'doi:10.1145/1',
        ids: { doi: '10.1145/1', arxiv: '2301.00001', local: '1' },
        title: 'Fine-tuning LLMs for vulnerability detection.',
        abstract: 'A longer abstract of the published version.',
        tldr: null,
        authors: [{ family: 'Ng', given: 'Ada' }],
        year: 2024,
        venue: 'ICSE',
        type: 'paper-conference',
        url: null,
        citationCount: 3,
        keywords: ['vulnerability', 'llm'],
        sources: ['arxiv', 'crossref'],
      },
    ]);
  });

  it('does not merge a preprint with a same-titled publication more than two years later', () => {
    const preprint = paper({ id: 'arxiv:2001.00001', ids: { arxiv: '2001.00001' }, title: 'Code Models', year: 2020, venue: 'arXiv', sources: ['a'] });
    const later = paper({ id: 'doi:10.1/x', ids: { doi: '10.1/x' }, title: 'Code models', year: 2023, venue: 'TSE', sources: ['b'] });
    expect(merge([preprint, later]).duplicates).toBe(0);
  });

  it('does not merge two works with the same title and first author years apart and no shared id', () => {
    const a = paper({ id: 's:a', ids: { local: 'a' }, title: 'A Survey of Program Synthesis', year: 2012, venue: 'CSUR', sources: ['s'] });
    const b = paper({ id: 's:b', ids: { local: 'b' }, title: 'A survey of program synthesis', year: 2021, venue: 'CSUR', sources: ['s'] });
    const c = paper({ id: 's:c', ids: { local: 'c' }, title: 'A Survey of Program Synthesis', year: 2022, venue: 'TOSEM', sources: ['s'] });
    expect(merge([a, b, c]).papers.map((p) => p.id)).toEqual(['s:a', 's:b', 's:c']);
  });

  it('merges the same title, year and first author across sources, but not other first authors', () => {
    const a = paper({ id: 'x:1', ids: { local: '1' }, title: '“Deep” Learning — for Code!', sources: ['x'] });
    const b = paper({ id: 'y:1', ids: { local: '1' }, title: 'deep learning for code', authors: [{ family: 'NG', given: 'A.' }], sources: ['y'] });
    const c = paper({ id: 'z:1', ids: { local: '1' }, title: 'Deep learning for code', authors: [{ family: 'Smith' }], sources: ['z'] });
    const { papers } = merge([a, b, c]);
    expect(papers.map((p) => [p.id, p.sources])).toEqual([
      ['x:1', ['x', 'y']],
      ['z:1', ['z']],
    ]);
  });

  it('links through chains of identifiers (DOI in one pair, arXiv id in the other)', () => {
    const a = paper({ id: 'doi:10.1/a', ids: { doi: '10.1/A'.toLowerCase() }, title: 'Alpha', sources: ['s2'] });
    const b = paper({ id: 'doi:10.1/a', ids: { doi: '10.1/a', arxiv: '2101.00001' }, title: 'Alpha (extended)', sources: ['openalex'] });
    const c = paper({ id: 'arxiv:2101.00001', ids: { arxiv: '2101.00001' }, title: 'Alpha, preprint', year: 2021, venue: 'arXiv', sources: ['arxiv'] });
    const { papers } = merge([c, b, a]);
    expect(papers).toHaveLength(1);
    expect(papers[0]!.sources).toEqual(['arxiv', 'openalex', 's2']);
    expect(papers[0]!.id).toBe('doi:10.1/a');
  });
});
