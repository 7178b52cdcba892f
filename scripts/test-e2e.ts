#!/usr/bin/env node
// npm run test:e2e — the browser test of the built site (tests/e2e/browse-site.ts). Needs `npm run build`
// first and Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH).
import { join } from 'node:path';
import { browseSite } from '../tests/e2e/browse-site.ts';

const root = process.cwd();
const result = await browseSite({
  root,
  distDir: join(root, 'dist'),
  screenshotDir: join(root, 'tests/e2e/screenshots'),
  chromiumPath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  log: (line) => console.log(line),
});
for (const problem of result.problems) console.error(`FAIL ${problem}`);
console.log(`screenshots: ${result.screenshots.join(', ')}`);
console.log(`test:e2e ${result.problems.length === 0 ? 'passed' : 'failed'} in ${result.seconds.toFixed(1)} s`);
process.exitCode = result.problems.length === 0 ? 0 : 1;
