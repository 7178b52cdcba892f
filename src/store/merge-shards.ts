import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { writeFileAtomic } from './write-atomic.ts';
import { assertContentTarget } from './write-target.ts';

// A shard's records are its plain files. Hidden files are not records: the leftovers of a write killed
// mid-way (`.<name>.<pid>.tmp`, store/write-atomic.ts) and the content lock (`.sift-lock`,
// store/content-lock.ts) would otherwise be copied into the committed cache. Links are not followed:
// an uploaded artifact is not trusted to point anywhere.
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split(/[\\/]/).some((part) => part.startsWith('.')) && !basename(f).startsWith('.'))
    .filter((f) => lstatSync(join(dir, f)).isFile())
    .sort();
}

// Each CI shard uploads its whole src/content; only files a shard changed are taken. Every question
// lives in exactly one shard, so two shards changing one file differently is a bug worth stopping for.
// `root` is the repository the target belongs to: nothing is written through a link out of it.
export function mergeShards(shardDirs: readonly string[], target: string, root = process.cwd()): string[] {
  const taken = new Map<string, { from: string; content: string }>();
  for (const shard of [...shardDirs].sort()) {
    for (const file of filesUnder(shard)) {
      const content = readFileSync(join(shard, file), 'utf8');
      const current = existsSync(join(target, file)) ? readFileSync(join(target, file), 'utf8') : null;
      if (content === current) continue;
      const earlier = taken.get(file);
      if (earlier && earlier.content !== content) {
        throw new Error(`${file} was changed differently by ${relative('.', earlier.from)} and ${relative('.', shard)}: shards must not overlap`);
      }
      taken.set(file, { from: shard, content });
    }
  }
  for (const file of taken.keys()) assertContentTarget(root, join(target, file), target);
  for (const [file, { content }] of taken) writeFileAtomic(join(target, file), content);
  return [...taken.keys()].sort();
}
