import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
import { CorpusError } from '../../src/sources/corpus-error.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';
import { thrown } from '../thrown.ts';

const read = (name: string) => readFileSync(new URL(`../../corpora/${name}`, import.meta.url), 'utf8');
const codeSecurityText = read('code-security.csl.json');
const ml4codeText = read('ml4code.csl.json');
const raw = JSON.parse(codeSecurityText) as Record<string, unknown>[];

describe('parseCslJson on corpora/code-security.csl.json', () => {
  const papers = parseCslJson(codeSecurityText, 'code-security');

  it('maps every record to a valid Paper', () => {
    expect(papers).toHaveLength(446);
    for (const p of papers) expect(() => Paper.parse(p)).not.toThrow();
    expect(papers.filter((p) => p.abstract !== null)).toHaveLength(247);
    expect(papers.filter((p) => p.ids.doi)).toHaveLength(129);
    expect(papers.filter((p) => p.ids.arxiv)).toHaveLength(217);
    expect(new Set(papers.map((p) => p.sources.join()))).toEqual(new Set(['code-security']));
  });

  it('maps an arXiv record: id, ids, authors, year, venue, keywords, type', () => {
    const p = papers.find((q) => q.ids.local === 'tp0000')!;
    expect(p).toMatchObject({
      id: 'arxiv:2503.15554',
      ids: { arxiv: '2503.15554', local: 'tp0000' },
      title: 'A Comprehensive Study of LLM Secure Code Generation',
      authors: [
        { family: 'Dai', given: 'Shih-Chieh' },
        { family: 'Xu', given: 'Jun' },
        { family: 'Tao', given: 'Guanhong' },
      ],
      year: 2025,
      venue: 'arXiv',
      type: 'article',
      url: 'https://arxiv.org/abs/2503.15554',
      keywords: ['Zero-Shot', 'General LMs', 'Binary', 'Multi-Class'],
    });
  });

  it('maps a DOI record to a doi: id with the DOI lower-cased', () => {
    const p = papers.find((q) => q.ids.local === 'tp0001')!;
    expect(p.id).toBe('doi:10.1109/iccece65250.2025.10985370');
    expect(p.venue).toBe('International Conference on Consumer Electronics and Computer Engineering (ICCECE)');
    expect(p.type).toBe('article-journal');
    expect(p.url).toBe('https://doi.org/10.1109/iccece65250.2025.10985370');
  });

  it('keeps abstracts verbatim except for runs of whitespace', () => {
    const withBreaks = raw.filter((r) => typeof r['abstract'] === 'string' && /\s\s|\n/.test(r['abstract']));
    expect(withBreaks.length).toBeGreaterThan(0);
    for (const r of raw) {
      const p = papers.find((q) => q.ids.local === r['id'])!;
      if (typeof r['abstract'] !== 'string') expect(p.abstract).toBeNull();
      else expect(p.abstract).toBe(r['abstract'].replace(/\s+/g, ' ').trim());
    }
  });

  it('decodes LaTeX left in names and titles', () => {
    const scope = papers.find((q) => q.title.startsWith('Scope: Evaluating'))!;
    expect(scope.authors[0]).toEqual({ family: 'Gonçalves', given: 'José' });
    const vulsim = papers.find((q) => q.title.startsWith('VulSim'))!;
    expect(vulsim.title).toBe('VulSim: Leveraging Similarity of Multi-Dimensional Neighbor Embeddings for Vulnerability Detection');
    expect(papers.find((q) => q.title.startsWith('Closing the Gap'))!.title).toContain('Detection & Repair');
  });

  it('keeps records without year or authors (real retrieval returns them too)', () => {
    expect(papers.filter((p) => p.year === null).map((p) => p.ids.local)).toEqual(['tp0445']);
    expect(papers.filter((p) => p.authors.length === 0).map((p) => p.ids.local)).toEqual(['tp0025']);
  });
});

describe('parseCslJson on corpora/ml4code.csl.json', () => {
  it('maps all 521 records, all with abstracts, venues from container-title', () => {
    const papers = parseCslJson(ml4codeText, 'ml4code');
    expect(papers).toHaveLength(521);
    expect(papers.every((p) => p.abstract !== null && p.abstract.length > 0)).toBe(true);
    expect(papers.filter((p) => p.ids.arxiv)).toHaveLength(307);
    const p = papers.find((q) => q.ids.local === 'abdelaziz2020graph4code')!;
    expect(p).toMatchObject({ id: 'arxiv:2002.09440', year: 2020, venue: null, keywords: ['dataset'] });
    expect(p.authors[2]).toEqual({ family: 'McCusker', given: 'James P.' });
  });
});

describe('parseCslJson mapping details (invented records for cases the corpora lack)', () => {
  it('takes identifiers from URL, note and container-title and handles CSL name and date forms', () => {
    const [p] = parseCslJson(
      JSON.stringify([
        {
          id: 7,
          type: 'paper-conference',
          title: ['Array Title'],
          'container-title': 'arXiv preprint arXiv:2401.01234v2',
          note: 'Published version: https://doi.org/10.1145/3597503.3639180.',
          PMID: '38000001',
          author: [{ family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }, { literal: 'The LLM Team' }],
          issued: { raw: 'March 2024' },
          keyword: 'a; b, a',
        },
      ]),
      'inv',
    );
    expect(p).toMatchObject({
      id: 'doi:10.1145/3597503.3639180',
      ids: { doi: '10.1145/3597503.3639180', arxiv: '2401.01234', pmid: '38000001', local: '7' },
      title: 'Array Title',
      venue: 'arXiv',
      year: 2024,
      authors: [{ family: 'van Beethoven', given: 'Ludwig' }, { family: 'The LLM Team' }],
      keywords: ['a', 'b'],
      url: 'https://doi.org/10.1145/3597503.3639180',
    });
  });
  it('accepts a single CSL item', () => {
    expect(parseCslJson('{"id":"x","type":"book","title":"T"}', 's')).toHaveLength(1);
  });
});

describe('parseCslJson errors', () => {
  it('names the file and line of a JSON syntax error, and what to do', () => {
    const e = thrown(() => parseCslJson('[\n {"id": "a", "title": "A"},\n {"id": "b" "title": "B"}\n]', 'bad', 'corpora/bad.csl.json'), CorpusError);
    expect(e.problems[0]?.file).toBe('corpora/bad.csl.json');
    expect(e.problems[0]?.line).toBe(3);
    expect(e.message).toMatch(/^corpora\/bad\.csl\.json:3: not valid JSON/);
    expect(e.problems[0]?.fix).toMatch(/^fix the JSON syntax/);
  });
  it('names the record without a title and its line', () => {
    const e = thrown(() => parseCslJson('[\n{"id": "a", "title": "A"},\n{"id": "b"}\n]', 'bad', 'bad.json'), CorpusError);
    expect([e.problems[0]?.field, e.problems[0]?.line]).toEqual(['entry "b"', 3]);
    expect(e.message).toContain('entry "b": the record has no title');
  });
  it('rejects two records with one id, naming both lines', () => {
    const e = thrown(() => parseCslJson('[\n{"id": "a", "title": "A"},\n{"id": "a", "title": "B"}\n]', 'bad', 'bad.json'), CorpusError);
    expect([e.problems[0]?.field, e.problems[0]?.line]).toEqual(['entry "a"', 3]);
    expect(e.message).toContain('first on line 2');
  });
  it('rejects what is not CSL-JSON', () => {
    expect(thrown(() => parseCslJson('"text"', 's', 'f.json'), CorpusError).message).toContain('expected a CSL-JSON array');
    expect(thrown(() => parseCslJson('[1]', 's', 'f.json'), CorpusError).problems[0]?.field).toBe('entry "#1"');
  });
});
