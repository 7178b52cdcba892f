import { readFileSync } from 'node:fs';
import { LOCAL_STYLE_FILES, type LocalStyles } from '../cite/styles.ts';

/** Reads the CSL styles bundled in src/cite/styles/. */
export function readLocalStyles(): LocalStyles {
  const read = (file: string) => readFileSync(new URL(`../cite/styles/${file}`, import.meta.url), 'utf8');
  return { mla: read(LOCAL_STYLE_FILES.mla), chicago: read(LOCAL_STYLE_FILES.chicago) };
}
