import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_FILE_MAX_BYTES } from '../records/question.ts';
import type { Question } from '../records/index.ts';
import type { LiveConfig } from '../sources/config.ts';
import { contentDir, retrievalCachePath, synthesisPath } from './content-paths.ts';
import { readRepositoryBytes } from './repository-file.ts';
import { writeFileAtomic } from './write-atomic.ts';
import { assertContentTarget } from './write-target.ts';

// Issue 13: an unchanged `synthesize` must cost a few percent of a full one, but deciding "unchanged" from the
// input hash (store/input-hash.ts) means parsing every corpus and every stored synthesis. A fingerprint is the hash
// of the bytes a question's synthesis is made from, recorded beside the synthesis once it is known to match them;
// when it and the synthesis file are as recorded, the question is unchanged without parsing either. It is
// only a shortcut: when it does not match (or is missing) the runner decides from the input hash as before, so a
// change that leaves the parsed inputs the same (a corpus re-indented) still writes nothing.
//
// The record lives in a hidden folder of the content root (<content>/.sift-inputs/<id>): hidden files are not
// records (merge-shards skips them), it is not committed (.gitignore) and it is not part of any public JSON.
//
// Exported API
//   inputFingerprint(root, question, engine, secrets, llmDigest?): string | null
//                                     null when an input cannot be read: the runner's own reading names the problem
//   fingerprintHolds(root, id, fingerprint): boolean    the record matches it and the stored synthesis is the file recorded
//   recordFingerprint(root, id, fingerprint): void       after the synthesis is written or found right
//   fingerprintPath(root, id): string

const FOLDER = '.sift-inputs';

export function fingerprintPath(root: string, id: string): string {
  return join(contentDir(root), FOLDER, id);
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * What a question's synthesis is made from, as the runner reads it (synthesize.ts gatherResults): the question, the
 * bytes of each corpus it names, its retrieval cache when it has live sources, the engine, the cached language-model
 * answers' digest, and the keys redacted from its records (a new key redacts differently; only their hash is kept).
 */
export function inputFingerprint(root: string, question: Question, engine: string, secrets: Pick<LiveConfig, 'keys'>, llmDigest?: string): string | null {
  const hash = createHash('sha256');
  hash.update(`${engine}\n${JSON.stringify(question)}\n${JSON.stringify(secrets.keys)}\n${llmDigest ?? '-'}`);
  for (const source of question.sources) {
    if (!('path' in source)) continue;
    const read = readRepositoryBytes(root, source.path, CORPUS_FILE_MAX_BYTES);
    if ('refusal' in read) return null;
    hash.update(`\ncorpus ${source.path} ${sha256(read.bytes)}`);
  }
  if (question.sources.some((source) => !('path' in source))) {
    const cache = retrievalCachePath(root, question.id);
    hash.update(`\ncache ${existsSync(cache) ? sha256(readFileSync(cache)) : '-'}`);
  }
  return hash.digest('hex');
}

type Recorded = { inputs: string; synthesis: string };

// The stored synthesis is known by its size, modification time and inode, as git's index knows a work tree's files:
// hashing it would read a quarter of a megabyte per review, most of an unchanged run's reading. Any write changes
// them (the runner's own writes replace the file: store/write-atomic.ts), so an edit by hand is noticed.
function synthesisStamp(root: string, id: string): string | null {
  try {
    const stats = statSync(synthesisPath(root, id), { bigint: true });
    return stats.isFile() ? `${stats.size}:${stats.mtimeNs}:${stats.ino}` : null;
  } catch {
    return null;
  }
}

function readRecord(root: string, id: string): Recorded | null {
  let text: string;
  try {
    text = readFileSync(fingerprintPath(root, id), 'utf8');
  } catch {
    return null;
  }
  const [inputs, synthesis] = text.split('\n');
  return inputs && synthesis ? { inputs, synthesis } : null;
}

/**
 * True when the question's recorded fingerprint is `fingerprint` and its stored synthesis is the file recorded with
 * it: a synthesis edited, replaced or deleted since is read and checked by the runner as before.
 */
export function fingerprintHolds(root: string, id: string, fingerprint: string): boolean {
  const recorded = readRecord(root, id);
  return recorded !== null && recorded.inputs === fingerprint && synthesisStamp(root, id) === recorded.synthesis;
}

/** Records that the stored synthesis, as it is now, is right for the inputs `fingerprint` names. */
export function recordFingerprint(root: string, id: string, fingerprint: string): void {
  const stamp = synthesisStamp(root, id);
  if (stamp === null) return;
  const line = `${fingerprint}\n${stamp}\n`;
  const path = fingerprintPath(root, id);
  // Unchanged records are not rewritten: an unchanged run writes nothing.
  if (existsSync(path) && readFileSync(path, 'utf8') === line) return;
  assertContentTarget(root, path);
  writeFileAtomic(path, line);
}
