import { describe, expect, it } from 'vitest';
import { Paper } from '../../src/records/index.ts';
import { cleanPaper, TEXT_LIMITS } from '../../src/sources/clean-paper.ts';
import { parseWork } from '../../src/sources/openalex.ts';
import { fixture } from './recordings.ts';

// A real OpenAlex record (tests/fixtures/api/openalex: The state of OA, peerj.4375), made hostile where a test says so.
const real = Paper.parse(parseWork(JSON.parse(fixture('openalex/b-vitamins_W2741809807.json')) as Record<string, unknown>));

describe('cleanPaper', () => {
  it('leaves a real record as it is, with no notes', () => {
    expect(cleanPaper(real)).toEqual({ paper: real, notes: [] });
  });

  it('removes control characters, noncharacters and lone surrogates from every text field', () => {
    const { paper, notes } = cleanPaper({
      ...real,
      title: 'The state\u0000 of OA\uFFFE: \u0007open access',
      abstract: 'Folate\u0085 and \uD800B12.\uFFFF',
      authors: [{ family: 'Smith\u001B', given: 'J\u009F' }],
      venue: 'Journal\u0008',
      keywords: ['vita\u0000min'],
    });
    expect(paper).toMatchObject({ title: 'The state of OA: open access', abstract: 'Folate and B12.', authors: [{ family: 'Smith', given: 'J' }], venue: 'Journal', keywords: ['vitamin'] });
    expect(notes).toEqual([]);
  });

  it('cuts over-long text with a note, never silently', () => {
    const { paper, notes } = cleanPaper({
      ...real,
      title: 'word '.repeat(1_000),
      abstract: 'a'.repeat(TEXT_LIMITS.abstract + 5),
      authors: Array.from({ length: TEXT_LIMITS.authors + 2 }, (_, i) => ({ family: `F${i}` })),
      url: `https://example.org/${'x'.repeat(3_000)}`,
    });
    expect(paper!.title.length).toBeLessThanOrEqual(TEXT_LIMITS.title);
    expect(paper!.abstract).toHaveLength(TEXT_LIMITS.abstract);
    expect(paper!.authors).toHaveLength(TEXT_LIMITS.authors);
    expect(paper!.url).toBeNull();
    expect(notes).toEqual([
      { field: 'authors', problem: 'lists 5,002 authors; the first 5,000 were kept' },
      { field: 'title', problem: 'was cut from 4,999 to 1,000 characters' },
      { field: 'abstract', problem: 'was cut from 20,005 to 20,000 characters' },
      { field: 'url', problem: 'is 3,020 characters long (at most 2,000), so it was left out' },
    ]);
  });

  it('drops a citation key glued after the last full stop of an abstract, and nothing else', () => {
    const clean = (abstract: string) => cleanPaper({ ...real, abstract }).paper!.abstract;
    expect(clean('…optimizing their performance.gao2023far')).toBe('…optimizing their performance.');
    expect(clean('…their performance. smith2021deep')).toBe('…their performance.');
    expect(clean('We release GPT-4o and gpt2023 models.')).toBe('We release GPT-4o and gpt2023 models.');
    expect(clean('Version 2.0 released in 2023.')).toBe('Version 2.0 released in 2023.');
  });

  it('leaves out a record whose id is too long or whose title is only control characters, and says why', () => {
    expect(cleanPaper({ ...real, id: `x:${'y'.repeat(400)}` })).toEqual({
      paper: null,
      notes: [{ field: 'id', problem: 'is 402 characters long (at most 300), so the record was left out' }],
    });
    expect(cleanPaper({ ...real, title: '\u0000\u0001' }).paper).toBeNull();
  });
});
