// The characters no text Sift publishes may hold, whatever the format: every output-encoding rule (HTML in
// src/middleware.ts, the Atom feed in src/publish/feed.ts, BibTeX and RIS in src/cite/) removes them before
// its own escaping. Stored records should not carry them either (text is cleaned on the way in); this is the
// second line of defence, which holds for syntheses stored before that cleaning existed.
//
//   - C0 controls except tab, line feed and carriage return; DEL and the C1 controls (U+007F–U+009F):
//     XML 1.0 §2.2 (the Char production) forbids the C0 ones outright, so one NUL makes feed.xml
//     ill-formed, and HTML's parser reports every one as "control-character-in-input-stream" (HTML Living
//     Standard §13.2.3.5). Form feed goes too: HTML allows it, XML does not.
//   - Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): Unicode §23.7 reserves them
//     for a program's internal use; XML 1.0 forbids U+FFFE and U+FFFF, HTML reports them all.
//   - Lone surrogates: half a UTF-16 pair is no character; a UTF-8 writer can only turn it into U+FFFD.
export const UNSAFE_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Every character the rule above can remove is in this one class (with every surrogate, paired or not), which a
// text is scanned for in one plain pass: about three times faster on a report page than the rule's alternation and
// lookarounds (every HTML page of the site goes through it, src/middleware.ts). Only a text it flags is rewritten.
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** `text` without the characters no published format may hold (see above). */
export function withoutUnsafeCharacters(text: string): string {
  return MAYBE_UNSAFE.test(text) ? text.replace(UNSAFE_CHARACTERS, '') : text;
}

/**
 * Whether UTF-8 `bytes` may hold a character withoutUnsafeCharacters removes: false only when decoding them and
 * applying the rule would change nothing, so a page already encoded can be kept as bytes. Conservative: a C0
 * control other than tab, line feed and carriage return, DEL, a C1 control (C2 80–9F), any character of
 * U+FDC0–U+FDFF or U+FFC0–U+FFFF (EF B7 and EF BF lead-ins; U+FFFD too), and every character outside the BMP
 * (a lead byte F0 or above: written as a surrogate pair in a string) all answer true.
 */
export function mayHoldUnsafeUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20) {
      if (b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
    } else if (b === 0x7f || b >= 0xf0) return true;
    else if (b === 0xc2) {
      const next = bytes[i + 1] ?? 0;
      if (next >= 0x80 && next <= 0x9f) return true;
    } else if (b === 0xef) {
      const next = bytes[i + 1] ?? 0;
      if (next === 0xb7 || next === 0xbf) return true;
    }
  }
  return false;
}

