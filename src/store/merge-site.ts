import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The site of a sharded build (scripts/build.ts --shard I/N) put back together: each shard's folder holds
// the reports of its shard and every page that is not a report's (the index, feeds, search, the report
// JSON index, the sitemap, the bundled CSS and JS), which every shard writes from the whole content, so
// those are the same bytes in each. A file two shards both wrote must be the same in both: a difference
// means the shards were built from different content or code, and the merged site would be a mix of the
// two, so the merge stops and names the file. Pagefind indexes the merged site afterwards
// (scripts/merge-site.ts), once.

export type MergedSite = { files: number; shared: number };

// Links are not followed: a shard folder is an uploaded artifact, not trusted to point anywhere.
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => lstatSync(join(dir, f)).isFile())
    .sort();
}

function sameBytes(a: string, b: string): boolean {
  return readFileSync(a).equals(readFileSync(b));
}

/**
 * Copies every shard's files into `outDir`, emptied first as astro build empties its own. `move`: the shards' own
 * folders are scratch (a parallel build on one machine, scripts/build.ts --jobs), so their files are moved rather
 * than copied, which at a thousand reviews saves writing tens of thousands of files again.
 */
export function mergeSite(shardDirs: readonly string[], outDir: string, options: { move?: boolean } = {}): MergedSite {
  if (shardDirs.length === 0) throw new Error('merge-site: no shard folders given');
  for (const dir of shardDirs) {
    if (!existsSync(dir) || !lstatSync(dir).isDirectory()) throw new Error(`merge-site: ${dir} is not a folder (a shard's built site)`);
  }
  rmSync(outDir, { recursive: true, force: true });
  const from = new Map<string, string>();
  let shared = 0;
  for (const dir of shardDirs) {
    for (const file of filesUnder(dir)) {
      const source = join(dir, file);
      const earlier = from.get(file);
      if (earlier !== undefined) {
        if (!sameBytes(join(outDir, file), source)) {
          throw new Error(`merge-site: ${file} differs between ${earlier} and ${dir}: build every shard from the same commit and content`);
        }
        shared += 1;
        continue;
      }
      from.set(file, dir);
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      if (options.move) moveFile(source, join(outDir, file));
      else copyFileSync(source, join(outDir, file));
    }
  }
  return { files: from.size, shared };
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    // Another file system: rename cannot cross it.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
  }
}
