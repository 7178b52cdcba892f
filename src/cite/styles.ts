// Styles citation-js 0.9 lacks, from the CSL styles repository (see styles/README.md), under the names a
// question uses. The runner reads them once per run (src/store/csl-styles.ts) and the reference formatter
// registers them with citation-js (registerStyles), so formatting itself does no IO.
export const LOCAL_STYLE_FILES = {
  mla: 'modern-language-association.csl',
  chicago: 'chicago-author-date.csl',
} as const;

/** CSL XML of each bundled style, by the name a question uses. */
export type LocalStyles = Record<keyof typeof LOCAL_STYLE_FILES, string>;
