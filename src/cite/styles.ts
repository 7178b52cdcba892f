import { readFileSync } from 'node:fs';

// Styles citation-js 0.9 lacks, from the CSL styles repository (see styles/README.md), under the names a
// question uses. Read by the runner once per run and registered with citation-js (registerStyles), so
// formatting itself does no IO.
const LOCAL_STYLES = {
  mla: 'modern-language-association.csl',
  chicago: 'chicago-author-date.csl',
} as const;

/** CSL XML of each bundled style, by the name a question uses. */
export type LocalStyles = Record<keyof typeof LOCAL_STYLES, string>;

/** Reads the bundled CSL styles from src/cite/styles/. */
export function readLocalStyles(): LocalStyles {
  const read = (file: string) => readFileSync(new URL(`./styles/${file}`, import.meta.url), 'utf8');
  return { mla: read(LOCAL_STYLES.mla), chicago: read(LOCAL_STYLES.chicago) };
}
