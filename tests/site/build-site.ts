// Builds the site into a given directory with Astro's JavaScript API, so a test can build from a
// fixture content root (SIFT_CONTENT_DIR, read by src/content.config.ts) without touching dist/ or
// the content-layer cache of a normal build (cacheDir holds data-store.json during `astro build`).
// Usage: SIFT_CONTENT_DIR=<content root> node tests/site/build-site.ts <outDir> <cacheDir>
import { build } from 'astro';
import { fileURLToPath } from 'node:url';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('usage: node tests/site/build-site.ts <outDir> <cacheDir>');
  process.exit(2);
}
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
await build({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  outDir,
  cacheDir,
  logLevel: 'warn',
});
