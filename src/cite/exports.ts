import type { Paper } from '../records/index.ts';
import { Cite } from './citation-js.ts';
import { bibtexSafeItem } from './bibtex-values.ts';
import { toCslItems } from './csl.ts';
import { withoutUnsafeCharacters } from '../records/text-characters.ts';

// Downloads offered with each report. All three list the papers in citation-key order with the unique
// keys of toCslItems, so the same papers always give byte-identical files.
//
// Exported API: toBibtex(papers), toRis(papers, options), RisOptions, toCslJson(papers).

// A review's three downloads are three routes of the site build, each handed the same papers array, so they share
// one CSL conversion (issue 13: toCslItems ran three times per review). Keyed weakly by the array: an entry goes
// with its review. The items are never changed after (citation-js reads its input without writing to it).
const cslItemsOf = new WeakMap<readonly Paper[], ReturnType<typeof toCslItems>>();

function cslItems(papers: readonly Paper[]): ReturnType<typeof toCslItems> {
  let items = cslItemsOf.get(papers);
  if (items === undefined) {
    items = toCslItems(papers);
    cslItemsOf.set(papers, items);
  }
  return items;
}

/**
 * BibTeX, keys from `citation-key` (citation-js uses it as the entry label), every value made safe for the
 * writer first (bibtexSafeItem: the BibTeX output rule), so no value can close its entry or open another.
 */
export function toBibtex(papers: readonly Paper[]): string {
  return papers.length === 0 ? '' : (new Cite(cslItems(papers).map(bibtexSafeItem)).format('bibtex', { format: 'text' }) as string);
}

type RisEntry = Record<string, string | number | (string | number)[]>;

// The RIS output rule: a tag's value is one line (RIS is line-based: a line that starts "XX  - " starts a
// tag, "ER  - " ends the record), so every run of whitespace, line breaks included, becomes one space, and
// the characters no output may hold (src/records/text-characters.ts) go. A value can then never start a tag.
const RIS_WHITESPACE = /[^\S ]| {2}/;

function risValue(value: string | number): string {
  const text = withoutUnsafeCharacters(String(value));
  // Most values are one line with single spaces already, and need no rewrite.
  return RIS_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

export type RisOptions = {
  /** Notes (N1) to add to a paper's record, by paper id. */
  notes?: ReadonlyMap<string, readonly string[]>;
  /** Write each record's ID as the whole paper id rather than as plugin-ris cuts it. */
  wholeIds?: boolean;
};

/**
 * RIS: @citation-js/plugin-ris maps CSL to RIS tags ("mixed" spec, its default); each record's ID is the
 * paper id. We write the tags ourselves because plugin-ris 0.8's text writer breaks every value after 70
 * characters, mid-word, and readers (its own among them) join continuation lines with a space, turning
 * "vulnerability" into "vulnerab ility". Modern readers (Zotero, EndNote, Mendeley) take one long line.
 */
export function toRis(papers: readonly Paper[], options: RisOptions = {}): string {
  if (papers.length === 0) return '';
  const items = cslItems(papers);
  const entries = new Cite(items).format('ris', { format: 'object' }) as RisEntry[];
  const records = entries.map((entry, i) => {
    const id = items[i]!.id as string;
    const lines = [`TY  - ${risValue(entry['TY'] as string)}`];
    for (const [tag, value] of Object.entries(entry)) {
      if (tag === 'TY') continue;
      // plugin-ris cuts ID to RIS's old 20-character limit, so two ids that begin alike would read back as one.
      if (tag === 'ID' && options.wholeIds) {
        lines.push(`ID  - ${risValue(id)}`);
        continue;
      }
      for (const v of [value].flat()) lines.push(`${tag}  - ${risValue(v)}`);
    }
    for (const note of options.notes?.get(id) ?? []) lines.push(`N1  - ${risValue(note)}`);
    lines.push('ER  - ');
    return lines.join('\n');
  });
  // The final line break joined in rather than appended: an appended one makes a cons string, which the site's
  // endpoint must flatten into a second copy before encoding it (src/components/text-response.ts).
  records.push('');
  return records.join('\n');
}

/**
 * CSL-JSON: an array of CSL items, as citation-js writes it: its `format('data', { format: 'text' })` is
 * JSON.stringify(items, null, 2) of the items it was given (tests/cite/exports.test.ts holds the two equal on real
 * data), so the items are written directly, without parsing them into a Cite first. The JSON rule
 * is JSON.stringify's own: it escapes every control character and, since ES2019, half a surrogate pair
 * ("\ud800"), so the file is valid JSON in valid UTF-8 whatever the text; URLs follow the one URL rule (toCsl).
 */
export function toCslJson(papers: readonly Paper[]): string {
  return JSON.stringify(cslItems(papers), null, 2);
}
