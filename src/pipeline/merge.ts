import type { Identifiers, Paper } from '../records/index.ts';
import { foldSpelling, isPreprint, normaliseTitle, paperId, paperIdRank, publishedDoi } from '../identity/index.ts';

// Merge & de-duplicate: records that name the same work become one Paper. Links (union-find):
//   1. a shared identifier (DOI, arXiv id without version, PMID, PMCID, OpenAlex, Semantic Scholar) —
//      a preprint whose metadata also names the published DOI thereby links both versions;
//   2. the same normalised title, year and first author's family name;
//   3. the same normalised title and first author where one record is an arXiv (or other) preprint and
//      the other a published version at most PREPRINT_GAP_YEARS apart (see below);
//   4. near-identical abstracts under titles that agree up to a subtitle, at most a year apart or one year
//      unknown (see SAME_ABSTRACT) — for records exported without identifiers, authors or years.
// The result does not depend on the order of `records`: every tie is broken on the records' content.

// A preprint is usually posted months to a year or two before the proceedings or journal version carries
// its title, so its year differs and rule 2 cannot see the pair. Two years covers the usual review and
// publication delay; beyond that, the same first author reusing a title is likelier a different work
// (a follow-up, an extended version), which a review should count separately.
const PREPRINT_GAP_YEARS = 2;

// Rule 4. Exports from several databases often carry neither identifiers nor authors nor years, and give the
// title with or without its subtitle ("Effect of Financial Incentives … on Lipid Levels" and the same with
// ": A randomized clinical trial.", nagtegaal-2019 n1804 / n1450): unmerged, such a pair is screened twice
// and corroborates itself. The abstract, the longest text both copies share, decides: the Jaccard index of
// the two abstracts' sets of word 5-grams (shingles, after normaliseTitle's folding of case, accents and
// punctuation; markup removed).
// The abstract alone is not enough: nagtegaal-2019 gives "Canadian Contraception Consensus (Part 1 of 4)" and
// "(Part 2 of 4)" one abstract, and one abstract to two unrelated titles (n0299, n1341; Jaccard 1.0 both). So
// one record's title must also be the other's whole title or its title before a subtitle separator (':', '.',
// '?', '!' before a space, or a dash between spaces), compared without spaces so "5-HT2A" and "5-HT(2A)" agree.
// That condition also finds the candidates, through an index of titles (see HEAD_MIN): records are never
// compared all against all, and only candidates' abstracts are read.
// minJaccard was chosen on the development data (../shared/data/screening: nagtegaal-2019, bannach-brown-2019),
// reading every pair scoring 0.1 or more: pairs of one work score 0.50 to 1.00 but one (below; the lowest a
// Cochrane review against another version of it), different works at most 0.30 (two mouse studies of
// different compounds in one template, bannach-brown b0720 / b1005), apart from the shared abstracts above,
// which the titles tell apart; 0.4 lies between. Merged at 0.4: 12 pairs in nagtegaal-2019 (9 of them among
// the 11 duplicates its source marks), 1 in bannach-brown-2019, all one work. Missed: a marked duplicate whose
// export repeats its abstract's sections (0.18). Titles are compared with British and American spellings folded
// (foldSpelling), which joins "behaviors" and "behaviours" (n0500 / n0600). Abstracts
// under minWords words (a repeated title, a truncated export) are too short to tell works apart.
const SAME_ABSTRACT = { minJaccard: 0.4, minWords: 40, shingle: 5, maxYearGap: 1 } as const;
const SUBTITLE = /[:.?!](?=\s)|\s[-\u2013\u2014]\s/g;

const ID_FIELDS = ['doi', 'arxiv', 'pmid', 'pmcid', 'openalex', 's2'] as const;

type Member = { paper: Paper; key: string; title: string; firstAuthor: string | null; preprint: boolean };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}



// A title as the rules compare it: normalised, with British and American spellings folded ("behaviours" /
// "behaviors", nagtegaal-2019 n0600 / n0500: one title in two spellings).
function matchingTitle(title: string): string {
  return foldSpelling(normaliseTitle(title));
}

function member(paper: Paper): Member {
  const family = paper.authors[0]?.family;
  return {
    paper,
    // Content, not position, orders records: the same records in any order give the same output.
    key: `${paper.id}\u0000${JSON.stringify(paper)}`,
    title: matchingTitle(paper.title),
    firstAuthor: family === undefined ? null : normaliseTitle(family) || null,
    preprint: isPreprint(paper),
  };
}

// The title, normalised and without spaces, before each subtitle separator (shorter than the whole title).
function titleHeads(title: string, compactTitle: string): string[] {
  const heads = new Set<string>();
  for (const s of title.matchAll(SUBTITLE)) {
    heads.add(matchingTitle(title.slice(0, s.index)).replaceAll(' ', ''));
  }
  return [...heads].filter((h) => h !== '' && h !== compactTitle);
}

// The abstract's distinct shingles; none when it is missing or shorter than minWords.
function abstractShingles(abstract: string | null): Set<string> {
  const shingles = new Set<string>();
  if (abstract === null) return shingles;
  // Some sources deliver JATS or HTML markup in the abstract; its tag names are not words of the text.
  const words = normaliseTitle(abstract.replace(/<[^>]*>/g, ' ')).split(' ').filter((w) => w !== '');
  if (words.length < SAME_ABSTRACT.minWords) return shingles;
  for (let i = 0; i + SAME_ABSTRACT.shingle <= words.length; i++) shingles.add(words.slice(i, i + SAME_ABSTRACT.shingle).join(' '));
  return shingles;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

// Rule 4's links. Candidates share a compact title, or one's compact title begins with the other's: an index
// of titles' first HEAD_MIN characters finds them, and only then is the longer title read for subtitles. A
// title or head shorter than that ('Editorial', 'Reply') says too little to take part.
const HEAD_MIN = 10;

function sameAbstractPairs(members: readonly Member[]): [number, number][] {
  const compact = members.map((m) => m.title.replaceAll(' ', ''));
  const byStart = new Map<string, number[]>();
  compact.forEach((title, i) => {
    if (title.length < HEAD_MIN) return;
    const key = title.slice(0, HEAD_MIN);
    const group = byStart.get(key);
    if (group) group.push(i);
    else byStart.set(key, [i]);
  });
  const candidates: [number, number][] = [];
  for (const group of byStart.values()) {
    for (const i of group) {
      for (const j of group) {
        if (i === j || !compact[i]!.startsWith(compact[j]!)) continue;
        // Equal titles are taken once, from the smaller index; a longer one must have the other as a head.
        const agree =
          compact[i]!.length === compact[j]!.length ? i < j : titleHeads(members[i]!.paper.title, compact[i]!).includes(compact[j]!);
        if (agree) candidates.push([i, j]);
      }
    }
  }
  const shinglesOf = new Map<number, Set<string>>();
  const shingles = (i: number) =>
    shinglesOf.get(i) ?? shinglesOf.set(i, abstractShingles(members[i]!.paper.abstract)).get(i)!;
  return candidates.filter(([i, j]) => {
    const ya = members[i]!.paper.year;
    const yb = members[j]!.paper.year;
    if (ya !== null && yb !== null && Math.abs(ya - yb) > SAME_ABSTRACT.maxYearGap) return false;
    const a = shingles(i);
    const b = shingles(j);
    return a.size > 0 && b.size > 0 && jaccard(a, b) >= SAME_ABSTRACT.minJaccard;
  });
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) [this.parent[i], i] = [root, this.parent[i]!];
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index (earlier in content order) becomes the root, so roots do not depend on call order.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function groupBy(members: readonly Member[], keyOf: (m: Member) => (string | null)[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  members.forEach((m, i) => {
    for (const key of keyOf(m)) {
      if (key === null) continue;
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
  });
  return groups;
}

function identifierKeys(ids: Identifiers): string[] {
  return ID_FIELDS.filter((f) => ids[f] !== undefined).map((f) => `${f}:${ids[f]!}`);
}

// Real corpora carry mis-assigned identifiers: ml4code.csl.json gives "Learning to Execute" (Zaremba &
// Sutskever, 2014) the arXiv URL of "Learning to Represent Edits" (Yin et al., 2019). Following such a
// link would drop a paper from the review, so an identifier joins two records only when they also agree
// on the title or on the first author (a renamed arXiv version keeps its first author).
function plausiblySameWork(a: Member, b: Member): boolean {
  return a.title === b.title || a.firstAuthor === null || b.firstAuthor === null || a.firstAuthor === b.firstAuthor;
}

function linkClusters(members: readonly Member[]): UnionFind {
  const sets = new UnionFind(members.length);
  for (const group of groupBy(members, (m) => identifierKeys(m.paper.ids)).values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (plausiblySameWork(members[group[i]!]!, members[group[j]!]!)) sets.union(group[i]!, group[j]!);
      }
    }
  }
  const titleYearAuthor = (m: Member) => [
    m.title !== '' && m.firstAuthor !== null ? `${m.title}\u0000${m.paper.year ?? '?'}\u0000${m.firstAuthor}` : null,
  ];
  for (const group of groupBy(members, titleYearAuthor).values()) for (const i of group) sets.union(group[0]!, i);
  const titleAuthor = (m: Member) => [m.title !== '' && m.firstAuthor !== null ? `${m.title}\u0000${m.firstAuthor}` : null];
  for (const group of groupBy(members, titleAuthor).values()) {
    for (const i of group) {
      for (const j of group) {
        const a = members[i]!;
        const b = members[j]!;
        if (!a.preprint || b.preprint || a.paper.year === null || b.paper.year === null) continue;
        if (Math.abs(a.paper.year - b.paper.year) <= PREPRINT_GAP_YEARS) sets.union(i, j);
      }
    }
  }
  for (const [i, j] of sameAbstractPairs(members)) sets.union(i, j);
  return sets;
}

// The record that speaks for the work: the earliest published (non-preprint) version, then the one with
// the best kind of id, then content order.
function primaryFirst(a: Member, b: Member): number {
  return (
    Number(a.preprint) - Number(b.preprint) ||
    (a.paper.year ?? Infinity) - (b.paper.year ?? Infinity) ||
    paperIdRank(a.paper.id) - paperIdRank(b.paper.id) ||
    compare(a.key, b.key)
  );
}

function firstDefined<T>(values: readonly (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

function mergedIds(cluster: readonly Member[]): Identifiers {
  const ids: Identifiers = {};
  const doi =
    firstDefined(cluster.map((m) => (publishedDoi(m.paper.ids) ? m.paper.ids.doi : null))) ??
    firstDefined(cluster.map((m) => m.paper.ids.doi));
  if (doi !== null) ids.doi = doi;
  for (const field of [...ID_FIELDS.slice(1), 'local'] as const) {
    const value = firstDefined(cluster.map((m) => m.paper.ids[field]));
    if (value !== null) ids[field] = value;
  }
  return ids;
}

function bestId(ids: Identifiers, cluster: readonly Member[], contested: ReadonlySet<string>): string {
  const usable: Identifiers = {};
  for (const field of ID_FIELDS) {
    const value = ids[field];
    if (value !== undefined && !contested.has(`${field}:${value}`)) usable[field] = value;
  }
  // "First local": the source-local id of the first record, in primaryFirst order, that has one — for
  // local corpora the record `ids.local` also comes from.
  const locals = cluster
    .map((m) => (paperIdRank(m.paper.id) === 3 ? m.paper.id : m.paper.ids.local === undefined ? null : `${m.paper.sources[0]!}:${m.paper.ids.local}`))
    .filter((v): v is string => v !== null);
  return paperId(usable, locals[0] ?? cluster[0]!.paper.id);
}

function mergeCluster(cluster: readonly Member[], contested: ReadonlySet<string>): Paper {
  const primary = cluster[0]!.paper;
  const papers = cluster.map((m) => m.paper);
  const ids = mergedIds(cluster);
  let abstract: string | null = null;
  for (const p of papers) if (p.abstract !== null && (abstract === null || p.abstract.length > abstract.length)) abstract = p.abstract;
  const counts = papers.map((p) => p.citationCount).filter((c): c is number => c !== null);
  return {
    id: bestId(ids, cluster, contested),
    ids,
    title: primary.title,
    abstract,
    tldr: firstDefined(papers.map((p) => p.tldr)),
    authors: papers.find((p) => p.authors.length > 0)?.authors ?? [],
    year: primary.year ?? firstDefined(papers.map((p) => p.year)),
    venue: firstDefined(papers.map((p) => p.venue)),
    type: primary.type ?? firstDefined(papers.map((p) => p.type)),
    url: primary.url ?? firstDefined(papers.map((p) => p.url)),
    citationCount: counts.length === 0 ? null : Math.max(...counts),
    keywords: [...new Set(papers.flatMap((p) => p.keywords))],
    sources: [...new Set(papers.flatMap((p) => p.sources))].sort(compare),
  };
}

/**
 * Merges records that name the same work; `duplicates` is how many records were folded into others. `recordNames`
 * lists, per merged paper id, the names its records had before merging (each record's id, and
 * `<source>:<local id>` where the record has a local id), so a maintainer's decision or a benchmark label that
 * names a merged-away record still finds its paper.
 */
export function merge(records: readonly Paper[]): { papers: Paper[]; duplicates: number; recordNames: Map<string, string[]> } {
  const members = records.map(member).sort((a, b) => compare(a.key, b.key));
  const sets = linkClusters(members);
  const clusters = new Map<number, Member[]>();
  members.forEach((m, i) => {
    const root = sets.find(i);
    const cluster = clusters.get(root);
    if (cluster) cluster.push(m);
    else clusters.set(root, [m]);
  });
  // An identifier held by two clusters (a link refused above) cannot name either of them.
  const holders = new Map<string, Set<number>>();
  for (const [root, cluster] of clusters) {
    for (const m of cluster) {
      for (const key of identifierKeys(m.paper.ids)) holders.set(key, (holders.get(key) ?? new Set()).add(root));
    }
  }
  const contested = new Set([...holders].filter(([, roots]) => roots.size > 1).map(([key]) => key));
  const merged = [...clusters.values()]
    .map((cluster) => ({ paper: mergeCluster(cluster.sort(primaryFirst), contested), cluster }))
    .sort((a, b) => compare(a.paper.id, b.paper.id) || compare(JSON.stringify(a.paper), JSON.stringify(b.paper)));
  const papers = merged.map((m) => m.paper);
  // Ids must be unique downstream (decisions and claims refer to papers by id); two clusters can only
  // share one when a corpus gave two unrelated records the same id, so they are told apart, not merged.
  const seen = new Map<string, number>();
  for (const paper of papers) {
    const n = (seen.get(paper.id) ?? 0) + 1;
    seen.set(paper.id, n);
    if (n > 1) paper.id = `${paper.id}~${n}`;
  }
  const recordNames = new Map<string, string[]>();
  for (const { paper, cluster } of merged) {
    const names = cluster.flatMap((m) => [m.paper.id, ...(m.paper.ids.local === undefined ? [] : m.paper.sources.map((s) => `${s}:${m.paper.ids.local}`))]);
    recordNames.set(paper.id, [...new Set(names)].sort(compare));
  }
  return { papers, duplicates: records.length - papers.length, recordNames };
}
