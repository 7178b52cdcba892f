import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsvTable } from '../../src/cite/csv-values.ts';

describe('the CSV output rule', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises a cell that a spreadsheet would run as a formula: %j', (value) => {
    expect(csvCell(value)).toBe(`"'${value.replaceAll('"', '""')}"`);
  });

  it('quotes every cell and doubles its quotes, so commas, quotes and line breaks stay inside it (RFC 4180)', () => {
    const table = toCsvTable(['title', 'abstract'], [['A "quoted", title', 'line one\nline two'], ['x', null]]);
    expect(table).toBe('"title","abstract"\r\n"A ""quoted"", title","line one\nline two"\r\n"x",""\r\n');
    expect(parse(table)).toEqual([['title', 'abstract'], ['A "quoted", title', 'line one\nline two'], ['x', '']]);
  });

  it('removes the characters no output may hold, and leaves other text as it is', () => {
    expect(csvCell('a\u0000b\u0007c')).toBe('"abc"');
    expect(csvCell('Gonçalves – 2024')).toBe('"Gonçalves – 2024"');
    expect(csvCell(2024)).toBe('"2024"');
  });
});
