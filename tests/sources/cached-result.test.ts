import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper, SourceResult } from '../../src/records/index.ts';
import { parseFeed } from '../../src/sources/arxiv.ts';
import { cleanCachedResult } from '../../src/sources/cached-result.ts';
import { cleanPaper } from '../../src/sources/clean-paper.ts';
import { parseWorkList } from '../../src/sources/crossref.ts';
import { parseSearch as parseEuropePmc } from '../../src/sources/europepmc.ts';
import { parseWorks } from '../../src/sources/openalex.ts';
import { parseSearch as parseS2 } from '../../src/sources/semanticscholar.ts';
import { synthesize } from '../../src/synthesize.ts';
import { fixture, s2Recording } from './recordings.ts';

// Issue 10, "live caches not re-cleaned until refresh": a retrieval cache written before the cleaning step
// existed is cleaned when synthesis reads it. The dirty record is invented (a real cache written today is
// already clean), after the shape of a Crossref record: a JATS abstract, an entity, a control character
// and a Google Scholar citation key glued to its end.

const DIRTY_ABSTRACT =
  '<jats:title>Abstract</jats:title><jats:p>Fuzzing finds parser bugs &amp; crashes in 40% of the tested\u0007 libraries.</jats:p>' +
  '<jats:p>Hostile input lowers the accuracy of parsers.gao2023far';
const CLEAN_ABSTRACT = 'Fuzzing finds parser bugs & crashes in 40% of the tested libraries.\nHostile input lowers the accuracy of parsers.';

const dirty: Paper = {
  id: 'doi:10.5555/cached.1',
  ids: { doi: '10.5555/cached.1' },
  title: 'Fuzzing parsers & hostile input\u0000',
  abstract: DIRTY_ABSTRACT,
  tldr: null,
  authors: [{ family: 'Okafor\u0008', given: 'Chidi' }],
  year: 2024,
  venue: 'Journal of Parsing\u001f',
  type: 'article-journal',
  url: 'https://doi.org/10.5555/cached.1',
  citationCount: 4,
  keywords: [],
  sources: ['crossref'],
};

const log = { source: 'crossref', query: 'hostile input', params: {}, time: '2026-01-05T03:00:00.000Z', outcome: 'ok' as const, status: 200, count: 1, cacheHit: false, message: null };
const result = (records: Paper[]): SourceResult => ({ source: 'crossref', stale: false, log: [log], records });

describe('cleanCachedResult', () => {
  it('reads the markup and entities and removes the controls and the citation key of a cached record', () => {
    const [paper] = cleanCachedResult(result([dirty])).records;
    expect(paper!.abstract).toBe(CLEAN_ABSTRACT);
    expect(paper!.title).toBe('Fuzzing parsers & hostile input');
    expect(paper!.authors).toEqual([{ family: 'Okafor', given: 'Chidi' }]);
    expect(paper!.venue).toBe('Journal of Parsing');
  });

  it('says in the log what it cut or left out on reading', () => {
    const cleaned = cleanCachedResult(result([dirty, { ...dirty, id: 'doi:10.5555/cached.2', title: '\u0000\u0001' }]));
    expect(cleaned.records.map((p) => p.id)).toEqual([dirty.id]);
    expect(cleaned.log[0]!.message).toBe('cleaned on reading the cache: "doi:10.5555/cached.2" title has no characters left once control characters are removed, so the record was left out');
  });

  it('changes nothing a current refresh writes: real recorded responses of every live source, parsed and cleaned', () => {
    const fresh: Record<string, Paper[]> = {
      crossref: [...parseWorkList(fixture('crossref/test_works_query_0.json')).records, ...parseWorkList(fixture('crossref/test_works_field_queries_0.json')).records],
      europepmc: [...parseEuropePmc(fixture('europepmc/search_cancer_core.json')).records, ...parseEuropePmc(fixture('europepmc/search_cancer.json')).records],
      openalex: parseWorks(fixture('openalex/works_search_english_africa_per200.min.json')).records,
      semanticscholar: parseS2(s2Recording('test_search_paper_next_page_ae6c154_0.json').body).records,
      arxiv: parseFeed(fixture('arxiv/recorded-2026/q_testing_s0_m100_cfe7536492ca.xml')).records,
    };
    for (const [source, records] of Object.entries(fresh)) {
      const written = { ...result(records.flatMap((record) => cleanPaper(record).paper ?? [])), source };
      expect(written.records.length, source).toBeGreaterThan(0);
      expect(cleanCachedResult(written), source).toEqual(written);
    }
  });
});

describe('synthesize with a retrieval cache written before the cleaning step', () => {
  it('publishes the cached record clean, without a refresh', () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-cache-'));
    try {
      mkdirSync(join(root, 'questions'));
      mkdirSync(join(root, 'src/content/papers'), { recursive: true });
      writeFileSync(
        join(root, 'questions/cached.yaml'),
        ['title: Parsers under hostile input', 'question: How does hostile input affect parsers?', 'facets:', '  - { id: parsers, label: Parsers, terms: [parser, fuzzing] }', 'sources:', '  - { type: crossref }', 'search: { queries: [hostile input] }', 'screening: { minRelevance: 0 }'].join('\n'),
      );
      writeFileSync(join(root, 'src/content/papers/cached.json'), JSON.stringify({ question: 'cached', results: [result([dirty])] }));
      const run = synthesize({ root, now: () => new Date('2026-11-26T03:00:00.000Z'), secrets: { keys: { openalex: null, semanticscholar: null } } });
      expect(run.outcomes.map((o) => o.status)).toEqual(['written']);
      const stored = JSON.parse(readFileSync(join(root, 'src/content/syntheses/cached.json'), 'utf8'));
      expect(stored.papers.map((p: Paper) => [p.title, p.abstract])).toEqual([['Fuzzing parsers & hostile input', CLEAN_ABSTRACT]]);
      expect(JSON.stringify(stored)).not.toMatch(/jats|&amp;|gao2023far|[\u0000-\u0008]/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
