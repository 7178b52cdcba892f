import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { siteDownloads } from '../src/site-downloads.ts';
import { failedReview } from '../src/store/failed-review.ts';

// The integration's hooks as `astro build` calls them, on the committed demo reviews, with its thread for real: the
// downloads are written by astro:build:done, and one that cannot be made fails the build with the line
// scripts/build.ts reads to leave its review out (store/failed-review.ts).
const demo = new URL('../src/content/syntheses', import.meta.url).pathname;
const ids = readdirSync(demo).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
const made: string[] = [];
const saved = process.env['SIFT_CONTENT_DIR'];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-downloads-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env['SIFT_CONTENT_DIR'];
  else process.env['SIFT_CONTENT_DIR'] = saved;
});

type Hooks = AstroIntegration['hooks'];
const logged: string[] = [];
const logger = { info: (m: string) => logged.push(`[INFO] ${m}`), error: (m: string) => logged.push(`[ERROR] ${m}`) };

// The hooks take more than these few fields; the integration reads only these.
// Between astro:config:done and astro:build:setup Astro empties the output folder (`emptied` does it here, after the
// thread has had time to write), so the thread, started at config:done, must not write there before the end.
async function build(content: string, out: string, emptied = false): Promise<void> {
  process.env['SIFT_CONTENT_DIR'] = content;
  const hooks = siteDownloads().hooks as Required<Hooks>;
  const call = (hook: (options: never) => unknown, options: object) => hook(options as never);
  const cache = scratch();
  await call(hooks['astro:config:setup'], { command: 'build', injectRoute: () => expect.unreachable('no route is injected in a build') });
  await call(hooks['astro:config:done'], { config: { outDir: pathToFileURL(`${out}/`), cacheDir: pathToFileURL(`${cache}/`), site: undefined, base: '/' } });
  if (emptied) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
  }
  try {
    await call(hooks['astro:build:done'], { dir: pathToFileURL(`${out}/`), logger });
  } finally {
    // The staging folder is gone once its files are moved, or the build failed.
    expect(readdirSync(cache)).toEqual([]);
  }
}

describe('siteDownloads', () => {
  it('writes the downloads by the end of the build, though Astro empties the output folder after the thread starts', async () => {
    const content = scratch();
    cpSync(demo, join(content, 'syntheses'), { recursive: true });
    const out = scratch();
    await build(content, out, true);
    for (const id of ids) expect(JSON.parse(readFileSync(join(out, 'api/reports', `${id}.json`), 'utf8'))).toMatchObject({ id });
    expect(readdirSync(join(out, 'reports', ids[0]!)).sort()).toEqual(['feed.xml', 'references.bib', 'references.json', 'references.ris', 'screening.csv', 'screening.ris']);
  });

  it("fails the build on a download that cannot be made, naming its review as Astro names a page's", async () => {
    const content = scratch();
    cpSync(demo, join(content, 'syntheses'), { recursive: true });
    const broken = ids.at(-1)!;
    const whole = readFileSync(join(demo, `${broken}.json`), 'utf8');
    writeFileSync(join(content, 'syntheses', `${broken}.json`), whole.slice(0, Math.floor(whole.length / 2)));
    logged.length = 0;
    await expect(build(content, scratch())).rejects.toThrow(`/reports/${broken}/references.bib could not be made`);
    expect(failedReview(logged.join('\n'), ids)).toMatchObject({ review: broken, route: `/reports/${broken}/references.bib` });
  });
});
