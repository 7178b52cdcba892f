// A value from a file, described in a message: its kind, and for text and numbers a bounded quote. Messages
// are one line each (src/records/problem.ts), so a 100 KB value must not become a 100 KB line, nor a value's
// line breaks or control characters a broken one.
//
// Exported API
//   quoteExcerpt(text: string, max = 60): string   JSON-quoted, cut to `max` characters with "…"
//   describeValue(value: unknown): string           'string "high"', 'number 3', 'a list', 'a mapping', 'nothing'

export function quoteExcerpt(text: string, max = 60): string {
  const cut = text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
  // JSON.stringify escapes quotes, backslashes and controls; lone surrogates become \ud800 (ES2019).
  return JSON.stringify(cut);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${quoteExcerpt(value)}`;
  const written = String(value);
  return `${typeof value} ${written.length <= 60 ? written : `${written.slice(0, 59)}…`}`;
}
