import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporaPapers, corpusPath, writeQuestions } from '../../src/bench/bench-build.ts';
import { benchPool, generateQuestions } from '../../src/bench/bench-questions.ts';
import { inShard } from '../../src/workflows/shard.ts';

// The sharded build as deploy.yml runs it (issue 13, point 3): `npm run build -- --shard I/N` on each runner,
// then `npm run merge-site` once; and as `npm run build -- --jobs 2` runs it on one machine. Two shards merged must be the single build, file for file and byte for byte
// (Pagefind's index included, and the sitemap, which lists every shard's reports). The content is the three
// demo reviews, which all fall in shard 1 of 2, and three questions generated from corpora/ (src/bench), one
// of which falls in shard 2; the site is built for a Pages address, so the sitemap is written.
const root = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);
const SITE = { SIFT_SITE: 'https://owner.github.io', SIFT_BASE: '/sift' };
let work: string;
let ids: string[];

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

// One build of `site` (a copy of the questions, corpora and content) with scripts/build.ts, from its folder.
async function build(site: string, args: string[]): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...SITE, ASTRO_TELEMETRY_DISABLED: '1', SIFT_CONTENT_DIR: join(site, 'content') };
  delete env['SIFT_SHARD'];
  await run(process.execPath, [join(root, 'scripts/build.ts'), ...args], { cwd: site, env, maxBuffer: 64 * 1024 * 1024 });
}

function copySite(from: string, to: string): string {
  for (const part of ['questions', 'corpora', 'content']) cpSync(join(from, part), join(to, part), { recursive: true });
  return to;
}

beforeAll(async () => {
  // Inside the project, where Astro keeps each build's prerender scratch folder in its own output folder: out
  // of it, builds at the same time (the two shards, another test's) share <project>/.astro/.prerender and
  // delete each other's files.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  work = mkdtempSync(join(root, '.tmp', 'sharded-build-'));
  const single = join(work, 'single');
  const pool = benchPool(corporaPapers(root));
  const generated = generateQuestions(pool, { count: 3, papers: 20, seed: 13, maxIncluded: 10, corpusPath });
  writeQuestions(single, generated);
  cpSync(join(root, 'questions'), join(single, 'questions'), { recursive: true });
  cpSync(join(root, 'corpora'), join(single, 'corpora'), { recursive: true });
  cpSync(join(root, 'src/content/syntheses'), join(single, 'content/syntheses'), { recursive: true });
  ids = readdirSync(join(single, 'questions')).map((f) => f.replace(/\.yaml$/, '')).sort();
  // The single build synthesizes the generated questions; the shards start from its content, as CI's runners
  // start from the committed cache.
  await build(single, ['--out-dir', join(work, 'dist-single')]);
  const shards = [1, 2].map((i) => copySite(single, join(work, `shard-${i}`)));
  // Each shard from its own folder, as on its own runner: two builds from one folder would share .tmp/build.
  await Promise.all(shards.map((dir, i) => build(dir, ['--shard', `${i + 1}/2`, '--out-dir', join(work, `site-${i + 1}`)])));
  await run(process.execPath, [join(root, 'scripts/merge-site.ts'), '--out-dir', join(work, 'dist-merged'), join(work, 'site-1'), join(work, 'site-2')], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  // The same two shards side by side on one machine (build --jobs 2), from a copy of the single build's folder.
  await build(copySite(single, join(work, 'jobs')), ['--jobs', '2', '--out-dir', join(work, 'dist-jobs')]);
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a site built in two shards and merged', () => {
  it('spreads the reports over both shards, each report in one', () => {
    const reports = (i: number) => readdirSync(join(work, `site-${i}`, 'reports')).sort();
    expect(reports(1).length).toBeGreaterThan(0);
    expect(reports(2).length).toBeGreaterThan(0);
    expect([...reports(1), ...reports(2)].sort()).toEqual(ids);
    for (const i of [1, 2]) for (const id of reports(i)) expect(inShard(id, { index: i, count: 2 }), id).toBe(true);
  });

  it('leaves the index to the merge: no shard runs Pagefind', () => {
    for (const i of [1, 2]) expect(filesOf(join(work, `site-${i}`)).some((f) => f.startsWith('pagefind'))).toBe(false);
  });

  it.each(['dist-merged', 'dist-jobs'])('is the single build, file for file and byte for byte (%s)', (built) => {
    const single = join(work, 'dist-single');
    const merged = join(work, built);
    expect(filesOf(merged)).toEqual(filesOf(single));
    expect(filesOf(single).some((f) => f.startsWith('pagefind/'))).toBe(true);
    expect(filesOf(single)).toContain('sitemap-0.xml');
    const files = filesOf(single).filter((f) => statSync(join(single, f)).isFile());
    const differing = files.filter((f) => !readFileSync(join(single, f)).equals(readFileSync(join(merged, f))));
    expect(differing).toEqual([]);
  });
});
