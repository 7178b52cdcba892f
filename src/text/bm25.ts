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
//     search(query, { keep, limit }): Bm25Hit[]              the same as search(query).filter(h => keep(h.id))
//                                                          .slice(0, limit), without sorting every hit
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

type Doc = { id: string; length: number; tf: Map<string, number>; /** position of the document in the index */ n: number };

// Search goes through postings (the documents holding each term) rather than over every document, so a query
// costs what its terms occur, not the size of the index: verification searches the sentences of every included
// paper once per claim. Each score is the same sum, in the same order, as when every document was scored.
export class Bm25Index {
  readonly #k1: number;
  readonly #b: number;
  readonly #docs = new Map<string, Doc>();
  readonly #df = new Map<string, number>();
  readonly #postings = new Map<string, { doc: Doc; tf: number }[]>();
  // search()'s per-document sums, reused from search to search; `stamp` marks the ones the current search wrote.
  #acc = new Float64Array(0);
  #stamp = new Uint32Array(0);
  #epoch = 0;
  #idf = new Map<string, number>();
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
    const doc = { id, length: terms.length, tf, n: this.#docs.size };
    for (const [t, n] of tf) {
      this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
      const list = this.#postings.get(t);
      if (list) list.push({ doc, tf: n });
      else this.#postings.set(t, [{ doc, tf: n }]);
    }
    this.#docs.set(id, doc);
    this.#totalLength += terms.length;
    if (this.#idf.size > 0) this.#idf = new Map();
  }

  search(query: Bm25Query, only: { keep?: (id: string) => boolean; limit?: number } = {}): Bm25Hit[] {
    const terms = weighted(query);
    const N = this.#docs.size;
    const avgdl = N > 0 ? this.#totalLength / N : 0;
    const k1 = this.#k1;
    const b = this.#b;
    const k1p1 = k1 + 1;
    if (this.#acc.length < N) {
      this.#acc = new Float64Array(N);
      this.#stamp = new Uint32Array(N);
    }
    const acc = this.#acc;
    const stamp = this.#stamp;
    const epoch = ++this.#epoch;
    const touched: Doc[] = [];
    // Term by term over each term's postings, adding into the document's sum: a document gets the same terms'
    // contributions, in the same (query) order and by the same expression as #scoreDoc, so the same float, without
    // a look-up of every query term in every candidate's term frequencies.
    for (const [q, weight] of terms) {
      const list = this.#postings.get(q);
      if (list === undefined) continue;
      const weightIdf = weight * this.idf(q);
      for (const { doc, tf } of list) {
        const norm = avgdl > 0 ? 1 - b + (b * doc.length) / avgdl : 1;
        const contribution = (weightIdf * tf * k1p1) / (tf + k1 * norm);
        if (stamp[doc.n] !== epoch) {
          stamp[doc.n] = epoch;
          acc[doc.n] = 0;
          touched.push(doc);
        }
        acc[doc.n]! += contribution;
      }
    }
    const { keep, limit = Infinity } = only;
    const hits: Bm25Hit[] = [];
    if (limit <= 0) return hits;
    // Hits are ordered by score, then id (ids are unique: a total order), so the order they are gathered in does not
    // matter, and the first `limit` of all of them are the first `limit` of those kept as they come: verification
    // wants 20 of a few hundred per claim (issue 13).
    for (const doc of touched) {
      const score = acc[doc.n]!;
      if (!(score > 0) || (keep !== undefined && !keep(doc.id))) continue;
      if (hits.length < limit) {
        hits.push({ id: doc.id, score });
        if (hits.length === limit) hits.sort(byScore);
      } else if (byScore({ id: doc.id, score }, hits[limit - 1]!) < 0) {
        // Into its place among the best so far; the last drops out.
        let at = limit - 1;
        while (at > 0 && byScore({ id: doc.id, score }, hits[at - 1]!) < 0) at--;
        hits.splice(at, 0, { id: doc.id, score });
        hits.pop();
      }
    }
    return hits.length < limit ? hits.sort(byScore) : hits;
  }

  score(id: string, query: Bm25Query): number {
    const doc = this.#docs.get(id);
    if (!doc) return 0;
    return this.#scoreDoc(doc, weighted(query));
  }

  idf(term: string): number {
    let idf = this.#idf.get(term);
    if (idf === undefined) {
      const n = this.#df.get(term) ?? 0;
      const N = this.#docs.size;
      idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      this.#idf.set(term, idf);
    }
    return idf;
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

function byScore(x: Bm25Hit, y: Bm25Hit): number {
  return y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

function weighted(query: Bm25Query): (readonly [string, number])[] {
  if (typeof query === 'string') return contentTerms(query).map((t) => [t, 1] as const);
  if (query instanceof Map) return [...query.entries()];
  return (query as readonly string[]).map((t) => [t, 1] as const);
}
