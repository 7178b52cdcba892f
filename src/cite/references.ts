import type { Paper, Question, Reference } from '../records/index.ts';
import type { CSL } from './citation-js.ts';
import { citeprocEngine, registerStyles, styleXml, type CiteprocEngine } from './citation-js.ts';
import { withNameGuards, withoutNameGuards } from './citeproc-names.ts';
import { citationKeys, toCsl } from './csl.ts';
import type { LocalStyles } from './styles.ts';

type CitationStyle = Question['citationStyle'];

/** The reference list of papers in a citation style, each entry with its in-text citation label. */
export type ReferenceFormatter = (papers: readonly Paper[], style: CitationStyle) => Reference[];

/**
 * The reference formatter the runner hands the pipeline: registers the bundled styles (read once per run
 * by the runner, src/store/csl-styles.ts) with citation-js, then formats with formatReferences. The
 * formatter remembers what citeproc wrote for papers that stand alone in a reference list (see
 * cachedReferences below), so a run over many reviews citing the same papers formats each paper once per
 * style, not once per review.
 */
export function referenceFormatter(styles: LocalStyles, observe: { citeprocItems?: (count: number) => void } = {}): ReferenceFormatter {
  registerStyles(styles);
  const memory = new Map<CitationStyle, StyleMemory>();
  return (papers, style) => {
    let m = memory.get(style);
    if (m === undefined) memory.set(style, (m = { alone: new Map(), groups: new Map(), observe: observe.citeprocItems }));
    return cachedReferences(papers, style, m);
  };
}

/** What citeproc wrote for one cited item: its list entry (whitespace-normalised) and its in-text label. */
type Formatted = { text: string; citation: string };
/** An item's bibliography sort keys, as citeproc computed them (CSL <sort>, names never disambiguated). */
type SortKeys = readonly (string | undefined)[];
type Alone = Formatted & { sortKeys: SortKeys };
type StyleMemory = {
  /** by the item's CSL-JSON: what it gets when nothing else in the list can change it (see below) */
  alone: Map<string, Alone>;
  /** by the CSL-JSON of a group's members (see below), what each of them gets, in the group's order */
  groups: Map<string, Alone[]>;
  compare?: ((a: SortKeys, b: SortKeys) => number) | null;
  traits?: StyleTraits;
  /** told how many items each citeproc run of the memory formats (tests count what the memory saves) */
  observe?: ((count: number) => void) | undefined;
};
/** A bound on what is remembered per style, so a long-running process cannot grow without limit. */
const MEMORY_LIMIT = 50_000;

type CiteprocItem = Omit<CSL, 'abstract' | 'keyword'>;

// Papers in citeproc's order of first citation: numeric styles number them in the order given (the caller
// gives them in order of first citation); author-date styles take them in paper-id order, so ties and year
// suffixes ("2024a", "2024b") are the same on every run whatever the input order.
function citeprocItems(papers: readonly Paper[], numeric: boolean): { ordered: Paper[]; items: CiteprocItem[] } {
  const ordered = numeric ? [...papers] : [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keys = citationKeys(ordered);
  // No style prints abstracts or keywords; leaving them out spares citeproc the text. Names are guarded
  // so one named like an Object.prototype member cannot crash citeproc (src/cite/citeproc-names.ts).
  const items = ordered.map((p) => {
    const { abstract: _abstract, keyword: _keyword, ...item } = toCsl(p, keys.get(p.id)!);
    return withNameGuards(item);
  });
  return { ordered, items };
}

/**
 * The reference list of `papers` in `style`, formatted by citeproc-js through citation-js, plain text,
 * locale en-US, each entry with the in-text citation of its paper from the same citeproc run, so a year
 * suffix ("Boi et al., 2024a") or an added initial ("C. Chen et al., 2023") in the text is the one the
 * reference list prints. Order:
 * - numeric styles (vancouver): the order of `papers`, which the caller gives in order of first citation,
 *   so the printed numbers ("1. …") match the citations;
 * - author-date and author styles (apa, harvard1, mla, chicago): the style's own bibliography sort (author,
 *   year, title — its CSL <sort>), not the formatted text, because MLA and Chicago print a repeated author
 *   as "———." and a text sort would tear those entries from their author. Input is taken in paper-id order,
 *   so ties and year suffixes ("2024a", "2024b") are the same on every run.
 */
export function formatReferences(papers: readonly Paper[], style: CitationStyle): Reference[] {
  if (papers.length === 0) return [];
  const numeric = /citation-format="numeric"/.test(styleXml(style));
  const { ordered, items } = citeprocItems(papers, numeric);
  const run = citeprocRun(ordered, items, style);
  return run.order.map((id) => ({ paper: id, ...run.formatted.get(id)! }));
}

/**
 * formatReferences, with what citeproc wrote for papers that stand alone remembered across calls.
 *
 * What can make citeproc-js (2.4) write an item differently because of the other items of the list, in the
 * styles' settings (read from each style's XML, see styleTraits):
 * - ambiguous cites (two cites that read alike, "Chen et al., 2023"): citeproc adds names, initials or a
 *   year suffix to the items of each set of alike cites. Alike cites begin with the same first author's
 *   family name and, in an author-date style, carry the same year;
 * - global name disambiguation (givenname-disambiguation-rule "primary-name…" with
 *   disambiguate-add-givenname): citeproc registers each item's first author and adds initials to first
 *   authors who share a family name but not their given names, whatever the year. ("by-cite", the default,
 *   registers names per item: no effect across items. "all-names…" would reach every author: no style here
 *   uses it, and a style that did is always formatted whole.);
 * - subsequent-author-substitute (MLA, Chicago "———"): the entry before with the same printed names, which
 *   begin with the same first author;
 * - the number of a numeric style's entry and label (its position).
 * So two items can affect each other only when their first authors share a family name (compared loosely:
 * case, accents and punctuation ignored) and, in an author-date style without subsequent-author-substitute
 * and without global name disambiguation, the same year; with global name disambiguation also when their
 * given names differ at all. Items linked this way, directly or through others, form a group. An item alone in its
 * group gets the entry and label it gets alone; those are remembered per style, keyed by the item's CSL-JSON.
 * The other groups are formatted together in one citeproc run, which gives each of them what the whole list
 * would, since nothing outside a group touches it; for the same reason a group's entries are remembered too,
 * keyed by its members' CSL-JSON (MLA and Chicago link every two papers whose first authors share a family name,
 * and the same pairs recur from review to review). The list is then ordered by citeproc's own comparison
 * of the items' bibliography sort keys, which never depend on the other items (citeproc computes them
 * without disambiguation). A numeric style without disambiguation: an item's entry is its number followed
 * by what it gets alone.
 * Whenever this reasoning might not hold — an item without authors (its cite is its title), two items whose
 * sort keys tie (citeproc's insertion order then depends on the whole list), a style whose list has no
 * <sort>, an entry that does not start with its number, all-names disambiguation — the whole list is
 * formatted in one run, as formatReferences does. tests/cite/references-memory.test.ts compares both ways on
 * many real lists.
 */
function cachedReferences(papers: readonly Paper[], style: CitationStyle, memory: StyleMemory): Reference[] {
  if (papers.length === 0) return [];
  const traits = (memory.traits ??= styleTraits(styleXml(style)));
  const { ordered, items } = citeprocItems(papers, traits.numeric);
  const whole = () => formatReferences(papers, style);
  if (traits.allNames) return whole();
  const json = items.map(memoryKey);
  if (memory.alone.size > MEMORY_LIMIT) memory.alone.clear();
  if (memory.groups.size > MEMORY_LIMIT) memory.groups.clear();

  if (traits.numeric) {
    if (traits.disambiguates) return whole();
    const missing = json.flatMap((j, i) => (memory.alone.has(j) ? [] : [i]));
    if (missing.length > 0) {
      memory.observe?.(missing.length);
      const run = citeprocRun(missing.map((i) => ordered[i]!), missing.map((i) => items[i]!), style);
      for (const [n, i] of missing.entries()) {
        const got = run.formatted.get(ordered[i]!.id)!;
        const number = String(n + 1);
        if (run.order[n] !== ordered[i]!.id || got.citation !== number || !got.text.startsWith(number) || /^\d/.test(got.text.slice(number.length))) return whole();
        memory.alone.set(json[i]!, { text: got.text.slice(number.length), citation: '', sortKeys: [] });
      }
    }
    return ordered.map((p, i) => ({ paper: p.id, text: `${i + 1}${memory.alone.get(json[i]!)!.text}`, citation: String(i + 1) }));
  }

  if (papers.some((p) => p.authors.length === 0)) return whole();
  const group = linkedGroups(ordered, traits);
  const members = new Map<number, number[]>();
  group.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  // A group of several is remembered whole, under its members' CSL-JSON in list order (paper-id order).
  const groupKey = (g: number) => members.get(g)!.map((i) => json[i]!).join('\u0000');
  const remembered = (i: number): Alone | undefined => {
    const list = members.get(group[i]!)!;
    if (list.length === 1) return memory.alone.get(json[i]!);
    return memory.groups.get(groupKey(group[i]!))?.[list.indexOf(i)];
  };
  const toRun = ordered.flatMap((_, i) => (remembered(i) ? [] : [i]));
  const compare = sortComparison(style, memory);
  if (compare === null) return whole();
  const got = new Map<string, Alone>();
  if (toRun.length > 0) {
    memory.observe?.(toRun.length);
    const run = citeprocRun(toRun.map((i) => ordered[i]!), toRun.map((i) => items[i]!), style);
    for (const i of toRun) {
      const id = ordered[i]!.id;
      got.set(id, { ...run.formatted.get(id)!, sortKeys: run.sortKeys.get(id)! });
    }
    for (const [g, list] of members) {
      if (!got.has(ordered[list[0]!]!.id)) continue;
      if (list.length === 1) memory.alone.set(json[list[0]!]!, got.get(ordered[list[0]!]!.id)!);
      else memory.groups.set(groupKey(g), list.map((i) => got.get(ordered[i]!.id)!));
    }
  }
  const listed = ordered.map((p, i) => ({ paper: p.id, ...(got.get(p.id) ?? remembered(i)!) }));
  listed.sort((a, b) => compare(a.sortKeys, b.sortKeys));
  for (let i = 1; i < listed.length; i++) if (compare(listed[i - 1]!.sortKeys, listed[i]!.sortKeys) === 0) return whole();
  return listed.map(({ paper, text, citation }) => ({ paper, text, citation }));
}

// What citeproc writes for an item depends on everything in its CSL-JSON but its id, which no style prints and
// which only names the item to citeproc. Paper ids can be scoped to a review's own sources (a CSL-JSON or BibTeX
// file's local keys: "<question>:<file>:<key>"), so the same paper cited by two reviews often carries two ids.
function memoryKey(item: CiteprocItem): string {
  const { id: _id, ...printed } = item;
  return JSON.stringify(printed);
}

/** What a style's CSL says about how its items can affect each other (see cachedReferences). */
type StyleTraits = {
  numeric: boolean;
  /** the cite carries the date (CSL category citation-format "author-date") */
  yearInCite: boolean;
  /** any disambiguate-* option on <citation> */
  disambiguates: boolean;
  /** global disambiguation of first authors' names */
  primaryNames: boolean;
  /** global disambiguation of every author's name */
  allNames: boolean;
  /** <bibliography subsequent-author-substitute> */
  substitutes: boolean;
};

function attribute(element: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? null;
}

function styleTraits(xml: string): StyleTraits {
  const format = /<category\b[^>]*\bcitation-format="([^"]*)"/.exec(xml)?.[1] ?? null;
  const citation = /<citation\b[^>]*>/.exec(xml)?.[0] ?? '';
  const bibliography = /<bibliography\b[^>]*>/.exec(xml)?.[0] ?? '';
  const rule = attribute(citation, 'givenname-disambiguation-rule') ?? 'by-cite';
  const givenNames = attribute(citation, 'disambiguate-add-givenname') === 'true';
  return {
    numeric: format === 'numeric',
    yearInCite: format === 'author-date',
    disambiguates: /\sdisambiguate-/.test(citation),
    primaryNames: givenNames && rule.startsWith('primary-name'),
    // An unknown rule is treated as the widest one.
    allNames: givenNames && !rule.startsWith('primary-name') && rule !== 'by-cite',
    substitutes: attribute(bibliography, 'subsequent-author-substitute') !== null,
  };
}

/**
 * For each paper (all with authors), its group: the papers it can affect or be affected by, directly or through
 * others (see cachedReferences), named by the index of the group's first paper. A paper alone is a group of one.
 */
function linkedGroups(papers: readonly Paper[], traits: StyleTraits): number[] {
  const root = papers.map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]!]!;
    return i;
  };
  const byFamily = new Map<string, number[]>();
  papers.forEach((p, i) => {
    const f = loose(p.authors[0]!.family);
    byFamily.set(f, [...(byFamily.get(f) ?? []), i]);
  });
  for (const members of byFamily.values()) {
    for (const [k, i] of members.entries()) {
      for (const j of members.slice(k + 1)) {
        const a = papers[i]!;
        const b = papers[j]!;
        // Given names compare exactly: "Jingkai" and "Jing Kai" are one name loosely but two sets of initials.
        const sameGiven = (a.authors[0]!.given ?? '') === (b.authors[0]!.given ?? '');
        if (!traits.yearInCite || traits.substitutes || a.year === b.year || (traits.primaryNames && !sameGiven)) {
          const [x, y] = [find(i), find(j)];
          // The smaller index stays the root, so a group is named by its first paper.
          if (x !== y) root[Math.max(x, y)] = Math.min(x, y);
        }
      }
    }
  }
  return papers.map((_, i) => find(i));
}

/** Case, accents and punctuation do not tell names apart here, so "Müller" and "Muller" share a family name. */
function loose(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

// citeproc's comparison of two items' bibliography sort keys (CSL.Registry.Comparifier: each key in the
// style's sort direction, strings by its locale collation), without its last resort (the order of
// citation), so that a tie shows; null for a style whose list has no <sort>.
function sortComparison(style: CitationStyle, memory: StyleMemory): ((a: SortKeys, b: SortKeys) => number) | null {
  if (memory.compare === undefined) {
    const engine = citeprocEngine([], style);
    const sorter = engine.registry.sorter;
    memory.compare = engine.bibliography_sort.opt.sort_directions.length === 0 ? null : (a, b) => sorter.compareKeys({ sortkeys: a, seq: 0 }, { sortkeys: b, seq: 0 });
  }
  return memory.compare ?? null;
}

type Run = {
  /** paper ids in list order */
  order: string[];
  formatted: Map<string, Formatted>;
  /** each item's bibliography sort keys (empty when the style's list has no <sort>) */
  sortKeys: Map<string, SortKeys>;
};

// One citeproc run: a document that cites each paper once, in `ordered` order, then its bibliography.
function citeprocRun(ordered: readonly Paper[], items: CiteprocItem[], style: CitationStyle): Run {
  const engine = citeprocEngine(items, style);
  // citeproc registers every item, numbers them in that order (numeric styles) and disambiguates every
  // citation against all the others, as citation-js's own format('citation') does for the one citation it
  // returns.
  const cited = engine.rebuildProcessorState(
    ordered.map((p, index) => ({ citationID: String(index), citationItems: [{ id: p.id }], properties: { noteIndex: 0 } })),
    'text',
    [],
  );
  const labels = new Map(cited.map(([citationID, , text]) => [ordered[Number(citationID)]!.id, inTextLabel(engine, withoutNameGuards(text))]));
  const [{ entry_ids: ids }, entries] = engine.makeBibliography();
  const order = ids.map((entry) => entry[0]!);
  const formatted = new Map(entries.map((entry, index) => [order[index]!, { text: withoutNameGuards(entry).replace(/\s+/g, ' ').trim(), citation: labels.get(order[index]!)! }]));
  return { order, formatted, sortKeys: new Map(order.map((id) => [id, [...(engine.registry.registry[id]?.sortkeys ?? [])]])) };
}
// A one-item citation without the style's cluster affixes: "(Khare et al., 2023)" → "Khare et al., 2023",
// vancouver "(3)" → "3". The page puts its own brackets around the labels of a cluster of several papers.
function inTextLabel(engine: CiteprocEngine, cluster: string): string {
  const { layout_prefix: prefix = '', layout_suffix: suffix = '' } = engine.citation.opt;
  const text = cluster.replace(/\s+/g, ' ').trim();
  if (!text.startsWith(prefix) || !text.endsWith(suffix) || text.length <= prefix.length + suffix.length) {
    throw new Error(`citeproc citation ${JSON.stringify(text)} lacks the style's layout affixes ${JSON.stringify([prefix, suffix])}`);
  }
  return text.slice(prefix.length, text.length - suffix.length);
}
