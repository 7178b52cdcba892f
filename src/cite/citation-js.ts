// citation-js as Sift uses it, set up in this one module: BibTeX in and out, CSL formatting, RIS out,
// and registering the CSL styles citation-js lacks (read from disk by src/store/csl-styles.ts, in the runner).
// Everything in Sift that uses citation-js imports it from here.
// (The all-in-one `citation-js` package would also pull in network plugins; these four work offline.)
import type { CSL, CSLType } from '@citation-js/core';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { createRequire } from 'node:module';

export { Cite, plugins };

// citeproc-js (2.4) lower- and upper-cases names, initials and title words with
// String.prototype.toLocaleLowerCase(state.tmp.lang_array) (CSL.toLocaleLowerCase / CSL.toLocaleUpperCase), and
// with a locale argument V8 goes through ICU for every call: in a run over many reviews it was a tenth of
// citeproc's time (doInitialize, for every author). Only Lithuanian, Turkish and Azeri have case mappings of
// their own (Unicode SpecialCasing.txt; ECMA-262 toLocaleLowerCase takes the first requested locale), so for
// every other locale the result is toLowerCase()'s, which needs no ICU. Sift formats in en-US and its CSL items
// carry no `language`, so this is every call; a Lithuanian, Turkish or Azeri item would still take citeproc's
// own path. The CSL object is the one @citation-js/plugin-csl drives (resolved from it, so the same module).
const SPECIAL_CASING = /^(?:lt|tr|az)(?:[-_]|$)/i;
const citeproc = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'))('citeproc') as {
  toLocaleLowerCase(this: CiteprocState, text: string): string;
  toLocaleUpperCase(this: CiteprocState, text: string): string;
  getSortCompare(this: CiteprocState, defaultLocale?: string): (a: string, b: string) => number;
  stringCompare?: unknown;
};
type CiteprocState = { tmp: { lang_array?: readonly unknown[] } };
// No locale given (citeproc compares sort keys before any item sets lang_array): the host's default, as
// toLocaleLowerCase(undefined) takes it.
const HOST_LOCALE = new Intl.Collator().resolvedOptions().locale;
const plainCasing = (state: CiteprocState): boolean => {
  const first = state.tmp.lang_array?.[0] ?? HOST_LOCALE;
  // A tag ICU rejects makes citeproc fall back to toLowerCase() itself.
  return typeof first !== 'string' || !SPECIAL_CASING.test(first);
};
const citeprocLower = citeproc.toLocaleLowerCase;
const citeprocUpper = citeproc.toLocaleUpperCase;
citeproc.toLocaleLowerCase = function (text) {
  return plainCasing(this) ? text.toLowerCase() : citeprocLower.call(this, text);
};
citeproc.toLocaleUpperCase = function (text) {
  return plainCasing(this) ? text.toUpperCase() : citeprocUpper.call(this, text);
};
// citeproc-js (2.4) compares sort keys (CSL.getSortCompare, for every bibliography and citation sort) with
// a.localeCompare(b, locale, options) on the keys lower-cased by CSL.toLocaleLowerCase, and V8 builds an ICU collator
// for each such call: in a run over many reviews that was most of citeproc's sorting (12 µs a comparison against 0.5
// µs). ECMA-402 defines localeCompare(that, locales, options) as the compare of new Intl.Collator(locales, options)
// (https://tc39.es/ecma402/#sup-String.prototype.localeCompare), so one collator per locale gives the same order. The
// rest is citeproc's function as it is: the default locale, the options, the bracket pre-sort, and citeproc's own
// hook (CSL.stringCompare) left in charge when set.
const SORT_OPTIONS: Intl.CollatorOptions = { sensitivity: 'base', ignorePunctuation: true, numeric: true };
const sortCollators = new Map<string, Intl.Collator>();
const citeprocSortCompare = citeproc.getSortCompare;
citeproc.getSortCompare = function (defaultLocale) {
  if (citeproc.stringCompare) return citeprocSortCompare.call(this, defaultLocale);
  const locale = defaultLocale || 'en-US';
  let collator = sortCollators.get(locale);
  if (collator === undefined) sortCollators.set(locale, (collator = new Intl.Collator(locale, SORT_OPTIONS)));
  const { compare } = collator;
  const strcmp = (a: string, b: string): number => compare(citeproc.toLocaleLowerCase.call(this, a), citeproc.toLocaleLowerCase.call(this, b));
  // Leading brackets and quotes ignored, unless the collation already ignores them (ignorePunctuation).
  if (!strcmp('[x', 'x')) return strcmp;
  const stripPunct = (text: string) => text.replace(/^[[\]'"]*/g, '');
  return (a, b) => strcmp(stripPunct(a), stripPunct(b));
};
export type { CSL, CSLType };

/**
 * Registers CSL styles (name → CSL XML) with citation-js, under the names a question uses. Registering a
 * name again with the same XML does nothing, so every run may register what it loaded.
 */
export function registerStyles(styles: Readonly<Record<string, string>>): void {
  const registry = plugins.config.get('@csl').styles;
  for (const [name, xml] of Object.entries(styles)) {
    if (registry.get(name) === xml) continue;
    if (registry.has(name)) throw new Error(`CSL style "${name}" is already registered with other XML`);
    registry.add(name, xml);
  }
}

/** The CSL XML of a registered style (citation-js's own, or one passed to registerStyles). */
export function styleXml(style: string): string {
  const xml = plugins.config.get('@csl').styles.get(style);
  if (xml === undefined) {
    throw new Error(`CSL style "${style}" is not registered: load the bundled styles (src/store/csl-styles.ts) and pass them to registerStyles first`);
  }
  return xml;
}

/** A citeproc-js citation: one cluster of cite-items at a place in the document (noteIndex 0: in the text). */
export interface CiteprocCitation {
  citationID: string;
  citationItems: { id: string }[];
  properties: { noteIndex: number };
}

/**
 * The part of a citeproc-js engine (CSL.Engine, citeproc 2.4) Sift calls. The methods are the processor's
 * public API ("Running the Processor", https://citeproc-js.readthedocs.io/en/latest/running.html);
 * `citation.opt` holds the style's parsed <citation> options, where the layout affixes live.
 */
export interface CiteprocEngine {
  /** every citation of a document, in document order; returns [citationID, noteIndex, text] in that order */
  rebuildProcessorState(citations: CiteprocCitation[], mode: 'text', uncitedItemIDs: string[]): [string, number, string][];
  /** the bibliography of the items registered: formatting parameters (entry_ids: one [id] per entry), entries */
  makeBibliography(): [{ entry_ids: string[][] }, string[]];
  citation: { opt: { layout_prefix?: string; layout_suffix?: string } };
  /**
   * Internals of citeproc-js 2.4 (not its documented API) that src/cite/references.ts reads to reuse an
   * item's formatting across reference lists; tests/cite/references-memory.test.ts holds them to their
   * meaning. `registry.registry[id].sortkeys`: the item's bibliography sort keys; `registry.sorter`: the
   * comparison of two items' keys (CSL.Registry.Comparifier, the order of citation `seq` last);
   * `bibliography_sort.opt.sort_directions`: one entry per <key> of the bibliography's <sort>.
   */
  registry: {
    registry: Record<string, { sortkeys?: (string | undefined)[] } | undefined>;
    sorter: { compareKeys(a: { sortkeys: readonly (string | undefined)[]; seq: number }, b: { sortkeys: readonly (string | undefined)[]; seq: number }): number };
  };
  bibliography_sort: { opt: { sort_directions: unknown[] } };
}

/**
 * A citeproc engine over `items` in a registered style, plain-text output, locale en-US, prepared by
 * @citation-js/plugin-csl (`plugins.config.get('@csl').engine`, the documented way to drive citeproc
 * directly). citation-js keeps one engine per style and locale and resets it on each call, so use the
 * engine before asking for another in the same style.
 */
export function citeprocEngine(items: CSL[], style: string): CiteprocEngine {
  styleXml(style);
  return plugins.config.get('@csl').engine(items, style, 'en-US', 'text') as CiteprocEngine;
}
