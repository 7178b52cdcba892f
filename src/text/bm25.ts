// Okapi BM25 over content terms, for ranking records against a question and evidence against a claim.
//
// Exported API
//   type Bm25Hit = { id: string; score: number }
//   type Bm25Options = { k1?: number; b?: number }          defaults k1 = 1.2, b = 0.75
//   class Bm25Index
//     constructor(options?: Bm25Options)
//     add(doc: { id: string; text: string }): void          text is analysed with contentTerms()
//     addTerms(id: string, terms: readonly string[]): void  already-analysed terms
//     search(query: Bm25Query): Bm25Hit[]                   string → contentTerms(query); terms used as given;
//                                                          a Map gives each query term a weight (default 1).
//                                                          Only documents with score > 0; sorted by score desc,
//                                                          then id (code-unit order). Deterministic.
//     score(id: string, query: Bm25Query): number            one document's score (0 if unknown)
//     idf(term: string): number
//     get size(): number
//
// Why not MiniSearch (installed): its scores are BM25+ (a 0.5 floor per matched term) multiplied by the number
// of query terms matched, so they are not the textbook BM25 values a reader could recompute. This is the
// formula of Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009), with the
// non-negative idf log(1 + (N - n + 0.5) / (n + 0.5)) that Lucene uses:
//   score(D, Q) = Σ_{q ∈ Q} idf(q) · tf(q,D)·(k1+1) / (tf(q,D) + k1·(1 − b + b·|D|/avgdl))
// A query term repeated in Q counts once per occurrence (query term frequency is linear); a weighted query
// multiplies each term's contribution by its weight.
import { contentTerms } from './tokens.ts';

export type Bm25Hit = { id: string; score: number };
export type Bm25Options = { k1?: number; b?: number };
export type Bm25Query = string | readonly string[] | ReadonlyMap<string, number>;

type Doc = { id: string; length: number; tf: Map<string, number> };

export class Bm25Index {
  readonly #k1: number;
  readonly #b: number;
  readonly #docs = new Map<string, Doc>();
  readonly #df = new Map<string, number>();
  #totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.#k1 = options.k1 ?? 1.2;
    this.#b = options.b ?? 0.75;
  }

  get size(): number {
    return this.#docs.size;
  }

  add(doc: { id: string; text: string }): void {
    this.addTerms(doc.id, contentTerms(doc.text));
  }

  addTerms(id: string, terms: readonly string[]): void {
    if (this.#docs.has(id)) throw new Error(`Bm25Index: document "${id}" added twice`);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
    this.#docs.set(id, { id, length: terms.length, tf });
    this.#totalLength += terms.length;
  }

  search(query: Bm25Query): Bm25Hit[] {
    const terms = weighted(query);
    const hits: Bm25Hit[] = [];
    for (const doc of this.#docs.values()) {
      const score = this.#scoreDoc(doc, terms);
      if (score > 0) hits.push({ id: doc.id, score });
    }
    return hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  score(id: string, query: Bm25Query): number {
    const doc = this.#docs.get(id);
    if (!doc) return 0;
    return this.#scoreDoc(doc, weighted(query));
  }

  idf(term: string): number {
    const n = this.#df.get(term) ?? 0;
    const N = this.#docs.size;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  #scoreDoc(doc: Doc, terms: readonly (readonly [string, number])[]): number {
    const avgdl = this.#docs.size > 0 ? this.#totalLength / this.#docs.size : 0;
    let score = 0;
    for (const [q, weight] of terms) {
      const tf = doc.tf.get(q);
      if (!tf) continue;
      const norm = avgdl > 0 ? 1 - this.#b + (this.#b * doc.length) / avgdl : 1;
      score += (weight * this.idf(q) * tf * (this.#k1 + 1)) / (tf + this.#k1 * norm);
    }
    return score;
  }
}

function weighted(query: Bm25Query): (readonly [string, number])[] {
  if (typeof query === 'string') return contentTerms(query).map((t) => [t, 1] as const);
  if (query instanceof Map) return [...query.entries()];
  return (query as readonly string[]).map((t) => [t, 1] as const);
}
