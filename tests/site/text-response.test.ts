import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textResponse } from '../../src/components/text-response.ts';

// Endpoints hand Astro their text as bytes (issue 13: the USVString conversion of a string body was 0.65 s of a
// 300-review build); the files must hold the bytes a string body gave, half surrogate pairs included.
async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('textResponse', () => {
  const demoDir = new URL('../../src/content/syntheses/', import.meta.url);
  const texts = readdirSync(demoDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(new URL(f, demoDir), 'utf8'));

  it('gives the bytes a string body gave, for the stored demo reviews and for half a surrogate pair', async () => {
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of [...texts, 'half \ud83d a pair, and \udc00 the other half', 'Ünïcödé – “quotes” 😀']) {
      expect(await bytesOf(textResponse(text, 'text/plain; charset=utf-8'))).toEqual(await bytesOf(new Response(text)));
    }
  });

  it('gives the bytes of the whole text when handed it in parts, a surrogate pair split between two parts included', async () => {
    // The pair split between parts is invented: no stored review ends an endpoint's part inside a pair.
    for (const parts of [[texts[0]!, '\n'], ['a \ud83d', '\ude00 b', ''], ['half \ud83d', ' a pair'], ['\udc00', 'x', '\ud83d']]) {
      expect(await bytesOf(textResponse(parts, 'text/plain; charset=utf-8'))).toEqual(await bytesOf(new Response(parts.join(''))));
    }
  });

  it('sets the Content-Type it is given', () => {
    expect(textResponse('x', 'application/x-bibtex; charset=utf-8').headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
  });
});
