import { withoutUnsafeCharacters } from '../records/text-characters.ts';

// The CSV output rule, for every CSV Sift writes. First the characters no output may hold go
// (src/records/text-characters.ts). Then a cell that starts with "=", "+", "-", "@", a tab or a carriage
// return gets a leading apostrophe: spreadsheets (Excel, LibreOffice, Google Sheets) run such a cell as a
// formula, so a title like "=HYPERLINK(…)" in a record would run on the reviewer's machine (OWASP, "CSV
// Injection"); with the apostrophe they show it as text. Last, RFC 4180 §2 quoting: every cell in double
// quotes, a double quote in it doubled, so commas, quotes and line breaks stay inside their cell.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as the CSV rule writes it. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : withoutUnsafeCharacters(String(value));
  const neutral = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${neutral.replaceAll('"', '""')}"`;
}

/** A table as CSV: the header, then one line per row, CRLF line ends (RFC 4180 §2). */
export function toCsvTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  // The final line break joined in, not appended: one flat string, which the site encodes without copying it first
  // (src/components/text-response.ts).
  return [header, ...rows, []].map((row) => row.map(csvCell).join(',')).join('\r\n');
}
