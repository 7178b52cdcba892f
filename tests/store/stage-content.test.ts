import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/records/problem.ts';
import { stageContent, unstageReview, type StagedContent } from '../../src/store/stage-content.ts';

// What the site is built from: only stored files that parse, are plain files and belong to a question
// (issue 10, finding 2). The stored synthesis is the hand-made site fixture (tests/fixtures/site), copied
// under other ids; the damaged copies are invented, as a killed write or a bad merge would leave them.
const repo = new URL('../..', import.meta.url).pathname;
const fixture = readFileSync(join(repo, 'tests/fixtures/site/hostile-synthesis.json'), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'sift-stage-'));
const syntheses = join(root, 'src/content/syntheses');
let staged: StagedContent;
let messages: string;

function withId(id: string, change: (data: Record<string, unknown>) => void = () => {}): string {
  const data = JSON.parse(fixture) as Record<string, unknown>;
  data['id'] = id;
  change(data);
  return `${JSON.stringify(data, null, 2)}\n`;
}

beforeAll(() => {
  mkdirSync(syntheses, { recursive: true });
  mkdirSync(join(root, 'questions'));
  for (const id of ['good', 'truncated', 'wrong-schema', 'misnamed', 'linked']) {
    cpSync(join(repo, 'questions/llm-vulnerability-detection.yaml'), join(root, 'questions', `${id}.yaml`));
  }
  writeFileSync(join(syntheses, 'good.json'), withId('good'));
  const whole = withId('truncated');
  writeFileSync(join(syntheses, 'truncated.json'), whole.slice(0, Math.floor(whole.length / 2)));
  writeFileSync(join(syntheses, 'wrong-schema.json'), withId('wrong-schema', (d) => ((d['counts'] as Record<string, unknown>)['included'] = 'many')));
  writeFileSync(join(syntheses, 'misnamed.json'), withId('someone-else'));
  writeFileSync(join(syntheses, 'orphan.json'), withId('orphan'));
  writeFileSync(join(root, 'elsewhere.json'), withId('linked'));
  symlinkSync(join(root, 'elsewhere.json'), join(syntheses, 'linked.json'));
  writeFileSync(join(syntheses, '.good.json.4242.tmp'), '{"id":');
  const cwd = process.cwd();
  process.chdir(root);
  try {
    staged = stageContent(root, join(root, '.tmp/build/content'));
  } finally {
    process.chdir(cwd);
  }
  messages = staged.problems.map(formatProblem).join('\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('staging the stored content for the site', () => {
  it('stages the good review only', () => {
    expect(staged.reviews).toEqual(['good']);
    expect(readdirSync(join(staged.dir, 'syntheses'))).toEqual(['good.json']);
    expect(readFileSync(join(staged.dir, 'syntheses/good.json'), 'utf8')).toBe(withId('good'));
  });

  it('names a truncated file where JSON stops, and the fix', () => {
    expect(messages).toMatch(
      /^src\/content\/syntheses\/truncated\.json:\d+:\d+: not JSON \(.+\), so the file is not a valid synthesis; the review is left out of the site: restore it with git checkout -- src\/content\/syntheses\/truncated\.json, or delete it to recompute$/m,
    );
  });

  it('names the field of a file that does not fit the schema', () => {
    expect(messages).toContain(
      'src/content/syntheses/wrong-schema.json: counts.included: invalid input: expected number, received string, so the file is not a valid synthesis; the review is left out of the site: restore it with git checkout -- src/content/syntheses/wrong-schema.json',
    );
  });

  it('does not publish a review whose question is gone', () => {
    expect(messages).toContain(
      'src/content/syntheses/orphan.json: its question questions/orphan.yaml does not exist (deleted or renamed), so the review is not published: delete src/content/syntheses/orphan.json if the review was withdrawn, or restore questions/orphan.yaml',
    );
  });

  it('refuses a file named for another review, and a link', () => {
    expect(messages).toContain('src/content/syntheses/misnamed.json: id: is "someone-else" but the file is named misnamed.json');
    expect(messages).toContain('src/content/syntheses/linked.json: is a symbolic link, so it is not published');
  });

  it('says nothing of a temporary file, which is no record', () => {
    expect(messages).not.toContain('.tmp');
    expect(staged.problems).toHaveLength(5);
  });

  it('takes a review out again when its page fails', () => {
    unstageReview(staged.dir, 'good');
    expect(readdirSync(join(staged.dir, 'syntheses'))).toEqual([]);
  });
});
