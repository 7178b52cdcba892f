import type { Paper, Question, Reference } from '../records/index.ts';
import { citeprocEngine, registerStyles, styleXml, type CiteprocEngine } from './citation-js.ts';
import { citationKeys, toCsl } from './csl.ts';
import type { LocalStyles } from './styles.ts';

type CitationStyle = Question['citationStyle'];

/** The reference list of papers in a citation style, each entry with its in-text citation label. */
export type ReferenceFormatter = (papers: readonly Paper[], style: CitationStyle) => Reference[];

/**
 * The reference formatter the runner hands the pipeline: registers the bundled styles (read once per run
 * by the runner, src/store/csl-styles.ts) with citation-js, then formats with formatReferences.
 */
export function referenceFormatter(styles: LocalStyles): ReferenceFormatter {
  registerStyles(styles);
  return formatReferences;
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
function formatReferences(papers: readonly Paper[], style: CitationStyle): Reference[] {
  if (papers.length === 0) return [];
  const numeric = /citation-format="numeric"/.test(styleXml(style));
  const ordered = numeric ? [...papers] : [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keys = citationKeys(ordered);
  // No style prints abstracts or keywords; leaving them out spares citeproc the text.
  const items = ordered.map((p) => {
    const { abstract: _abstract, keyword: _keyword, ...item } = toCsl(p, keys.get(p.id)!);
    return item;
  });
  const engine = citeprocEngine(items, style);
  // A document that cites each paper once, in `ordered` order: citeproc registers every item, numbers
  // them in that order (numeric styles) and disambiguates every citation against all the others, as
  // citation-js's own format('citation') does for the one citation it returns.
  const cited = engine.rebuildProcessorState(
    ordered.map((p, index) => ({ citationID: String(index), citationItems: [{ id: p.id }], properties: { noteIndex: 0 } })),
    'text',
    [],
  );
  const labels = new Map(cited.map(([citationID, , text]) => [ordered[Number(citationID)]!.id, inTextLabel(engine, text)]));
  const [{ entry_ids: ids }, entries] = engine.makeBibliography();
  return entries.map((entry, index) => {
    const paper = ids[index]![0]!;
    return { paper, text: entry.replace(/\s+/g, ' ').trim(), citation: labels.get(paper)! };
  });
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
