import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { FileRefusalKind } from '../records/question.ts';

// Files a question names or a contributor adds (question files, corpora) arrive by pull request, so reading
// one must not reach outside the checkout: no "..", no absolute path, no symbolic link that leads out; only
// regular files (not /dev/zero, a FIFO that blocks forever, a directory); and no more than a size limit, so a
// huge file is refused before it is read.
//
// Exported API
//   type FileRefusal = { kind: FileRefusalKind; problem: string }     kind: missing, outside, not-a-file, too-big, unreadable
//       problem: what is wrong, in words that follow the file's name ("does not exist", "is a directory");
//       never the file's content
//   repositoryFileRefusal(root, path, maxBytes): FileRefusal | null      checks without opening the file
//   readRepositoryFile(root, path, maxBytes): { text: string } | { refusal: FileRefusal }
//       checks, then reads as UTF-8 (a leading byte order mark dropped), checking again on the open file
//   readRepositoryBytes(root, path, maxBytes): { bytes: Buffer } | { refusal: FileRefusal }    the same, undecoded

export type FileRefusal = { kind: FileRefusalKind; problem: string };

// Rounded up, so a file one byte over a limit never reads as the limit itself.
function size(bytes: number): string {
  const [unit, scale] = bytes < 1024 * 1024 ? ['KB', 1024] : ['MB', 1024 * 1024];
  const exact = bytes / scale;
  return `${Number.isInteger(exact) ? exact : (Math.ceil(exact * 10) / 10).toFixed(1)} ${unit}`;
}

function sizeRefusal(stats: Stats, maxBytes: number): FileRefusal | null {
  if (stats.isDirectory()) return { kind: 'not-a-file', problem: 'is a directory, not a file' };
  if (!stats.isFile()) return { kind: 'not-a-file', problem: 'is not a regular file (a device, pipe or socket)' };
  if (stats.size > maxBytes) {
    return { kind: 'too-big', problem: `is ${size(stats.size)}, more than the ${size(maxBytes)} a file may have here` };
  }
  return null;
}

// The real path of `path` under `root`, or why there is none.
function realPathInside(root: string, path: string): { real: string } | { refusal: FileRefusal } {
  if (path.includes('\0')) return { refusal: { kind: 'missing', problem: 'does not exist' } };
  if (isAbsolute(path) || /^[A-Za-z]:|^\\/.test(path) || path.split(/[\\/]/).includes('..')) {
    return { refusal: { kind: 'outside', problem: 'leads outside the repository (an absolute path or "..")' } };
  }
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(resolve(realRoot, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { refusal: { kind: 'missing', problem: 'does not exist' } };
    if (code === 'ELOOP') return { refusal: { kind: 'outside', problem: 'is a loop of symbolic links' } };
    return { refusal: { kind: 'unreadable', problem: `cannot be read (${code ?? 'unknown error'})` } };
  }
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
    return { refusal: { kind: 'outside', problem: 'leads outside the repository (through a symbolic link)' } };
  }
  return { real };
}

export function repositoryFileRefusal(root: string, path: string, maxBytes: number): FileRefusal | null {
  const found = realPathInside(root, path);
  if ('refusal' in found) return found.refusal;
  try {
    return sizeRefusal(statSync(found.real), maxBytes);
  } catch (error) {
    return { kind: 'unreadable', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
}

export function readRepositoryFile(root: string, path: string, maxBytes: number): { text: string } | { refusal: FileRefusal } {
  const read = readRepositoryBytes(root, path, maxBytes);
  return 'refusal' in read ? read : { text: read.bytes.toString('utf8').replace(/^\uFEFF/, '') };
}

// The same checks, the bytes as they are: a fingerprint of a file needs no decoding (store/input-fingerprint.ts), and
// decoding 1,000 corpora of 80 KB was most of an unchanged run's CPU.
export function readRepositoryBytes(root: string, path: string, maxBytes: number): { bytes: Buffer } | { refusal: FileRefusal } {
  const found = realPathInside(root, path);
  if ('refusal' in found) return found;
  // Checked before opening: opening a FIFO for reading waits for a writer, forever if none comes.
  const before = repositoryFileRefusal(root, path, maxBytes);
  if (before) return { refusal: before };
  let fd: number;
  try {
    // Non-blocking and not following a link, in case the file was swapped since it was checked.
    fd = openSync(found.real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return { refusal: { kind: 'unreadable', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` } };
  }
  try {
    const stats = fstatSync(fd);
    const refusal = sizeRefusal(stats, maxBytes);
    if (refusal) return { refusal };
    // One byte more than fstat promised: a file that grows while it is read is refused, not read in part.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > stats.size) return { refusal: { kind: 'unreadable', problem: 'changed while it was read' } };
    return { bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}
