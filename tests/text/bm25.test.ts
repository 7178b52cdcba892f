import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/text/bm25.ts';
import { loadCorpus } from '../pipeline/screen-claims-corpus.ts';

describe('Bm25Index', () => {
  // Invented three-document collection: small enough to check the formula by hand.
  it('computes textbook BM25 (k1 1.2, b 0.75, idf log(1 + (N - n + 0.5)/(n + 0.5)))', () => {
    const index = new Bm25Index();
    index.addTerms('a', ['vulner', 'detect', 'vulner']);
    index.addTerms('b', ['code', 'summar']);
    index.addTerms('c', ['vulner', 'robust', 'code', 'model']);
    const avgdl = 9 / 3;
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / avgdl));
    expect(index.score('a', ['vulner'])).toBeCloseTo(expected, 12);
    expect(index.search(['vulner']).map((h) => h.id)).toEqual(['a', 'c']);
    expect(index.search(['nothing'])).toEqual([]);
  });

  it('breaks score ties by id and rejects a document added twice', () => {
    const index = new Bm25Index();
    index.add({ id: 'z', text: 'robust models' });
    index.add({ id: 'm', text: 'robust models' });
    expect(index.search('robustness').map((h) => h.id)).toEqual(['m', 'z']);
    expect(() => index.add({ id: 'z', text: 'again' })).toThrow(/added twice/);
  });

  it('ranks on-topic abstracts of the real corpus first, deterministically', () => {
    const papers = loadCorpus('llm4swsec.bib').filter((p) => p.abstract);
    const build = () => {
      const index = new Bm25Index();
      for (const p of papers) index.add({ id: p.id, text: `${p.title}\n${p.abstract}` });
      return index.search('smart contract vulnerability detection with Solidity');
    };
    const hits = build();
    expect(hits.length).toBeGreaterThan(5);
    const top = papers.find((p) => p.id === hits[0]!.id)!;
    expect(`${top.title} ${top.abstract}`).toMatch(/smart contract/i);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(build()).toEqual(hits);
  });

  // search() sums each term's contribution over its postings; score() sums over one document's terms. Both must
  // give the same float, bit for bit, or verification's and screening's rankings (and the stored syntheses) move.
  it('gives every hit exactly the score score() gives it, with repeated and weighted terms, between adds', () => {
    const papers = loadCorpus('llm4swsec.bib').filter((p) => p.abstract);
    const index = new Bm25Index();
    const queries = [
      'smart contract vulnerability detection with Solidity',
      ['model', 'model', 'vulner', 'detect', 'larg', 'languag'],
      new Map([
        ['vulner', 2.5],
        ['code', 0.5],
        ['fuzz', 1],
      ]),
    ];
    papers.forEach((p, i) => {
      index.add({ id: p.id, text: `${p.title}\n${p.abstract}` });
      if (i % 40 !== 39) return;
      for (const q of queries) {
        const hits = index.search(q);
        expect(hits.length).toBeGreaterThan(0);
        for (const h of hits) expect(h.score).toBe(index.score(h.id, q));
      }
    });
  });
});

// Issue 13: verification asks for the best 20 of a few hundred sentences, less its own paper's.
describe('Bm25Index.search with keep and limit', () => {
  it('gives the first `limit` kept hits of the full ranking, on every abstract of a corpus as a query', () => {
    const papers = loadCorpus('llm4swsec.bib').filter((p) => p.abstract);
    const index = new Bm25Index();
    for (const p of papers) index.add({ id: p.id, text: `${p.title}. ${p.abstract}` });
    for (const [i, p] of papers.entries()) {
      const keep = (id: string) => id !== p.id && id.length % 3 !== i % 3;
      const full = index.search(p.abstract!);
      for (const limit of [0, 1, 5, 20, 1_000]) {
        expect(index.search(p.abstract!, { keep, limit })).toEqual(full.filter((h) => keep(h.id)).slice(0, limit));
      }
      expect(index.search(p.abstract!, { limit: 7 })).toEqual(full.slice(0, 7));
    }
  });
});
