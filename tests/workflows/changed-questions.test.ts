import { describe, expect, it } from 'vitest';
import { changedQuestionIds } from '../../src/workflows/changed-questions.ts';

describe('changedQuestionIds', () => {
  it('takes question files only, once each, sorted', () => {
    expect(
      changedQuestionIds(['questions/b.yaml', 'src/x.ts', 'questions/a.yml', 'questions/b.yaml', 'questions/README.md', 'questions/Bad Name.yaml']),
    ).toEqual(['a', 'b']);
  });
});
