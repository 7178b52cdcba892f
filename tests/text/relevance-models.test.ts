import { describe, expect, it } from 'vitest';
import { tfidfSpace, dot } from '../../src/text/tfidf.ts';
import { naiveBayes, offsetLogistic, rocchio, score, scoreWithOffset, standardised } from '../../src/text/relevance-models.ts';
import { contentTerms } from '../../src/text/tokens.ts';
import { loadCorpus } from '../pipeline/screen-claims-corpus.ts';

// Real titles: smart-contract vulnerability papers against code-summarisation papers of the corpora.
const security = loadCorpus('code-security.csl.json');
const ml4code = loadCorpus('ml4code.csl.json');
const contracts = security.filter((p) => /smart contract/i.test(p.title)).slice(0, 8);
const summaries = ml4code.filter((p) => /summari[sz]ation/i.test(p.title)).slice(0, 8);
const docs = [...contracts, ...summaries].map((p) => contentTerms(p.title));
const labels = [...contracts.map(() => 1), ...summaries.map(() => 0)];

describe('tfidfSpace', () => {
  it('gives unit-length vectors with sublinear term frequencies and smoothed idf', () => {
    const space = tfidfSpace([['a', 'a', 'b'], ['b', 'c'], []]);
    expect([...space.vocabulary.keys()]).toEqual(['a', 'b', 'c']);
    for (const v of space.vectors.slice(0, 2)) expect(Math.hypot(...v.value)).toBeCloseTo(1, 10);
    expect(dot(space.vectors[1]!, [0, 1, 1])).toBeCloseTo(space.vectors[1]!.value[0]! + space.vectors[1]!.value[1]!, 10);
    // "a" twice in doc 0: (1 + ln 2) · idf(a) against 1 · idf(b), idf = ln((1 + 3) / (1 + df)) + 1.
    const [a, b] = space.vectors[0]!.value;
    expect(a! / b!).toBeCloseTo(((1 + Math.log(2)) * (Math.log(4 / 2) + 1)) / (Math.log(4 / 3) + 1), 10);
    expect(space.vectors[2]!.index.length).toBe(0);
  });
});

describe('naive Bayes, Rocchio and the offset logistic regression', () => {
  const space = tfidfSpace(docs);

  it('each separate smart-contract titles from summarisation titles they learnt from', () => {
    const bayes = naiveBayes(space.vectors, labels, space.size);
    const centroid = rocchio(space.vectors, labels, space.size);
    const logistic = offsetLogistic(space.vectors, labels.map(() => 0), labels, space.size);
    for (const s of [
      space.vectors.map((v) => score(bayes, v)),
      space.vectors.map((v) => score(centroid, v)),
      space.vectors.map((v) => scoreWithOffset(logistic, v, 0)),
    ]) {
      expect(Math.min(...s.slice(0, 8))).toBeGreaterThan(Math.max(...s.slice(8)));
    }
  });

  it('trusts the offset until the labels contradict it', () => {
    // An offset that already separates the classes keeps a positive weight.
    const logistic = offsetLogistic(space.vectors, labels.map((y) => (y ? 1 : -1)), labels, space.size);
    expect(logistic.offsetWeight).toBeGreaterThan(0);
    expect(standardised([1, 2, 3])).toEqual([-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
    expect(standardised([2, 2])).toEqual([0, 0]);
  });
});
