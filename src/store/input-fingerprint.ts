import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_FILE_MAX_BYTES } from '../records/question.ts';
import type { Question } from '../records/index.ts';
import type { LiveConfig } from '../sources/config.ts';
import { contentDir, retrievalCachePath, synthesisPath } from './content-paths.ts';
import { readRepositoryFile } from './repository-file.ts';
import { writeFileAtomic } from './write-atomic.ts';
import { assertContentTarget } from './write-target.ts';

// Issue 13: an unchanged `synthesize` must cost a few percent of a full one, but deciding "unchanged" from the
// input hash (store/input-hash.ts) means parsing every corpus and every stored synthesis. A fingerprint is the hash
// of the bytes a question's synthesis is made from, recorded beside the synthesis once it is known to match them;
// when it and the synthesis's own bytes are as recorded, the question is unchanged without parsing either. It is
// only a shortcut: when it does not match (or is missing) the runner decides from the input hash as before, so a
// change that leaves the parsed inputs the same (a corpus re-indented) still writes nothing.
//
// The record lives in a hidden folder of the content root (<content>/.sift-inputs/<id>): hidden files are not
// records (merge-shards skips them), it is not committed (.gitignore) and it is not part of any public JSON.
//
// Exported API
//   inputFingerprint(root, question, engine, secrets, llmDigest?): string | null
//                                     null when an input cannot be read: the runner's own reading names the problem
//   fingerprintHolds(root, id, fingerprint): boolean    the record matches it and the stored synthesis is the one recorded
//   recordFingerprint(root, id, fingerprint, synthesisText): void
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
    const read = readRepositoryFile(root, source.path, CORPUS_FILE_MAX_BYTES);
    if ('refusal' in read) return null;
    hash.update(`\ncorpus ${source.path} ${sha256(read.text)}`);
  }
  if (question.sources.some((source) => !('path' in source))) {
    const cache = retrievalCachePath(root, question.id);
    hash.update(`\ncache ${existsSync(cache) ? sha256(readFileSync(cache)) : '-'}`);
  }
  return hash.digest('hex');
}

type Recorded = { inputs: string; synthesis: string };

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
 * True when the question's recorded fingerprint is `fingerprint` and its stored synthesis is byte for byte the one
 * recorded with it: a synthesis edited, cut short or deleted since is read and checked by the runner as before.
 */
export function fingerprintHolds(root: string, id: string, fingerprint: string): boolean {
  const recorded = readRecord(root, id);
  if (recorded === null || recorded.inputs !== fingerprint) return false;
  let stored: Buffer;
  try {
    stored = readFileSync(synthesisPath(root, id));
  } catch {
    return false;
  }
  return sha256(stored) === recorded.synthesis;
}

/** Records that the stored synthesis whose text is `synthesisText` is right for the inputs `fingerprint` names. */
export function recordFingerprint(root: string, id: string, fingerprint: string, synthesisText: string | Buffer): void {
  const line = `${fingerprint}\n${sha256(synthesisText)}\n`;
  const path = fingerprintPath(root, id);
  // Unchanged records are not rewritten: an unchanged run writes nothing.
  if (existsSync(path) && readFileSync(path, 'utf8') === line) return;
  assertContentTarget(root, path);
  writeFileAtomic(path, line);
}
