#!/usr/bin/env node
// npm run test:e2e — the browser test of the built site (tests/e2e/browse-site.ts), twice: on dist/ as
// `npm run build` made it (served from the root), and on the same content built for a sub-path (/sift/,
// as a GitHub Pages project site is served), each after a link check of the whole build. Needs
// `npm run build` first and Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { browseSite } from '../tests/e2e/browse-site.ts';
import { checkLinks } from '../tests/site/link-check.ts';

const root = process.cwd();
const SUB_PATH = '/sift/';
const subPathDir = join(root, '.tmp', 'e2e-sub-path');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

// The sub-path build: the committed content (synthesized by `npm run build`), built with SIFT_BASE and
// indexed by Pagefind. SIFT_SITE stays unset so no page names an origin the browser would try to reach.
console.log(`test:e2e: building the site for ${SUB_PATH} into ${subPathDir}`);
rmSync(subPathDir, { recursive: true, force: true });
const buildEnv: NodeJS.ProcessEnv = { ...process.env, SIFT_BASE: SUB_PATH };
delete buildEnv['SIFT_SITE'];
run(process.execPath, ['tests/site/build-site.ts', join(subPathDir, 'dist'), join(subPathDir, 'cache')], buildEnv);
run(join(root, 'node_modules/.bin/pagefind'), ['--site', join(subPathDir, 'dist')], process.env);

const builds = [
  { name: 'root', distDir: join(root, 'dist'), base: '/' },
  { name: 'sub-path', distDir: join(subPathDir, 'dist'), base: SUB_PATH },
];
let failed = 0;
let seconds = 0;
for (const build of builds) {
  console.log(`\n== ${build.name} build (${build.base})`);
  const links = checkLinks({ distDir: build.distDir, base: build.base });
  for (const problem of links.problems) console.error(`FAIL broken link: ${problem}`);
  console.log(`links: ${links.checked} internal addresses checked, ${links.problems.length} broken`);
  const result = await browseSite({
    root,
    distDir: build.distDir,
    base: build.base,
    screenshotDir: join(root, 'tests/e2e/screenshots', build.name),
    chromiumPath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    log: (line) => console.log(line),
  });
  for (const problem of result.problems) console.error(`FAIL ${problem}`);
  console.log(`screenshots: ${result.screenshots.join(', ')}`);
  failed += links.problems.length + result.problems.length;
  seconds += result.seconds;
}
console.log(`test:e2e ${failed === 0 ? 'passed' : 'failed'} (root and ${SUB_PATH} builds) in ${seconds.toFixed(1)} s of browsing`);
process.exitCode = failed === 0 ? 0 : 1;
