// Test input from the project's real corpora (corpora/*.csl.json, see corpora/PROVENANCE.md): CSL-JSON items
// turned into Paper records the way a local-corpus source does, and sentences located in their abstracts
// with exact offsets the way claim extraction does. Only what the review/compose tests need; the real
// parsers (src/sources/csl-json.ts) and extractor (src/pipeline/claims.ts) belong to other stages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../src/records/index.ts';

type CslItem = {
  id: string;
  type?: string;
  title: string;
  abstract?: string;
  author?: { family: string; given?: string }[];
  issued?: { 'date-parts'?: number[][] };
  'container-title'?: string;
  URL?: string;
  number?: string;
  DOI?: string;
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = new Map<string, CslItem[]>();

export function corpusPaper(corpus: 'ml4code' | 'code-security', id: string): Paper {
  let items = cache.get(corpus);
  if (!items) {
    items = JSON.parse(readFileSync(`${root}corpora/${corpus}.csl.json`, 'utf8')) as CslItem[];
    cache.set(corpus, items);
  }
  const it = items.find((x) => x.id === id);
  if (!it) throw new Error(`no record ${id} in corpora/${corpus}.csl.json`);
  const arxiv = /arXiv:(\d{4}\.\d{4,5})/.exec(`${it.number ?? ''} ${it.URL ?? ''} ${it['container-title'] ?? ''}`)?.[1];
  const ids: Paper['ids'] = { local: it.id };
  if (arxiv) ids.arxiv = arxiv;
  if (it.DOI) ids.doi = it.DOI.toLowerCase();
  return {
    id: `${corpus}:${it.id}`,
    ids,
    title: it.title,
    abstract: it.abstract ?? null,
    tldr: null,
    authors: (it.author ?? []).map((a) => (a.given ? { family: a.family, given: a.given } : { family: a.family })),
    year: it.issued?.['date-parts']?.[0]?.[0] ?? null,
    venue: it['container-title'] ?? null,
    type: it.type ?? null,
    url: it.URL ?? null,
    citationCount: null,
    keywords: [],
    sources: [corpus],
  };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The whole abstract sentence containing `fragment`, with its UTF-16 offsets in the abstract. */
export function sentenceOf(paper: Paper, fragment: string): { text: string; start: number; end: number } {
  const abstract = paper.abstract ?? '';
  for (const s of segmenter.segment(abstract)) {
    if (!s.segment.includes(fragment)) continue;
    const text = s.segment.trim();
    const start = s.index + s.segment.indexOf(text);
    return { text, start, end: start + text.length };
  }
  throw new Error(`"${fragment}" is not in the abstract of ${paper.id}`);
}
