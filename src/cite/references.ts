import type { Paper, Question, Reference } from '../records/index.ts';
import { Cite, registerStyles, styleXml } from './citation-js.ts';
import { citationKeys, toCsl } from './csl.ts';
import type { LocalStyles } from './styles.ts';

type CitationStyle = Question['citationStyle'];

/** The reference list of papers in a citation style. */
export type ReferenceFormatter = (papers: readonly Paper[], style: CitationStyle) => Reference[];

/**
 * The reference formatter the runner hands the pipeline: registers the bundled styles (read once per run
 * by readLocalStyles) with citation-js, then formats with formatReferences.
 */
export function referenceFormatter(styles: LocalStyles): ReferenceFormatter {
  registerStyles(styles);
  return formatReferences;
}

/**
 * The reference list of `papers` in `style`, as plain text formatted by citation-js (citeproc-js), locale
 * en-US. Order:
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
  // No bibliography style prints abstracts or keywords; leaving them out spares citeproc the text.
  const items = ordered.map((p) => {
    const { abstract: _abstract, keyword: _keyword, ...item } = toCsl(p, keys.get(p.id)!);
    return item;
  });
  const cite = new Cite(items);
  const entries = cite.format('bibliography', { format: 'text', style, lang: 'en-US', asEntryArray: true }) as [string, string][];
  return entries.map(([paper, text]) => ({ paper, text: text.replace(/\s+/g, ' ').trim() }));
}
