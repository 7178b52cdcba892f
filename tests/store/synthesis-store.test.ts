import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiftError } from '../../src/records/problem.ts';
import { readRetrievalCacheFile, readSynthesis, synthesisPath } from '../../src/store/synthesis-store.ts';
import { thrown } from '../thrown.ts';

const id = 'llm-vulnerability-detection';
const committed = readFileSync(new URL(`../../src/content/syntheses/${id}.json`, import.meta.url), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'sift-store-'));
mkdirSync(join(root, 'src/content/syntheses'), { recursive: true });
const path = synthesisPath(root, id);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reading a stored file that is damaged', () => {
  it('reads the committed synthesis as it is', () => {
    writeFileSync(path, committed);
    expect(readSynthesis(root, id)?.id).toBe(id);
  });

  it('names the file, line and column where it stops being JSON, and what to do', () => {
    // A write that stopped halfway: the file ends inside the "counts" object, on its last line.
    const cut = committed.slice(0, committed.indexOf('"duplicates"'));
    writeFileSync(path, cut);
    const error = thrown(() => readSynthesis(root, id), SiftError);
    const [problem] = error.problems;
    expect(problem).toMatchObject({ file: path, line: cut.split('\n').length, fix: `restore it with git checkout -- ${path}, or delete it to recompute` });
    expect(problem?.problem).toMatch(/^not JSON \(.+\), so the file is not a valid synthesis$/);
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not JSON \\(`));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names the field that does not fit the schema', () => {
    const data = JSON.parse(committed) as { counts: Record<string, unknown> };
    data.counts['included'] = 'many';
    writeFileSync(path, JSON.stringify(data, null, 2));
    const error = thrown(() => readSynthesis(root, id), SiftError);
    expect(error.problems).toEqual([
      {
        file: path,
        field: 'counts.included',
        problem: 'invalid input: expected number, received string, so the file is not a valid synthesis',
        fix: `restore it with git checkout -- ${path}, or delete it to recompute`,
      },
    ]);
  });

  it('lists the first five problems of a file with many, and says how many more', () => {
    const cache = join(root, 'cache.json');
    writeFileSync(cache, JSON.stringify({ question: id, results: Array.from({ length: 7 }, () => ({ source: 1 })) }));
    const error = thrown(() => readRetrievalCacheFile(cache), SiftError);
    expect(error.problems).toHaveLength(5);
    expect(error.problems[0]?.field).toBe('results[0].source');
    expect(error.problems[4]?.problem).toMatch(/\(and \d+ more\), so the file is not a valid retrieval cache$/);
  });
});
