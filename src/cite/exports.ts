import type { Paper } from '../records/index.ts';
import { Cite } from './citation-js.ts';
import { toCslItems } from './csl.ts';

// Downloads offered with each report. All three list the papers in citation-key order with the unique
// keys of toCslItems, so the same papers always give byte-identical files.

/** BibTeX, keys from `citation-key` (citation-js uses it as the entry label). */
export function toBibtex(papers: readonly Paper[]): string {
  return papers.length === 0 ? '' : (new Cite(toCslItems(papers)).format('bibtex', { format: 'text' }) as string);
}

type RisEntry = Record<string, string | number | (string | number)[]>;

/**
 * RIS: @citation-js/plugin-ris maps CSL to RIS tags ("mixed" spec, its default); each record's ID is the
 * paper id. We write the tags ourselves because plugin-ris 0.8's text writer breaks every value after 70
 * characters, mid-word, and readers (its own among them) join continuation lines with a space, turning
 * "vulnerability" into "vulnerab ility". Modern readers (Zotero, EndNote, Mendeley) take one long line.
 */
export function toRis(papers: readonly Paper[]): string {
  if (papers.length === 0) return '';
  const entries = new Cite(toCslItems(papers)).format('ris', { format: 'object' }) as RisEntry[];
  const records = entries.map((entry) => {
    const lines = [`TY  - ${String(entry['TY'])}`];
    for (const [tag, value] of Object.entries(entry)) {
      if (tag === 'TY') continue;
      for (const v of [value].flat()) lines.push(`${tag}  - ${String(v).replace(/\s+/g, ' ')}`);
    }
    lines.push('ER  - ');
    return lines.join('\n');
  });
  return `${records.join('\n')}\n`;
}

/** CSL-JSON: an array of CSL items, as citation-js writes it (`format('data')`). */
export function toCslJson(papers: readonly Paper[]): string {
  return new Cite(toCslItems(papers)).format('data', { format: 'text' }) as string;
}
