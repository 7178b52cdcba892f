import { readFileSync } from 'node:fs';
import { plugins } from './citation-js.ts';

// Styles citation-js 0.9 lacks, from the CSL styles repository (see styles/README.md), under the names a
// question uses. Registered once per process, on first use, so importing this module does no IO.
const LOCAL_STYLES: Record<string, string> = {
  mla: 'modern-language-association.csl',
  chicago: 'chicago-author-date.csl',
};

/** The CSL XML of a style, registering a bundled local style with citation-js first if needed. */
export function styleXml(style: string): string {
  const styles = plugins.config.get('@csl').styles;
  if (!styles.has(style)) {
    const file = LOCAL_STYLES[style];
    if (file === undefined) throw new Error(`Unknown citation style "${style}"`);
    styles.add(style, readFileSync(new URL(`./styles/${file}`, import.meta.url), 'utf8'));
  }
  return styles.get(style)!;
}
