#!/usr/bin/env node
// npm run merge-site -- [--out-dir DIR] SHARD_DIR...: the sites of `npm run build -- --shard I/N --out-dir SHARD_DIR`
// merged into one (default dist/, src/store/merge-site.ts), then indexed by Pagefind once.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeSite } from '../src/store/merge-site.ts';

const site = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--out-dir');
const outDir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : 'dist');
const shards = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1)).map((d) => resolve(d));
if (shards.length === 0) {
  console.error('merge-site: name the shards’ built sites, e.g. npm run merge-site -- .tmp/site-shards/*');
  process.exit(2);
}
const merged = mergeSite(shards, outDir);
console.log(`merge-site: ${merged.files} file(s) from ${shards.length} shard(s) into ${outDir} (${merged.shared} written by several shards, identical)`);
const pagefind = spawnSync('npx', ['pagefind', '--site', outDir], { stdio: 'inherit', cwd: site });
if (pagefind.error) throw pagefind.error;
process.exit(pagefind.status ?? 1);
