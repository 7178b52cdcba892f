// A remembered function computes each key once, and forgets everything when it reaches its bound.
import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/text/remembered.ts';

describe('remembered', () => {
  it('computes a key once and hands back the same value', () => {
    let calls = 0;
    const length = remembered((s) => {
      calls++;
      return { n: s.length };
    });
    const first = length('abstract');
    expect(length('abstract')).toBe(first);
    expect(calls).toBe(1);
  });

  it('remembers an undefined value too', () => {
    let calls = 0;
    const nothing = remembered(() => {
      calls++;
      return undefined;
    });
    nothing('a');
    nothing('a');
    expect(calls).toBe(1);
  });

  it('forgets everything when full, then fills again', () => {
    let calls = 0;
    const upper = remembered((s) => {
      calls++;
      return s.toUpperCase();
    }, 2);
    upper('a');
    upper('b');
    upper('c');
    expect(calls).toBe(3);
    upper('c');
    expect(calls).toBe(3);
    upper('a');
    expect(calls).toBe(4);
  });
});
