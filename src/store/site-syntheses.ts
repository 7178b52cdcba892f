import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { SiftError, Synthesis, SynthesisListing } from '../records/index.ts';
import { synthesesDir } from './content-paths.ts';
import { parseStoredText } from './synthesis-store.ts';

// The stored syntheses as the site reads them. Astro's `syntheses` collection holds each review's listing
// (records/synthesis.ts SynthesisListing: what the home page, the feeds and the report index read), and a report's
// own pages read its whole Synthesis from its stored file, once per build. Whole records in the collection made
// Astro serialise, bundle and load every review as one module (issue 13: 71 MB at 1,000 reviews, about two minutes
// of a 3.5-minute build, and most of its 3 GiB).
//
// Exported API: siteSynthesesDir(), storedSynthesisFiles(dir), synthesesLoader(dir), siteSynthesis(entry), readSiteSynthesis(path).

/** The folder the site reads the stored syntheses from: the working folder's content root (SIFT_CONTENT_DIR). */
export function siteSynthesesDir(): string {
  return synthesesDir(process.cwd());
}

const JSON_FILE = /\.json$/;

/** The stored syntheses' file names in `dir` (<id>.json), sorted; none when the folder does not exist. */
export function storedSynthesisFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => JSON_FILE.test(f)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return [];
  }
}

/**
 * The `syntheses` collection's loader: one entry per stored <id>.json (store/content-paths.ts), its id the file's,
 * its data the listing, checked against the collection's schema. A file whose text is unchanged since the last build
 * (its digest, kept in Astro's data store) is not read again.
 */
export function synthesesLoader(dir: string): Loader {
  return {
    name: 'sift:syntheses',
    load: async ({ store, parseData, generateDigest, config }) => {
      const root = fileURLToPath(config.root);
      const files = storedSynthesisFiles(dir);
      const ids = new Set<string>();
      for (const file of files) {
        const id = file.replace(JSON_FILE, '');
        ids.add(id);
        const path = join(dir, file);
        const text = readFileSync(path, 'utf8');
        const digest = generateDigest(text);
        if (store.get(id)?.digest === digest) continue;
        const filePath = relative(root, path);
        // The whole record is read here and handed to the report's pages (below); one that is not a whole Synthesis
        // but has a listing is listed all the same, and fails when its pages read it, as it did before the handoff
        // (scripts/build.ts names the review from that failure).
        const whole = wellFormed(text, tryParse(text, filePath));
        if (whole !== null) read.set(id, { digest, synthesis: whole });
        const listing = whole ?? wellFormed(text, parseStoredText(text, SynthesisListing, 'synthesis', filePath));
        store.set({ id, data: await parseData({ id, data: pickListing(listing), filePath: path }), digest, filePath });
      }
      for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
    },
  };
}

// One read of each review a build lays out, however many routes ask for it (a report has a dozen: its page, list
// pages, downloads, JSON and feed); a changed file (a new digest, as in `astro dev`) is read again. The collection's
// loader reads every file first, so it leaves each whole record here: the pages then read no file a second time
// (1,000 generated reviews: 244 MB of JSON decoded and parsed once instead of twice on Astro's thread). The loader
// runs from the content config and the pages from Astro's build output: two copies of this module in one process,
// so the map is the process's, not the module's.
const READ = Symbol.for('sift:site-syntheses:read');
const read: Map<string, { digest: unknown; synthesis: Synthesis }> = ((globalThis as Record<symbol, unknown>)[READ] ??= new Map()) as Map<
  string,
  { digest: unknown; synthesis: Synthesis }
>;

// A stored file's whole record, or null when it is not one (its listing may still be).
function tryParse(text: string, filePath: string): Synthesis | null {
  try {
    return parseStoredText(text, Synthesis, 'synthesis', filePath);
  } catch (error) {
    if (error instanceof SiftError) return null;
    throw error;
  }
}

// The listing's keys of a record, read from the listing's schema: what the collection stores, as parsing the file
// with SynthesisListing gives it.
const LISTING_KEYS = Object.keys(SynthesisListing.shape) as (keyof SynthesisListing)[];
function pickListing(record: SynthesisListing): SynthesisListing {
  return Object.fromEntries(LISTING_KEYS.map((key) => [key, record[key]])) as SynthesisListing;
}

/** A listed review's whole stored Synthesis, checked against the schema when first read. */
export function siteSynthesis(entry: { id: string; digest?: string | number | undefined }): Synthesis {
  const held = read.get(entry.id);
  if (held !== undefined && held.digest === entry.digest) return held.synthesis;
  const synthesis = readSiteSynthesis(join(siteSynthesesDir(), `${entry.id}.json`));
  read.set(entry.id, { digest: entry.digest, synthesis });
  return synthesis;
}

/** A stored Synthesis as the site reads it: checked against the schema, its strings well-formed (below). */
export function readSiteSynthesis(path: string): Synthesis {
  const text = readFileSync(path, 'utf8');
  return wellFormed(text, parseStoredText(text, Synthesis, 'synthesis', relative(process.cwd(), path)));
}

// JSON writes half a surrogate pair as an escape (\ud83d), which JSON.parse turns back into half a pair. Astro's
// content layer, which used to hand the pages their records, stored every string as UTF-8 and so gave them U+FFFD
// in its place (src/middleware.ts relies on it, and the report JSON must be well-formed Unicode); the site reads
// the files itself now and does the same. Only a file whose text holds such an escape is walked.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

function wellFormed<T>(text: string, value: T): T {
  if (!SURROGATE_ESCAPE.test(text)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.toWellFormed();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) (v as Record<string, unknown>)[key] = walk(child);
    }
    return v;
  };
  return walk(value) as T;
}
