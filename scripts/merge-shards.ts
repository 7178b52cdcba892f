#!/usr/bin/env node
// node scripts/merge-shards.ts DIR...  — each DIR is one shard's uploaded src/content.
import { mergeShards } from '../src/store/merge-shards.ts';
import { contentDir } from '../src/store/content-paths.ts';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('merge-shards: name the shard folders, e.g. node scripts/merge-shards.ts .tmp/shards/*');
  process.exit(2);
}
const changed = mergeShards(dirs, contentDir(process.cwd()));
console.log(`merge-shards: ${changed.length} file(s) taken from ${dirs.length} shard(s)${changed.length ? `:\n  ${changed.join('\n  ')}` : ''}`);
