// The worker thread of src/site-downloads.ts: writes every listed review's downloads (components/review-downloads.ts)
// into the site's output folder, and answers with how many files it wrote or the first one it could not make.
//
// Exported API
//   type DownloadsJob = { synthesesDir, outDir, shard, location }
//   type DownloadsDone = { files: number } | { failed: { route, error } } | { crashed: string }
//   writeReviewDownloads(job): DownloadsDone      the same work in the calling thread (the thread runs it)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { REVIEW_DOWNLOADS } from './components/review-downloads.ts';
import { textBytes } from './components/text-response.ts';
import type { SiteLocation } from './publish/site-paths.ts';
import { readSiteSynthesis, storedSynthesisFiles } from './store/site-syntheses.ts';
import { inShard, type Shard } from './workflows/shard.ts';

export type DownloadsJob = {
  /** the folder the site's `syntheses` collection is loaded from (store/site-syntheses.ts) */
  synthesesDir: string;
  outDir: string;
  /** a sharded build's shard: only its reviews' files, as components/report-paths.ts lists its reports */
  shard: Shard | undefined;
  location: SiteLocation;
};

/** What the thread answers: the files written, or the first that could not be made, named as Astro names a route that failed. */
export type DownloadsDone = { files: number } | { failed: { route: string; error: string } } | { crashed: string };

/**
 * Every listed review's downloads, review by review. The reviews are the collection's (one per stored <id>.json, the
 * loader's own listing), less the other shards' when the build is a shard's, each read once as its pages read it.
 */
export function writeReviewDownloads(job: DownloadsJob): DownloadsDone {
  let files = 0;
  const made = new Set<string>();
  for (const file of storedSynthesisFiles(job.synthesesDir)) {
    const id = file.slice(0, -'.json'.length);
    if (job.shard !== undefined && !inShard(id, job.shard)) continue;
    let download = REVIEW_DOWNLOADS[0]!;
    try {
      const synthesis = readSiteSynthesis(join(job.synthesesDir, file));
      for (download of REVIEW_DOWNLOADS) {
        const path = join(job.outDir, download.file(id));
        const folder = dirname(path);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        writeFileSync(path, textBytes(download.text(synthesis, job.location)));
        files += 1;
      }
    } catch (error) {
      // As Astro reports a page that threw (String of the error), so that scripts/build.ts finds the review the
      // same way (store/failed-review.ts).
      return { failed: { route: `/${download.file(id)}`, error: String(error) } };
    }
  }
  return { files };
}

if (!isMainThread && parentPort !== null) {
  parentPort.postMessage(writeReviewDownloads(workerData as DownloadsJob) satisfies DownloadsDone);
}
