import { describe, expect, it } from 'vitest';
import { arxiv } from '../../src/sources/arxiv.ts';
import { crossref } from '../../src/sources/crossref.ts';
import { europepmc } from '../../src/sources/europepmc.ts';
import { openalex } from '../../src/sources/openalex.ts';
import { semanticscholar } from '../../src/sources/semanticscholar.ts';
import { replayConfig } from './recordings.ts';

// The facet query new-question writes for the flagship question, as each database is sent it.
const query = '(Codestral) AND ("fine-tuning" OR "multi-task learning") AND (robustness)';
const config = replayConfig('http://127.0.0.1:9');
const sent = (adapter: typeof openalex, key: string, q = query) => adapter.request({ query: q, size: 10, cursor: null, years: null }, config).params![key];

describe('a facet query in each database syntax', () => {
  it('OpenAlex and Europe PMC read it as written (uppercase AND/OR, parentheses, quoted phrases)', () => {
    expect(sent(openalex, 'search')).toBe(query);
    expect(sent(europepmc, 'query')).toBe(query);
  });

  it('arXiv: each term an all: field, OR within a facet, AND between facets', () => {
    expect(sent(arxiv, 'search_query')).toBe('all:Codestral AND (all:"fine-tuning" OR all:"multi-task learning") AND all:robustness');
  });

  it('Crossref and Semantic Scholar, which have no Boolean search, get the words (Semantic Scholar without hyphens)', () => {
    expect(sent(crossref, 'query')).toBe('Codestral fine-tuning multi-task learning robustness');
    expect(sent(semanticscholar, 'query')).toBe('Codestral fine tuning multi task learning robustness');
  });

  it('a plain query goes to every database as before', () => {
    expect(sent(crossref, 'query', 'fine-tuning robustness')).toBe('fine-tuning robustness');
    expect(sent(semanticscholar, 'query', 'fine-tuning robustness')).toBe('fine-tuning robustness');
    expect(sent(arxiv, 'search_query', 'fine-tuning "large language"')).toBe('all:fine-tuning AND all:"large language"');
  });
});
