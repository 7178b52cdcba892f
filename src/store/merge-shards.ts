import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from './write-atomic.ts';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

// Each CI shard uploads its whole src/content; only files a shard changed are taken. Every question
// lives in exactly one shard, so two shards changing one file differently is a bug worth stopping for.
export function mergeShards(shardDirs: readonly string[], target: string): string[] {
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
  for (const [file, { content }] of taken) writeFileAtomic(join(target, file), content);
  return [...taken.keys()].sort();
}
