#!/usr/bin/env node
// node scripts/astro-build.ts OUT_DIR CACHE_DIR — `astro build` of this project through Astro's JavaScript
// API, for scripts/build.ts: the CLI takes no cache folder, and two builds sharing one (its
// data-store.json) or sharing <cwd>/.astro/.prerender (used when OUT_DIR is outside the working folder)
// would read or delete each other's files. Content comes from SIFT_CONTENT_DIR (absolute), as for the CLI.
import { build } from 'astro';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('usage: node scripts/astro-build.ts <outDir> <cacheDir>');
  process.exit(2);
}
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const [out, cache] = [resolve(outDir), resolve(cacheDir)];
// From the project folder: astro.config.mjs names the bibliography relative to it, and Astro keeps its
// prerender scratch folder inside the output folder only when that is inside the working folder.
process.chdir(root);
try {
  await build({ root, outDir: out, cacheDir: cache });
} catch (error) {
  // Astro has logged what it caught (route and error); the stack is for a failure it did not.
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
