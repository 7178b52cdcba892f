import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
import { merge } from '../../src/pipeline/merge.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { citationKey, citationKeys, toCsl, toCslItems } from '../../src/cite/csl.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const records = [
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'csl-json', path: 'corpora/ml4code.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
];
const papers = merge(records).papers;
const byArxiv = (id: string) => papers.find((p) => p.ids.arxiv === id)!;

describe('toCsl', () => {
  it('maps a published paper: DOI link, container, authors, issued', () => {
    // The ICST 2025 version of arXiv 2311.16169 (code-security tp0252 merged with llm4swsec khare2023understanding).
    const item = toCsl(byArxiv('2311.16169'));
    expect(item).toMatchObject({
      id: 'doi:10.1109/icst62969.2025.10988968',
      'citation-key': 'khare2023understanding',
      type: 'article',
      title: 'Understanding the effectiveness of large language models in detecting security vulnerabilities',
      DOI: '10.1109/icst62969.2025.10988968',
      URL: 'https://doi.org/10.1109/icst62969.2025.10988968',
      issued: { 'date-parts': [[2023]] },
    });
    expect(item.author?.[0]).toEqual({ family: 'Khare', given: 'Avishree' });
    expect(item.abstract).toBe(byArxiv('2311.16169').abstract);
  });

  it('cites an arXiv preprint by repository and identifier', () => {
    const item = toCsl(byArxiv('2410.07573'));
    expect(item).toMatchObject({
      id: 'arxiv:2410.07573',
      type: 'article',
      publisher: 'arXiv',
      number: 'arXiv:2410.07573',
      URL: 'https://arxiv.org/abs/2410.07573',
    });
    expect(item['container-title']).toBeUndefined();
  });

  it('keeps a known CSL type and the venue of a local record', () => {
    const vulnhunt = readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records.find((p) => p.ids.local === 'boi2024vulnhunt')!;
    expect(toCsl(vulnhunt)).toMatchObject({
      id: 'llm4swsec:boi2024vulnhunt',
      type: 'paper-conference',
      'container-title': 'Proceedings of the 39th ACM/SIGAPP Symposium on Applied Computing',
    });
    expect(toCsl(vulnhunt).URL).toBeUndefined();
  });
});

describe('citation keys', () => {
  it('are readable: family name, year, first significant title word, ASCII only', () => {
    expect(citationKey(byArxiv('2407.14372'))).toBe('goncalves2024scope');
    const noAuthor = Paper.parse({ id: 's:x', ids: {}, title: 'The Art of Code', abstract: null, authors: [], year: null, venue: null, type: null, url: null, sources: ['s'] });
    expect(citationKey(noAuthor)).toBe('anonndart');
  });

  it('are unique and do not depend on input order', () => {
    const keys = citationKeys(papers);
    expect(new Set(keys.values()).size).toBe(papers.length);
    expect([...keys.values()].every((k) => /^[a-z0-9]+$/.test(k))).toBe(true);
    const reversed = citationKeys([...papers].reverse());
    expect([...reversed].sort()).toEqual([...keys].sort());
    // Real collisions exist in the merged corpora (same first author, year and first title word).
    const bases = new Set(papers.map(citationKey));
    expect(bases.size).toBeLessThan(papers.length);
  });

  it('toCslItems sorts by key', () => {
    const items = toCslItems(papers.slice(0, 50));
    const keys = items.map((i) => i['citation-key']!);
    expect(keys).toEqual([...keys].sort());
  });
});
