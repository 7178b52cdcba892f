// The characters Sift keeps from any text that enters it: paper records from every source and format
// (src/sources/clean-paper.ts), and question files (src/questions/parse-question.ts, which refuses what this
// would remove, so a contributor fixes the file instead of Sift changing it).
//
// Exported API
//   normaliseText(text: string): string        line breaks as "\n"; controls, noncharacters and lone surrogates gone
//   firstUnsafeCharacter(text: string): { index: number; codePoint: number } | null
//                                              the first character normaliseText would remove ("\r" is a line break, not unsafe)
//   describeCodePoint(codePoint: number): string   "U+0007 (a control character)", for messages
//   capText(text: string, max: number): string  at most `max` UTF-16 units, cut at a space where one is near,
//                                              never inside a surrogate pair
//
// What goes, and why:
//   - C0 controls except tab and line feed, DEL, and C1 controls (U+0080–U+009F): XML 1.0 §2.2 forbids most of
//     them outright (a NUL makes feed.xml ill-formed) and HTML's parser reports every one as an error
//     ("control-character-in-input-stream", HTML Living Standard §13.2.3.5); no abstract means one.
//   - Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE, …):
//     Unicode §23.7 reserves them for a program's internal use; they are never text to show.
//   - Lone surrogates: half a UTF-16 pair (JSON's "\ud800" escape makes one) is no character at all, and a
//     UTF-8 writer can only turn it into U+FFFD.
// Carriage returns become line feeds (XML 1.0 §2.11 does the same), so text compares alike whatever the
// exporter's line ends.

// One pattern for every character removed: lone high surrogates (not followed by a low one), lone low
// surrogates (not preceded by a high one), controls and DEL, C1, the U+FDD0 block, and [U+xFFFE, U+xFFFF] in
// every plane (a plane's last two code points, as surrogate pairs for the planes above the BMP).
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

export function firstUnsafeCharacter(text: string): { index: number; codePoint: number } | null {
  UNSAFE.lastIndex = 0;
  const match = UNSAFE.exec(text);
  UNSAFE.lastIndex = 0;
  if (match === null) return null;
  // A lone surrogate reads as its own code unit; a plane's noncharacter as the pair's code point.
  return { index: match.index, codePoint: match[0].codePointAt(0)! };
}

export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `${hex} (half of a surrogate pair, not a character)`;
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return `${hex} (a control character)`;
  return `${hex} (a noncharacter)`;
}

// A cut text should still read as text: end at a space when one is within the last tenth, and never split a
// surrogate pair (half a pair is what normaliseText removes).
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(' ', end);
  if (space > end - Math.ceil(max / 10) && space > 0) end = space;
  return text.slice(0, end).trimEnd();
}
