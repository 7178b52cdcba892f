// An endpoint's text as a Response whose body is already its UTF-8 bytes. Astro reads a prerendered endpoint's
// body back as bytes (Buffer.from(await response.arrayBuffer()), astro/dist/core/build/generate.js). Given a
// string, undici first converts it to a USVString (webidl: a scan and a copy of the whole text; 0.65 s of a
// 300-review build for the report JSON alone, issue 13) and encodes it later; given bytes it does neither.
// TextEncoder (simdutf in Node) rather than Buffer.from: on the report JSON it encodes 3x faster, and undici copies
// a Buffer's bytes out of its pool again when Astro reads them (Response(Buffer) measured slower than Response(string)).
// Both write half a surrogate pair as the bytes of U+FFFD, as the USVString conversion made it, so every file keeps
// its bytes.
//
// Exported API: textResponse(text, contentType).

const encoder = new TextEncoder();

/** A 200 response with `text` as UTF-8 and the given Content-Type. */
export function textResponse(text: string, contentType: string): Response {
  return new Response(encoder.encode(text), { headers: { 'Content-Type': contentType } });
}
