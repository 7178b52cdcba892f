// Whether two papers share an author, on the authors of real records of corpora/code-security.csl.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharesAnAuthor } from '../../src/identity/index.ts';

type Item = { id: string; author?: { family: string; given?: string }[] };
const root = fileURLToPath(new URL('../../', import.meta.url));
const items = new Map((JSON.parse(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8')) as Item[]).map((it) => [it.id, { authors: it.author ?? [] }]));
const paper = (id: string) => items.get(id)!;

describe('sharesAnAuthor', () => {
  it('finds the group behind a conference paper and its sequel (Liu Z., Liao Q.: tp0247, tp0118)', () => {
    expect(sharesAnAuthor(paper('tp0247'), paper('tp0118'))).toBe(true);
    expect(sharesAnAuthor(paper('tp0118'), paper('tp0247'))).toBe(true);
  });

  it('does not confuse two papers by other people', () => {
    expect(sharesAnAuthor(paper('tp0247'), paper('tp0230'))).toBe(false);
  });

  it('reads a family name loosely and the given name by its initial', () => {
    expect(sharesAnAuthor({ authors: [{ family: 'Müller', given: 'Jörg' }] }, { authors: [{ family: 'Muller', given: 'J.' }] })).toBe(true);
    expect(sharesAnAuthor({ authors: [{ family: 'Müller', given: 'Jörg' }] }, { authors: [{ family: 'Muller', given: 'Anna' }] })).toBe(false);
    expect(sharesAnAuthor({ authors: [{ family: '' }] }, { authors: [{ family: '' }] })).toBe(false);
  });
});
