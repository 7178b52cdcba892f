import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionJsonSchema } from '../../src/questions/question-json-schema.ts';

describe('question JSON Schema', () => {
  it('is committed and up to date with the zod schema (run node scripts/question-schema.ts)', () => {
    const committed = readFileSync(new URL('../../public/schema/question.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(questionJsonSchema());
  });

  it('describes the fields a contributor writes', () => {
    const schema = JSON.parse(questionJsonSchema());
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'question', 'facets', 'sources']));
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['screening', 'citationStyle', 'refresh']));
  });
});
