import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiftError } from '../../src/records/problem.ts';
import { Synthesis } from '../../src/records/index.ts';
import { writeSynthesis } from '../../src/store/synthesis-store.ts';
import { assertContentTarget } from '../../src/store/write-target.ts';

// A symlinked content folder or file must not send a write outside the checkout (issue 10, finding 9).
// The synthesis is the hand-made fixture the site tests use (tests/fixtures/site/PROVENANCE.md).
const synthesis = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-synthesis.json', import.meta.url), 'utf8')));
const work = mkdtempSync(join(tmpdir(), 'sift-target-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function checkout(name: string): { root: string; outside: string } {
  const root = join(work, name, 'repo');
  const outside = join(work, name, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  return { root, outside };
}

function thrown(run: () => unknown): SiftError {
  try {
    run();
  } catch (error) {
    if (error instanceof SiftError) return error;
    throw error;
  }
  throw new Error('expected a SiftError');
}

describe('writes through a symbolic link', () => {
  it('writes a synthesis into real folders', () => {
    const { root } = checkout('plain');
    writeSynthesis(root, synthesis);
    expect(existsSync(join(root, 'src/content/syntheses', `${synthesis.id}.json`))).toBe(true);
  });

  it('refuses a symlinked content folder, names it and writes nothing outside', () => {
    const { root, outside } = checkout('folder');
    symlinkSync(outside, join(root, 'src/content'));
    const error = thrown(() => writeSynthesis(root, synthesis));
    expect(error.problems[0]).toMatchObject({ file: 'src/content' });
    expect(error.message).toMatch(/^src\/content: is a symbolic link \(to .+outside\), so writing src\/content\/syntheses\/hostile-synthesis\.json through it would write outside the checkout/);
    expect(error.message).toContain('git checkout -- src/content');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses a symlinked syntheses folder and a symlinked record file', () => {
    const { root, outside } = checkout('inner');
    mkdirSync(join(root, 'src/content'));
    symlinkSync(outside, join(root, 'src/content/syntheses'));
    expect(thrown(() => writeSynthesis(root, synthesis)).problems[0]!.file).toBe('src/content/syntheses');
    rmSync(join(root, 'src/content/syntheses'));
    mkdirSync(join(root, 'src/content/syntheses'));
    const target = join(outside, 'elsewhere.json');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(root, 'src/content/syntheses', `${synthesis.id}.json`));
    expect(thrown(() => writeSynthesis(root, synthesis)).problems[0]!.file).toBe(`src/content/syntheses/${synthesis.id}.json`);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });

  it('allows a content folder that SIFT_CONTENT_DIR puts outside the checkout on purpose', () => {
    const { root, outside } = checkout('configured');
    expect(() => assertContentTarget(root, join(outside, 'syntheses/x.json'), outside)).not.toThrow();
  });
});
