// Builds the site into a given directory with Astro's JavaScript API, so a test can build from a
// fixture content root (SIFT_CONTENT_DIR, read by src/content.config.ts) without touching dist/ or
// the content-layer cache of a normal build (cacheDir holds data-store.json during `astro build`).
// Usage: SIFT_CONTENT_DIR=<content root> node tests/site/build-site.ts <outDir> <cacheDir>
//
// Astro keeps a build's prerender scratch folder in its output folder only when that folder is inside the
// project; for one outside (a test's /tmp folder) it uses <project>/.astro/.prerender, which two site tests
// building at once would share and clear under each other. So the build goes to a folder of its own under
// <project>/.tmp/ and is then moved where it was asked for.
import { build } from 'astro';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('usage: node tests/site/build-site.ts <outDir> <cacheDir>');
  process.exit(2);
}
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const root = fileURLToPath(new URL('../../', import.meta.url));
mkdirSync(join(root, '.tmp'), { recursive: true });
const inside = mkdtempSync(join(root, '.tmp', 'site-build-'));
try {
  await build({ root, outDir: inside, cacheDir, logLevel: 'warn' });
  rmSync(outDir, { recursive: true, force: true });
  cpSync(inside, outDir, { recursive: true });
} finally {
  rmSync(inside, { recursive: true, force: true });
}
