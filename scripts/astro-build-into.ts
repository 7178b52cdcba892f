#!/usr/bin/env node
// Builds the site into a given directory with Astro's JavaScript API, keeping its content-layer cache in
// another, so a benchmark or a shard builds from SIFT_CONTENT_DIR without touching dist/ or the cache of a
// normal build. Usage: SIFT_CONTENT_DIR=<content root> node scripts/astro-build-into.ts <outDir> <cacheDir>
import { build } from 'astro';
import { fileURLToPath } from 'node:url';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('usage: node scripts/astro-build-into.ts <outDir> <cacheDir>');
  process.exit(2);
}
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
await build({ root: fileURLToPath(new URL('../', import.meta.url)), outDir, cacheDir, logLevel: 'warn' });
