import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

// "I/N", 1-based as CI job matrices write it.
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard "${text}" should be I/N with 1 <= I <= N, e.g. --shard 2/4`);
  }
  return { index, count };
}

// By a hash of the id rather than by position, so adding a question never moves the others
// to another shard.
export function inShard(id: string, shard: Shard): boolean {
  const n = createHash('sha256').update(id).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}

// The site build's shard (scripts/build.ts --shard sets SIFT_SHARD for astro build): the report routes
// (components/report-paths.ts) and the sitemap (astro.config.mjs) read it. None: the whole site.
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | undefined {
  const text = env['SIFT_SHARD'];
  return text === undefined || text === '' ? undefined : parseShard(text);
}
