// An endpoint's text as a Response whose body is already its UTF-8 bytes. Astro reads a prerendered endpoint's
// body back as bytes (Buffer.from(await response.arrayBuffer()), astro/dist/core/build/generate.js). Given a
// string, undici first converts it to a USVString (webidl: a scan and a copy of the whole text; 0.65 s of a
// 300-review build for the report JSON alone, issue 13) and encodes it later; given bytes it does neither.
// TextEncoder (simdutf in Node) rather than Buffer.from: on the report JSON it encodes 3x faster, and undici copies
// a Buffer's bytes out of its pool again when Astro reads them (Response(Buffer) measured slower than Response(string)).
// Both write half a surrogate pair as the bytes of U+FFFD, as the USVString conversion made it, so every file keeps
// its bytes.
//
// The text may come in parts, encoded one after another into one body. A large text with a few characters appended
// (`${json}\n`) is a V8 cons string, which an encoder must first flatten into a new copy: for the report JSON (some
// 170,000 characters, two-byte once it holds one non-Latin-1 character) that copy took 1.6-2.3 ms against 0.1 ms for
// encoding the two parts (issue 13). A surrogate pair split between two parts is joined first, so the bytes are
// those of the whole text.
//
// Exported API: textResponse(text, contentType), textBytes(text) (the same bytes, for a file written outside Astro).

const encoder = new TextEncoder();

const HIGH_SURROGATE_AT_END = /[\uD800-\uDBFF]$/;
const LOW_SURROGATE_AT_START = /^[\uDC00-\uDFFF]/;

function utf8(parts: readonly string[]): Uint8Array<ArrayBuffer> {
  if (parts.length === 1) return encoder.encode(parts[0]!);
  for (let i = 1; i < parts.length; i++) {
    if (HIGH_SURROGATE_AT_END.test(parts[i - 1]!) && LOW_SURROGATE_AT_START.test(parts[i]!)) return encoder.encode(parts.join(''));
  }
  const encoded = parts.map((part) => encoder.encode(part));
  const bytes = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of encoded) {
    bytes.set(b, at);
    at += b.length;
  }
  return bytes;
}

/** `text` (or its parts, one after another) as the UTF-8 bytes textResponse would send. */
export function textBytes(text: string | readonly string[]): Uint8Array<ArrayBuffer> {
  return utf8(typeof text === 'string' ? [text] : text);
}

/** A 200 response with `text` (or its parts, one after another) as UTF-8 and the given Content-Type. */
export function textResponse(text: string | readonly string[], contentType: string): Response {
  return new Response(textBytes(text), { headers: { 'Content-Type': contentType } });
}
