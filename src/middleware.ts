import { defineMiddleware } from 'astro:middleware';
import { mayHoldUnsafeUtf8, withoutUnsafeCharacters } from './records/text-characters.ts';

// The HTML output rule, for every page Astro renders (report pages, the home page, the MDX pages), in one
// place whatever component wrote the text. Astro escapes text and attribute values (&, <, >, ") itself; what
// it lets through are the characters HTML's parser reports as errors — controls, noncharacters, lone
// surrogates ("control-character-in-input-stream" and its kin, HTML Living Standard §13.2.3.5) — which
// stored syntheses may still carry. They are removed from the rendered page; markup never contains them, so
// only text and attribute values lose anything. (Half a surrogate pair arrives here as U+FFFD: Astro's
// content layer and its renderer store and stream text as UTF-8.) During `astro build` middleware runs for
// every prerendered route, so this holds for the static site. Other formats have their own rules: the feed
// (src/publish/feed.ts), BibTeX and RIS (src/cite/), JSON (JSON.stringify escapes every such character).
//
// The doctype is made sure of here too. Astro writes "<!DOCTYPE html>" before a page only when the page's
// first chunk does not already hold "<!doctype html" anywhere (astro/dist/runtime/server/render/component.js),
// and an attribute value keeps "<" as it is: a question reading "<!DOCTYPE html>" in the meta description
// left the page without one, in quirks mode (HTML Living Standard §13.2.6.4.1).
const DOCTYPE = /^\s*<!doctype html>/i;
// The page goes back as UTF-8 bytes, not as a string undici would convert to a USVString and encode later
// (src/components/text-response.ts); the bytes are the same. Astro hands the page over already encoded: a page whose
// bytes hold nothing the rule could remove and that starts with its doctype goes back as it came, neither decoded nor
// encoded again (at 1,000 reviews decoding the pages was 1.6 s of a 43 s build, issue 13).
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// The doctype is looked for in the page's first bytes; a page that starts with more whitespace than this before it
// takes the full path below, which gives the same result.
const HEAD_BYTES = 256;

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!mayHoldUnsafeUtf8(bytes) && DOCTYPE.test(decoder.decode(bytes.subarray(0, HEAD_BYTES)))) return new Response(bytes, init);
  const html = withoutUnsafeCharacters(decoder.decode(bytes));
  return new Response(encoder.encode(DOCTYPE.test(html) ? html : `<!DOCTYPE html>${html}`), init);
});
