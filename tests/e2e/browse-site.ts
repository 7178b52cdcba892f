// The browser test of the built site (issue 5): home → a report → a claim's evidence (on the evidence
// pages) → a citation's reference (on the references page) → the excluded records → the BibTeX download
// → search → a search filter, in Debian's chromium driven by playwright-core, failing on any console
// error, page error, dialog (an alert would mean injected script) or failed request, and on any serious or critical axe-core violation on the home, report, search, about
// and methods pages. It runs against a site built for any base path (issue 14): astro preview serves the
// base the build was made for, given the same SIFT_BASE.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface E2eOptions {
  root: string;
  distDir: string;
  screenshotDir: string;
  chromiumPath: string;
  log: (line: string) => void;
  /** the base path the site in distDir was built for ("/" or "/sift/"); astro preview is given it as SIFT_BASE */
  base?: string;
}

export interface E2eResult {
  steps: string[];
  problems: string[];
  screenshots: string[];
  seconds: number;
}

// No sandbox (containers run as root without user namespaces), and nothing that phones home.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`astro preview did not answer at ${url} within ${timeoutMs} ms`);
}

async function axeViolations(page: Page, axeSource: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id} on ${page.url()}: ${v.help} (${v.targets.join(', ')})`);
}

export async function browseSite(options: E2eOptions): Promise<E2eResult> {
  const started = performance.now();
  const { root, distDir, screenshotDir, log } = options;
  const sitePath = options.base ?? '/';
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(join(distDir, 'pagefind', 'pagefind-component-ui.js'))) throw new Error(`${distDir}/pagefind is missing: run \`npm run build\` (it runs pagefind)`);
  const reportIds = readdirSync(join(distDir, 'reports'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (reportIds.length === 0) throw new Error('the build has no report pages');
  mkdirSync(screenshotDir, { recursive: true });

  const steps: string[] = [];
  const problems: string[] = [];
  const screenshots: string[] = [];
  const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

  const port = await freePort();
  // Every address below is this origin plus the base path.
  const origin = `http://127.0.0.1:${port}`;
  const base = `${origin}${sitePath.replace(/\/$/, '')}`;
  const previewEnv: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SIFT_BASE: sitePath };
  delete previewEnv['SIFT_SITE'];
  const preview = spawn(
    process.execPath,
    [join(root, 'node_modules/astro/bin/astro.mjs'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--outDir', distDir],
    { cwd: root, env: previewEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // What astro preview says, to show when it fails to start.
  let previewOutput = '';
  preview.stdout?.on('data', (chunk: Buffer) => (previewOutput += chunk.toString()));
  preview.stderr?.on('data', (chunk: Buffer) => (previewOutput += chunk.toString()));
  let browser: Browser | null = null;
  try {
    await waitForServer(`${base}/`, preview, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${previewOutput}`);
    });
    browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog "${dialog.message()}" on ${page.url()}: injected script ran`);
      void dialog.dismiss();
    });
    const shot = async (name: string) => {
      const path = join(screenshotDir, `${name}.png`);
      // A full-page shot of a long report takes tens of seconds on a busy two-core machine.
      await page.screenshot({ path, fullPage: true, timeout: 120_000 });
      screenshots.push(path);
    };

    // Home: every report is listed.
    await page.goto(`${base}/`);
    const links = await page.locator(`.cards a[href^="${sitePath}reports/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const id of reportIds) if (!links.includes(`${sitePath}reports/${id}/`)) problems.push(`home page does not list ${sitePath}reports/${id}/`);
    steps.push(`home lists ${links.length} reports`);
    problems.push(...(await axeViolations(page, axeSource)));
    await shot('home');

    // A report, reached by clicking its card.
    const id = reportIds[0]!;
    await page.locator(`.cards a[href="${sitePath}reports/${id}/"]`).click();
    await page.waitForURL(`${base}/reports/${id}/`);
    steps.push(`opened ${sitePath}reports/${id}/`);
    problems.push(...(await axeViolations(page, axeSource)));

    await shot('report');
    const reportUrl = `${base}/reports/${id}/`;

    // Follow the first claim's link to its evidence, on the evidence pages (src/publish/report-pages.ts).
    const evidenceLink = page.locator('.claims-table a[href*="/evidence/"]').first();
    if ((await evidenceLink.count()) === 0) problems.push(`report ${id} has no link to a claim's evidence`);
    else {
      const href = (await evidenceLink.getAttribute('href'))!;
      await evidenceLink.click();
      await page.waitForURL(`${origin}${href}`);
      const target = page.locator(`[id="${href.slice(href.indexOf('#') + 1)}"]`);
      if ((await target.count()) !== 1 || !(await target.isVisible())) problems.push(`evidence link ${href} does not land on a visible claim`);
      else steps.push(`followed the first claim's evidence link to ${href}`);
      problems.push(...(await axeViolations(page, axeSource)));
      await shot('evidence');
      await page.goto(reportUrl);
    }

    // Follow a citation to its reference, on the references page.
    const citation = page.locator('.cite a[href*="#ref-"]').first();
    if ((await citation.count()) === 0) problems.push(`report ${id} has no inline citation`);
    else {
      const href = (await citation.getAttribute('href'))!;
      await citation.click();
      await page.waitForURL(`${origin}${href}`);
      const target = page.locator(href.slice(href.indexOf('#')));
      if ((await target.count()) !== 1 || !(await target.isVisible())) problems.push(`citation ${href} does not land on a visible reference`);
      else steps.push(`followed citation ${href} to “${((await target.textContent()) ?? '').trim().slice(0, 60)}…”`);
      await page.goto(reportUrl);
    }

    // The excluded records, a page of their own linked from the screening section.
    const excludedLink = page.locator('a[href$="/excluded/"]').first();
    if ((await excludedLink.count()) === 0) problems.push(`report ${id} does not link its excluded records`);
    else {
      await excludedLink.click();
      await page.waitForURL(`${base}/reports/${id}/excluded/`);
      const rows = await page.locator('tbody tr').count();
      if (rows === 0) problems.push(`the excluded records page of ${id} lists no record`);
      else steps.push(`opened the excluded records (${rows} on the first page)`);
      problems.push(...(await axeViolations(page, axeSource)));
      await page.goto(reportUrl);
    }

    // Download the BibTeX.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.downloads a', { hasText: 'BibTeX' }).click()]);
    const bibPath = await download.path();
    const bib = bibPath ? readFileSync(bibPath, 'utf8') : '';
    if (!/^@\w+\{/m.test(bib)) problems.push(`BibTeX download ${download.suggestedFilename()} holds no entry`);
    else steps.push(`downloaded ${download.suggestedFilename()} (${(bib.match(/^@\w+\{/gm) ?? []).length} entries)`);

    // Search for a word from one of the report's claims that no other report's indexed pages use (its report,
    // references and evidence pages); a page of this report must be the first result (a word every report
    // shares would prove nothing). Compared by its first six letters, as Pagefind stems words.
    const claimText = (file: string) =>
      (JSON.parse(readFileSync(join(distDir, 'api', 'reports', file), 'utf8')) as { claims: Array<{ text: string }> }).claims.map((c) => c.text).join(' ');
    const indexedHtml = (report: string) =>
      readdirSync(join(distDir, 'reports', report), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('index.html') && !f.startsWith('excluded'))
        .map((f) => readFileSync(join(distDir, 'reports', report, f), 'utf8').toLowerCase())
        .join('\n');
    const others = reportIds.filter((other) => other !== id).map(indexedHtml);
    const words = claimText(`${id}.json`).match(/[A-Za-z]{6,}/g) ?? [];
    const word = [...new Set(words)]
      .filter((w) => others.every((t) => !t.includes(w.toLowerCase().slice(0, 6))))
      .sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
    await page.goto(`${base}/search/`);
    // Pagefind's Component UI: <pagefind-input> renders a labelled search input, <pagefind-summary> says what
    // the results are for, <pagefind-results> lists them (faceted and preloaded: every review before any word).
    const input = page.locator('pagefind-input input');
    await input.waitFor({ timeout: 10_000 });
    await page.locator('pagefind-results .pf-result-link').first().waitFor({ timeout: 10_000 });
    problems.push(...(await axeViolations(page, axeSource)));
    // Before a word is typed the listing holds each review once, by its report page, though the pages beside
    // it (references, evidence) are indexed too (src/pages/search.astro narrows that listing).
    const reportPageHrefs = reportIds.map((report) => `${sitePath}reports/${report}/`).sort();
    const listing = async () =>
      (await page.locator('pagefind-results .pf-result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).sort();
    try {
      await page.waitForFunction((n) => document.querySelectorAll('pagefind-results .pf-result-link').length === n, reportIds.length, { timeout: 10_000 });
      const listed = await listing();
      if (JSON.stringify(listed) !== JSON.stringify(reportPageHrefs)) throw new Error(`it lists ${listed.join(', ')}`);
      steps.push(`the search page lists the ${reportIds.length} reviews once each before a word is typed`);
    } catch (error) {
      problems.push(`the search page's first listing is not one report page per review: ${(error as Error).message.split('\n')[0]}`);
    }
    const firstResultFor = async (term: string): Promise<string | null> => {
      await page.waitForFunction(
        (t) => (document.querySelector('pagefind-summary')?.textContent ?? '').includes(t) && document.querySelector('pagefind-results .pf-result-link') !== null,
        term,
        { timeout: 10_000 },
      );
      return page.locator('pagefind-results .pf-result-link').first().getAttribute('href');
    };
    if (!word) problems.push(`report ${id} has no claim word to search for`);
    else {
      await input.fill(word);
      try {
        const first = await firstResultFor(word);
        if (!first?.startsWith(`${sitePath}reports/${id}/`)) throw new Error(`first result is ${first}`);
        steps.push(`search for “${word}” (only in this report's claims) finds ${first} first`);
      } catch (error) {
        problems.push(`search for “${word}” (from a claim of ${id}) does not find ${sitePath}reports/${id}/ first: ${(error as Error).message}`);
      }
    }

    // An included paper's title, which only the references page holds (and no other review includes), finds
    // the review's references page, its result named by the review.
    const report = JSON.parse(readFileSync(join(distDir, 'api', 'reports', `${id}.json`), 'utf8')) as { title: string; papers: Array<{ title: string }> };
    const reportHtml = readFileSync(join(distDir, 'reports', id, 'index.html'), 'utf8');
    const paperTitle = report.papers
      .map((paper) => paper.title)
      .find((title) => /^[\w ,:-]{30,}$/.test(title) && !reportHtml.includes(title) && others.every((t) => !t.includes(title.toLowerCase())));
    if (!paperTitle) problems.push(`report ${id} has no included paper whose title is only on its references page`);
    else {
      await input.fill(`"${paperTitle}"`);
      try {
        const first = await firstResultFor(paperTitle);
        if (!first?.startsWith(`${sitePath}reports/${id}/references/`)) throw new Error(`first result is ${first}`);
        const title = await page.locator('pagefind-results .pf-result-link').first().textContent();
        if (!title?.includes(`${report.title}: references`)) throw new Error(`its title is ${title}`);
        steps.push(`search for the included paper “${paperTitle.slice(0, 40)}…” finds ${first}`);
      } catch (error) {
        problems.push(`search for the included paper “${paperTitle}” does not find ${sitePath}reports/${id}/references/: ${(error as Error).message.split('\n')[0]}`);
      }
    }

    // Narrow the reviews by a facet only this report has: the filter pane leaves this report alone.
    const facets = (file: string) => (JSON.parse(readFileSync(join(distDir, 'api', 'reports', file), 'utf8')) as { facets: Array<{ label: string }> }).facets.map((f) => f.label);
    const otherFacets = new Set(readdirSync(join(distDir, 'api', 'reports')).filter((f) => f !== 'index.json' && f !== `${id}.json`).flatMap(facets));
    const facet = facets(`${id}.json`).find((label) => !otherFacets.has(label));
    if (!facet) problems.push(`report ${id} has no facet of its own to filter by`);
    else {
      await input.fill('');
      const option = page.locator('pagefind-filter-pane label', { hasText: facet }).first();
      try {
        await option.click({ timeout: 10_000 });
        await page.waitForFunction(
          (href) => {
            const results = [...document.querySelectorAll('pagefind-results .pf-result-link')].map((a) => a.getAttribute('href'));
            return results.length === 1 && results[0]!.startsWith(href);
          },
          `${sitePath}reports/${id}/`,
          { timeout: 10_000 },
        );
        steps.push(`filtering by the facet “${facet.slice(0, 40)}…” leaves only ${sitePath}reports/${id}/`);
      } catch (error) {
        problems.push(`the facet filter “${facet}” does not narrow the results to ${sitePath}reports/${id}/: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    await shot('search');

    // Every other report page: no console errors, no dialog, no serious accessibility violation.
    for (const other of reportIds.slice(1)) {
      await page.goto(`${base}/reports/${other}/`);
      problems.push(...(await axeViolations(page, axeSource)));
      await shot(`report-${other}`);
    }
    steps.push(`checked ${reportIds.length} report pages with axe-core`);
    for (const path of ['/about/', '/methods/']) {
      await page.goto(`${base}${path}`);
      problems.push(...(await axeViolations(page, axeSource)));
    }
    steps.push('checked the about and methods pages with axe-core');
  } finally {
    await browser?.close();
    preview.kill('SIGTERM');
  }
  const seconds = (performance.now() - started) / 1000;
  for (const step of steps) log(`ok   ${step}`);
  return { steps, problems, screenshots, seconds };
}
