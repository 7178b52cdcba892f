#!/usr/bin/env node
// npm run build [-- --out-dir DIR] [-- --shard I/N] [-- --jobs N]: synthesize from the committed cache (no
// network), build the site, index it. With --shard, only the reports of the I-th of N shards
// (src/workflows/shard.ts) are built, with every page that is not a report's, and nothing is indexed: `npm run
// merge-site` puts the shards' sites together and indexes them once (.github/workflows/deploy.yml). With --jobs N
// (0: one per CPU) the same happens on this machine: N shards are built side by side, one Astro process each
// (Astro renders pages in one thread), merged into the output folder and indexed once; the site is the same.
// Every shard still synthesizes every question: the shared pages (index, feeds, report JSON index) read all the reviews, and must read the same
// ones in every shard; unchanged reviews cost little (input records and hashes, src/synthesize.ts). A review
// left out of one shard (below) changes that shard's shared pages, and the merge refuses the mix.
//
// The data is the working folder's (questions/, src/content/ or SIFT_CONTENT_DIR); the site is this project's.
// One bad review does not stop the others: a question that fails keeps its stored review, a stored file
// that does not parse or whose question is gone is left out (store/stage-content), and a review whose page
// fails to render is left out and the site built again without it. The command exits non-zero at the end
// whenever anything was left out, so CI still sees the problem.
//
// Why rebuild rather than catch render errors inside the pages: Astro has no error boundary, and a
// review that half-rendered would still be listed on the index, in the feeds and in the report JSON.
// Leaving it out of the content and building again keeps every page consistent, at the price of one
// more build (~15 s) per failing review, which only a failure pays.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, type Problem } from '../src/records/problem.ts';
import { stageContent, unstageReview } from '../src/store/stage-content.ts';
import { failedReview } from '../src/store/failed-review.ts';
import { synthesisPath } from '../src/store/content-paths.ts';
import { shownPath } from '../src/store/write-target.ts';
import { parseShard } from '../src/workflows/shard.ts';
import { mergeSite } from '../src/store/merge-site.ts';

const site = fileURLToPath(new URL('..', import.meta.url));
const root = process.cwd();
const at = process.argv.indexOf('--out-dir');
const outDir = resolve(root, at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : 'dist');
const shardAt = process.argv.indexOf('--shard');
const shardText = shardAt >= 0 ? (process.argv[shardAt + 1] ?? '') : undefined;
if (shardText !== undefined) {
  try {
    parseShard(shardText);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
const jobsAt = process.argv.indexOf('--jobs');
const jobs = jobsAt < 0 ? 1 : jobCount(process.argv[jobsAt + 1]);
if (jobs > 1 && shardText !== undefined) {
  console.error('build: --jobs builds the whole site in shards of its own; give either --jobs or --shard, not both');
  process.exit(2);
}
const work = join(root, '.tmp', 'build');

function jobCount(given: string | undefined): number {
  if (given === '0') return availableParallelism();
  const n = Number(given);
  if (given === undefined || !Number.isInteger(n) || n < 1) {
    console.error(`build: --jobs ${given ?? ''}: give a whole number of Astro processes, 1 or more (0: one per CPU)`);
    process.exit(2);
  }
  return n;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = root): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' }, cwd });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// Shown as it runs and kept, to find the review Astro was rendering when it failed.
function astroBuild(contentDir: string, into = { outDir, cacheDir: join(work, 'astro-cache'), shard: shardText ?? '' }): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(site, 'scripts/astro-build.ts'), into.outDir, into.cacheDir], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SIFT_CONTENT_DIR: contentDir, SIFT_SHARD: into.shard },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

// --jobs: the shards side by side, then merged into the output folder. Their folders are inside the project, where
// Astro keeps each build's prerender scratch folder in its own output folder (scripts/astro-build.ts); each has
// its own cache folder too. A failure is handed back as the single build's would be: the loop below finds the
// review and builds again, in one process.
async function astroBuildInShards(contentDir: string): Promise<{ code: number; output: string }> {
  const scratch = join(site, '.tmp', `build-shards-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const shards = Array.from({ length: jobs }, (_, i) => ({ outDir: join(scratch, `site-${i + 1}`), cacheDir: join(work, `astro-cache-shard-${i + 1}`), shard: `${i + 1}/${jobs}` }));
  try {
    const results = await Promise.all(shards.map((into) => astroBuild(contentDir, into)));
    const failed = results.find((r) => r.code !== 0);
    if (failed) return failed;
    mergeSite(shards.map((s) => s.outDir), outDir, { move: true });
    return { code: 0, output: results.map((r) => r.output).join('') };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const synthesized = run(process.execPath, [join(site, 'scripts/synthesize.ts')]);
const staged = stageContent(root, join(work, 'content'));
const problems: Problem[] = [...staged.problems];
for (const p of staged.problems) console.error(formatProblem(p));

let reviews = [...staged.reviews];
let built = false;
// At most one build per review, plus the one that succeeds.
for (let attempt = 0; attempt <= staged.reviews.length && !built; attempt += 1) {
  const { code, output } = attempt === 0 && jobs > 1 ? await astroBuildInShards(staged.dir) : await astroBuild(staged.dir);
  if (code === 0) {
    built = true;
    break;
  }
  const failed = failedReview(output, reviews);
  if (!failed) break;
  const file = shownPath(root, synthesisPath(root, failed.review));
  const problem: Problem = {
    file,
    problem: `its page ${failed.route} could not be rendered (${failed.error}), so the review is left out of the site`,
    fix: 'fix what the error above names (the stored review, or the component that failed), then build again',
  };
  problems.push(problem);
  console.error(`${formatProblem(problem)}\nbuild: building the site again without ${failed.review}`);
  unstageReview(staged.dir, failed.review);
  reviews = reviews.filter((id) => id !== failed.review);
}
if (!built) {
  console.error('build: astro build failed, and not in the pages of one review (see above): no site was built.');
  process.exit(1);
}
if (shardText !== undefined) console.log(`build: shard ${shardText} built into ${outDir}, not indexed: merge the shards with npm run merge-site`);
else if (run('npx', ['pagefind', '--site', outDir], process.env, site) !== 0) process.exit(1);
if (synthesized !== 0 || problems.length > 0) {
  const files = [...new Set(problems.map((p) => p.file))].sort();
  const left = files.length ? ` without ${files.length} stored file(s) (see above): ${files.join(', ')};` : ', but';
  console.error(`build: the site was built${left}${synthesized !== 0 ? ' some questions failed to synthesize (see above);' : ''} exiting with an error.`);
  process.exit(1);
}
