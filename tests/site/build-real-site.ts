// Builds the site from the committed content (src/content) into a scratch directory, as `npm run build`
// would after synthesis (astro build, then Pagefind), for a given SIFT_SITE / SIFT_BASE. One build per
// test file: it takes a dozen seconds of CPU.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

export const root = new URL('../../', import.meta.url).pathname;

export interface RealSite {
  work: string;
  distDir: string;
  /** what Pagefind printed (its counts of pages and filters) */
  pagefindLog: string;
  /** the ids of the stored syntheses the site was built from */
  reportIds: string[];
}

export async function buildRealSite(location: { SIFT_SITE?: string; SIFT_BASE?: string }): Promise<RealSite> {
  const work = mkdtempSync(join(tmpdir(), 'sift-deploy-'));
  const distDir = join(work, 'dist');
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  delete env['SIFT_SITE'];
  delete env['SIFT_BASE'];
  delete env['SIFT_CONTENT_DIR'];
  const run = promisify(execFile);
  await run(process.execPath, [join(root, 'tests/site/build-site.ts'), distDir, join(work, 'cache')], {
    cwd: root,
    env: { ...env, ...location },
    maxBuffer: 16 * 1024 * 1024,
  });
  const pagefind = await run(join(root, 'node_modules/.bin/pagefind'), ['--site', distDir], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
  const reportIds = readdirSync(join(root, 'src/content/syntheses'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  return { work, distDir, pagefindLog: pagefind.stdout, reportIds };
}

// Pagefind's fragment files hold each indexed page's URL, filters and indexed text: gzip of "pagefind_dcd" and
// JSON (Pagefind's own bundle format, read here only to see what the filter pane will offer and what a page's
// words are indexed from).
export interface PagefindFragment {
  filters: Record<string, string[]>;
  /** the page's indexed text, as results' excerpts are cut from it */
  content: string;
}

export function pagefindFragments(distDir: string): Map<string, PagefindFragment> {
  const dir = join(distDir, 'pagefind', 'fragment');
  const byUrl = new Map<string, PagefindFragment>();
  for (const file of readdirSync(dir)) {
    const text = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    const fragment = JSON.parse(text.slice(text.indexOf('{'))) as { url: string } & PagefindFragment;
    byUrl.set(fragment.url, { filters: fragment.filters, content: fragment.content });
  }
  return byUrl;
}

export function pagefindFilters(distDir: string): Map<string, Record<string, string[]>> {
  return new Map([...pagefindFragments(distDir)].map(([url, fragment]) => [url, fragment.filters]));
}
