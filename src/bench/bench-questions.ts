// Questions for the build benchmark, generated from real papers (corpora/): each question gets its own
// corpus slice of real records and facets drawn from its papers' own vocabulary, so screening, claims and
// verification do the work they do on a real review.
//
// Exported API
//   benchPool(papers: Paper[]): Paper[]                 the corpora's papers, merged into distinct works
//   generateQuestions(pool, options): BenchQuestion[]   `count` questions of `papers` records each
//   bigQuestion(pool, options): BenchQuestion           one question with `records` records
//
// How a question is made (deterministic for a seed):
//   - an anchor paper with an abstract is drawn;
//   - its distinctive words (tf · idf over the pool, content words of 4+ letters) become the facets' terms:
//     three facets of three terms, each facet led by one of the three strongest words;
//   - its slice holds the anchor, the papers the anchor's words retrieve best (BM25 over the pool, 60% of the
//     slice) and random others (40%): on-topic records to include and off-topic ones to exclude, as a search
//     returns them;
//   - the citation style goes round the five styles a question may name, so every citeproc style is used.
// A question with more records than the corpora hold (bigQuestion) takes copies of real records as new works:
// copy k of a record keeps its title and abstract, takes the author list of another record and a local id of
// its own, drops the record's DOI, arXiv id and URL, and is dated 2k years earlier, so merging keeps the copies
// apart as it would different works. Merging the pool first keeps the corpora's own duplicates (a paper listed in two corpora)
// from being counted twice.
import type { Paper, Question } from '../records/index.ts';
import { merge } from '../pipeline/merge.ts';
import { Bm25Index } from '../text/bm25.ts';
import { STOPWORDS, stem, tokenize } from '../text/tokens.ts';
import { mulberry32 } from '../stance-model/seeded-random.ts';

export type BenchQuestion = {
  id: string;
  /** the question as its YAML file holds it (without id) */
  file: Omit<Question, 'id'>;
  /** the records of its corpus slice */
  papers: Paper[];
};

export type GenerateOptions = {
  count: number;
  papers: number;
  seed: number;
  maxIncluded: number;
  /** path of a question's slice, from the benchmark root */
  corpusPath: (id: string) => string;
};

const STYLES = ['apa', 'vancouver', 'harvard1', 'mla', 'chicago'] as const;
const ON_TOPIC_SHARE = 0.6;
const FACETS = 3;
const TERMS_PER_FACET = 3;
/** Abstracts shorter than this give too few distinctive words to make facets from. */
const MIN_ANCHOR_ABSTRACT = 400;

export function benchPool(papers: readonly Paper[]): Paper[] {
  return merge(papers).papers;
}

type Vocabulary = { index: Bm25Index; df: Map<string, number>; docs: number };

function vocabulary(pool: readonly Paper[]): Vocabulary {
  const index = new Bm25Index();
  const df = new Map<string, number>();
  pool.forEach((p, i) => {
    index.add({ id: String(i).padStart(6, '0'), text: `${p.title}\n${p.abstract ?? ''}` });
    for (const s of new Set(words(`${p.title} ${p.abstract ?? ''}`).map(stem))) df.set(s, (df.get(s) ?? 0) + 1);
  });
  return { index, df, docs: pool.length };
}

// Content words a question author would write as facet terms: letters (and inner hyphens), 4+ characters.
function words(text: string): string[] {
  return tokenize(text).filter((t) => t.length >= 4 && /^\p{L}[\p{L}-]*\p{L}$/u.test(t) && !STOPWORDS.has(t));
}

/** The anchor's most distinctive words, strongest first, one written form per stem (its most frequent). */
function distinctiveWords(anchor: Paper, vocab: Vocabulary, n: number): string[] {
  const forms = new Map<string, Map<string, number>>();
  for (const w of words(`${anchor.title} ${anchor.title} ${anchor.abstract ?? ''}`)) {
    const s = stem(w);
    const f = forms.get(s) ?? new Map<string, number>();
    f.set(w, (f.get(w) ?? 0) + 1);
    forms.set(s, f);
  }
  const scored = [...forms].map(([s, f]) => {
    const tf = [...f.values()].reduce((a, b) => a + b, 0);
    const idf = Math.log(1 + vocab.docs / (vocab.df.get(s) ?? 1));
    const form = [...f].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    return { form, score: tf * idf };
  });
  return scored
    .sort((a, b) => b.score - a.score || (a.form < b.form ? -1 : 1))
    .slice(0, n)
    .map((s) => s.form);
}

function questionFor(id: string, anchor: Paper, terms: readonly string[], style: (typeof STYLES)[number], corpus: string, maxIncluded: number): Omit<Question, 'id'> {
  const facets = Array.from({ length: FACETS }, (_, f) => {
    const facetTerms = terms.filter((_, i) => i % FACETS === f);
    return { id: `facet-${f + 1}-${facetTerms[0]!.replace(/[^a-z0-9]+/g, '-')}`, label: `What the studies report on ${facetTerms[0]}`, terms: facetTerms, role: 'aspect' as const };
  });
  return {
    title: `Evidence on ${terms.slice(0, 3).join(', ')} (${id})`,
    question: `What do studies like "${anchor.title}" report about ${terms[0]}, ${terms[1]} and ${terms[2]}?`,
    facets,
    sources: [{ type: 'csl-json', path: corpus }],
    screening: { require: [], exclude: [], requireAbstract: true, minRelevance: 0.3, maxIncluded, decisions: [] },
    citationStyle: style,
    maintainers: ['sift-bench'],
  };
}

function anchors(pool: readonly Paper[]): number[] {
  return pool.flatMap((p, i) => ((p.abstract?.length ?? 0) >= MIN_ANCHOR_ABSTRACT ? [i] : []));
}

export function generateQuestions(pool: readonly Paper[], options: GenerateOptions): BenchQuestion[] {
  if (options.papers > pool.length) throw new Error(`--papers ${options.papers}: the corpora hold ${pool.length} distinct papers`);
  const vocab = vocabulary(pool);
  const candidates = anchors(pool);
  const rand = mulberry32(options.seed);
  const out: BenchQuestion[] = [];
  for (let q = 0; q < options.count; q++) {
    const id = `bench-${String(q + 1).padStart(5, '0')}`;
    const a = candidates[Math.floor(rand() * candidates.length)]!;
    const anchor = pool[a]!;
    const terms = distinctiveWords(anchor, vocab, FACETS * TERMS_PER_FACET);
    const chosen = new Set<number>([a]);
    const onTopic = Math.round(options.papers * ON_TOPIC_SHARE);
    for (const hit of vocab.index.search(terms.map(stem))) {
      if (chosen.size >= onTopic) break;
      chosen.add(Number(hit.id));
    }
    while (chosen.size < options.papers) chosen.add(Math.floor(rand() * pool.length));
    const papers = [...chosen].sort((x, y) => x - y).map((i) => pool[i]!);
    out.push({ id, file: questionFor(id, anchor, terms, STYLES[q % STYLES.length]!, options.corpusPath(id), options.maxIncluded), papers });
  }
  return out;
}

export type BigQuestionOptions = { records: number; seed: number; maxIncluded: number; corpusPath: (id: string) => string };

/** A copy of a real record as another work (see the header). */
function copyOf(paper: Paper, k: number, authorsFrom: Paper): Paper {
  if (k === 0) return paper;
  const local = `copy${k}-${paper.id.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  // Merge rule 4 (src/pipeline/merge.ts) joins records with near-identical abstracts under agreeing titles at most
  // a year apart or with a year unknown: every copy of a record would be merged back into it (10,000 records were
  // 2,913 works). Copy k is dated 2k years before its record (a record without a year is taken as 2000), so no two
  // copies of one record are within a year of each other or of it.
  const year = (paper.year ?? 2000) - 2 * k;
  return { ...paper, id: `bench:${local}`, ids: { local }, authors: authorsFrom.authors, url: null, year };
}

export function bigQuestion(pool: readonly Paper[], options: BigQuestionOptions): BenchQuestion {
  const vocab = vocabulary(pool);
  const candidates = anchors(pool);
  const rand = mulberry32(options.seed);
  const anchor = pool[candidates[Math.floor(rand() * candidates.length)]!]!;
  const terms = distinctiveWords(anchor, vocab, FACETS * TERMS_PER_FACET);
  const papers: Paper[] = [];
  for (let i = 0; i < options.records; i++) {
    const k = Math.floor(i / pool.length);
    papers.push(copyOf(pool[i % pool.length]!, k, pool[(i * 7919 + k) % pool.length]!));
  }
  const id = `bench-big-${options.records}`;
  return { id, file: questionFor(id, anchor, terms, 'apa', options.corpusPath(id), options.maxIncluded), papers };
}
