import { describe, expect, it } from 'vitest';
import { describeValue, quoteExcerpt } from '../../src/text/describe-value.ts';

describe('describeValue', () => {
  it('says what a value is, quoting text and numbers', () => {
    expect(describeValue('high')).toBe('string "high"');
    expect(describeValue(3)).toBe('number 3');
    expect(describeValue(true)).toBe('boolean true');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('a mapping');
    expect(describeValue(null)).toBe('an empty value');
  });

  it('keeps a 100 KB value to one short line', () => {
    const line = describeValue(`${'x'.repeat(100_000)}\n\u0007`);
    expect(line.length).toBeLessThan(80);
    expect(line).not.toMatch(/[\n\u0007]/);
    expect(quoteExcerpt('a\nb')).toBe('"a\\nb"');
  });
});
