// The Astro integration that makes each review's downloads (components/review-downloads.ts: its reference and
// screening exports, feed and report JSON) without Astro's page renderer. Astro renders the pages and endpoints of a
// static build one after another in one thread, at a cost per file whatever its size; at 1,000 reviews the downloads
// are 7,000 of the site's 12,000 files. So `astro build` renders only the pages, and a worker thread
// (src/site-downloads-thread.ts) writes the downloads into the output folder meanwhile, on the machine's other core.
// Measured at 1,000 generated reviews on 2 cores (issue 13), the same sitting: astro build 48.2 s, 48.2 s → 33.7 s,
// 37.3 s, CPU about the same, peak RSS about 170 MB higher (the thread's heap); the site byte for byte the same.
// The bytes are the ones the endpoints sent (the same table, the same encoding), and in `astro dev` the downloads are
// still routes, injected only there (components/review-download-route.ts).
//
// The thread starts at astro:config:done, so that it runs beside the content layer's sync and Vite's bundling too,
// and writes into a staging folder in Astro's cache folder, since Astro empties the output folder after that
// (astro/dist/core/build/static-build.js, viteBuild); astro:build:done waits for it and moves the files in. Started at
// astro:build:setup instead (the first hook after the emptying), the thread was the build's last part to finish once
// the pages no longer read each stored review a second time (store/site-syntheses.ts). A download that cannot be made
// fails the build as a page that throws does, with Astro's own wording ("Caught error rendering <path>: <error>"),
// which scripts/build.ts reads to leave that review out and build again.
//
// Exported API: siteDownloads(): AstroIntegration.
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { siteLocationOf } from './publish/site-paths.ts';
import { siteSynthesesDir } from './store/site-syntheses.ts';
import { shardFromEnv } from './workflows/shard.ts';
import type { DownloadsDone, DownloadsJob } from './site-downloads-thread.ts';

function startThread(job: DownloadsJob): Promise<DownloadsDone> {
  return new Promise((done) => {
    const worker = new Worker(new URL('./site-downloads-thread.ts', import.meta.url), { workerData: job });
    // A build that fails elsewhere exits without waiting for the downloads.
    worker.unref();
    // Every outcome is a value, so a thread that failed before build:done is not an unhandled rejection meanwhile.
    worker.once('message', (answer: DownloadsDone) => done(answer));
    worker.once('error', (error) => done({ crashed: error.stack ?? String(error) }));
    worker.once('exit', (code) => done({ crashed: `the thread stopped with exit code ${code} before answering` }));
  });
}

export function siteDownloads(): AstroIntegration {
  let building = false;
  let staging = '';
  let writing: Promise<DownloadsDone> | undefined;
  return {
    name: 'sift:review-downloads',
    hooks: {
      'astro:config:setup': async ({ command, injectRoute }) => {
        building = command === 'build';
        if (command !== 'dev') return;
        const { REVIEW_DOWNLOADS } = await import('./components/review-downloads.ts');
        const entrypoint = new URL('./components/review-download-route.ts', import.meta.url);
        for (const { pattern } of REVIEW_DOWNLOADS) injectRoute({ pattern, entrypoint, prerender: true });
      },
      'astro:config:done': ({ config }) => {
        if (!building || writing !== undefined) return;
        // One staging folder per build process, so that two builds of one project (shards) keep apart.
        staging = join(fileURLToPath(config.cacheDir), `sift-downloads-${process.pid}`);
        rmSync(staging, { recursive: true, force: true });
        const location = siteLocationOf(config.site, config.base);
        writing = startThread({ synthesesDir: siteSynthesesDir(), outDir: staging, shard: shardFromEnv(process.env), location });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (writing === undefined) return;
        const answer = await writing;
        writing = undefined;
        if ('files' in answer) {
          moveInto(staging, fileURLToPath(dir));
          logger.info(`wrote ${answer.files} review downloads beside the pages`);
          return;
        }
        rmSync(staging, { recursive: true, force: true });
        if ('failed' in answer) {
          logger.error(`Caught error rendering ${answer.failed.route}: ${answer.failed.error}`);
          throw new Error(`the review download ${answer.failed.route} could not be made: ${answer.failed.error}`);
        }
        throw new Error(`the review downloads were not written: ${answer.crashed}`);
      },
    },
  };
}

// The staged files moved into the built site, folder by folder (the pages' folders exist there already), then the
// staging folder removed. A rename cannot cross file systems: then the files are copied.
function moveInto(from: string, to: string): void {
  const made = new Set<string>();
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const target = join(to, source.slice(from.length + 1));
    const folder = join(target, '..');
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    try {
      renameSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      cpSync(source, target);
    }
  }
  rmSync(from, { recursive: true, force: true });
}
