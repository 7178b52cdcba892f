import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepositoryBytes, readRepositoryFile, repositoryFileRefusal } from '../../src/store/repository-file.ts';

// A scratch checkout with a folder beside it that must stay out of reach (issue 10, finding 1).
let base: string;
let repo: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sift-repository-file-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, 'data'), { recursive: true });
  writeFileSync(join(base, 'outside.txt'), 'outside');
  writeFileSync(join(repo, 'data/ok.txt'), '\uFEFFhello');
  writeFileSync(join(repo, 'data/2kb.txt'), 'x'.repeat(2048));
  symlinkSync(join(base, 'outside.txt'), join(repo, 'data/out.txt'));
  symlinkSync('ok.txt', join(repo, 'data/in.txt'));
  symlinkSync('loop.txt', join(repo, 'data/loop.txt'));
  execFileSync('mkfifo', [join(repo, 'data/fifo.txt')]);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('readRepositoryFile', () => {
  it('reads a regular file inside the repository, directly or through a link that stays inside', () => {
    expect(readRepositoryFile(repo, 'data/ok.txt', 100)).toEqual({ text: 'hello' });
    expect(readRepositoryFile(repo, 'data/in.txt', 100)).toEqual({ text: 'hello' });
  });

  it('gives the bytes undecoded, byte order mark included, under the same checks', () => {
    const read = readRepositoryBytes(repo, 'data/ok.txt', 100);
    expect('bytes' in read && read.bytes.equals(Buffer.from('\uFEFFhello'))).toBe(true);
    expect(readRepositoryBytes(repo, 'data/out.txt', 100)).toEqual(readRepositoryFile(repo, 'data/out.txt', 100));
    expect(readRepositoryBytes(repo, 'data/2kb.txt', 1024)).toEqual(readRepositoryFile(repo, 'data/2kb.txt', 1024));
  });

  it.each([
    ['../outside.txt', 'outside', 'leads outside the repository (an absolute path or "..")'],
    ['/etc/passwd', 'outside', 'leads outside the repository (an absolute path or "..")'],
    ['data/out.txt', 'outside', 'leads outside the repository (through a symbolic link)'],
    ['data/loop.txt', 'outside', 'is a loop of symbolic links'],
    ['data/fifo.txt', 'not-a-file', 'is not a regular file (a device, pipe or socket)'],
    ['data', 'not-a-file', 'is a directory, not a file'],
    ['data/none.txt', 'missing', 'does not exist'],
    ['data/ok.txt\0', 'missing', 'does not exist'],
  ])('refuses %s without opening it', (path, kind, problem) => {
    expect(repositoryFileRefusal(repo, path, 100)).toEqual({ kind, problem });
    expect(readRepositoryFile(repo, path, 100)).toEqual({ refusal: { kind, problem } });
  });

  it('refuses a file over the limit before reading it', () => {
    expect(readRepositoryFile(repo, 'data/2kb.txt', 1024)).toEqual({ refusal: { kind: 'too-big', problem: 'is 2 KB, more than the 1 KB a file may have here' } });
    expect(readRepositoryFile(repo, 'data/2kb.txt', 2048)).toEqual({ text: 'x'.repeat(2048) });
  });
});
