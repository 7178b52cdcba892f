import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SynthesisListing } from '../../src/records/index.ts';
import { SiftError } from '../../src/records/problem.ts';
import { siteSynthesis, synthesesLoader } from '../../src/store/site-syntheses.ts';
import { readSynthesisFile } from '../../src/store/synthesis-store.ts';

// The syntheses collection holds each review's listing, not the whole record (issue 13: whole records made Astro
// bundle and load every review as one 71 MB module at 1,000 reviews). Run on the committed demo reviews, with a data
// store as Astro's loader context hands one (a Map with its methods; invented, Astro's own needs a running build).
const demos = new URL('../../src/content/syntheses/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'sift-site-syntheses-'));
const dir = join(work, 'syntheses');
cpSync(demos, dir, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Entry = { id: string; data: Record<string, unknown>; digest?: string; filePath?: string };
function context() {
  const entries = new Map<string, Entry>();
  const written: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => {
      written.push(entry.id);
      entries.set(entry.id, entry);
    },
    keys: () => [...entries.keys()],
    delete: (id: string) => entries.delete(id),
  };
  return {
    entries,
    written,
    ctx: {
      store,
      parseData: async ({ data }: { data: Record<string, unknown> }) => SynthesisListing.parse(data),
      generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
      config: { root: pathToFileURL(`${work}/`) },
    } as never,
  };
}

describe('the syntheses collection', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('holds one entry per stored review with only the listing keys, as the stored file has them', async () => {
    const { entries, ctx } = context();
    await synthesesLoader(dir).load(ctx);
    expect([...entries.keys()].sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')));
    for (const file of files) {
      const whole = readSynthesisFile(join(dir, file));
      const entry = entries.get(whole.id)!;
      expect(Object.keys(entry.data).sort()).toEqual(Object.keys(SynthesisListing.shape).sort());
      for (const key of Object.keys(SynthesisListing.shape)) expect(entry.data[key]).toEqual(whole[key as keyof typeof whole]);
      expect(entry.filePath).toBe(join('syntheses', file));
      // The listing is a small part of the record: the point of it.
      expect(JSON.stringify(entry.data).length).toBeLessThan(JSON.stringify(whole).length / 10);
    }
  });

  it('does not read an unchanged file again, reads a changed one, and forgets a deleted one', async () => {
    const { entries, written, ctx } = context();
    await synthesesLoader(dir).load(ctx);
    expect(written.length).toBe(files.length);
    await synthesesLoader(dir).load(ctx);
    expect(written.length).toBe(files.length);
    const [first, second] = files.map((f) => join(dir, f));
    const changed = readSynthesisFile(first!);
    writeFileSync(first!, JSON.stringify({ ...changed, title: 'Another title' }, null, 2));
    rmSync(second!);
    await synthesesLoader(dir).load(ctx);
    expect(written.slice(files.length)).toEqual([changed.id]);
    expect(entries.get(changed.id)?.data['title']).toBe('Another title');
    expect(entries.size).toBe(files.length - 1);
  });

  it('names the file and field of a stored review whose listing does not fit the schema', async () => {
    const bad = join(work, 'bad');
    cpSync(demos, bad, { recursive: true });
    const [file] = readdirSync(bad).filter((f) => f.endsWith('.json')).sort();
    const data = readSynthesisFile(join(bad, file!));
    writeFileSync(join(bad, file!), JSON.stringify({ ...data, counts: { ...data.counts, included: 'many' } }));
    const { ctx } = context();
    const error = await synthesesLoader(bad).load(ctx).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).problems[0]).toMatchObject({ file: join('bad', file!), field: 'counts.included' });
  });
});

describe('a review read for its pages', () => {
  const withContent = <T>(content: string, run: () => T): T => {
    const previous = process.env['SIFT_CONTENT_DIR'];
    process.env['SIFT_CONTENT_DIR'] = content;
    try {
      return run();
    } finally {
      if (previous === undefined) delete process.env['SIFT_CONTENT_DIR'];
      else process.env['SIFT_CONTENT_DIR'] = previous;
    }
  };

  // Before: the pages read every file the loader had just read, a second time (at 1,000 reviews, 244 MB of JSON).
  it('is the record the loader read, not the file read again', async () => {
    const content = join(work, 'handoff');
    cpSync(demos, join(content, 'syntheses'), { recursive: true });
    const { entries, ctx } = context();
    await synthesesLoader(join(content, 'syntheses')).load(ctx);
    for (const file of readdirSync(join(content, 'syntheses')).filter((f) => f.endsWith('.json'))) {
      const path = join(content, 'syntheses', file);
      const stored = readSynthesisFile(path);
      rmSync(path);
      const entry = entries.get(stored.id)!;
      expect(withContent(content, () => siteSynthesis({ id: stored.id, digest: entry.digest }))).toEqual(stored);
    }
  });

  it('of a file that is listed but is no whole synthesis fails when its pages read it, naming the field', async () => {
    const content = join(work, 'half-bad');
    cpSync(demos, join(content, 'syntheses'), { recursive: true });
    const [file] = readdirSync(join(content, 'syntheses')).filter((f) => f.endsWith('.json')).sort();
    const path = join(content, 'syntheses', file!);
    const stored = readSynthesisFile(path);
    writeFileSync(path, JSON.stringify({ ...stored, claims: 'none' }, null, 2));
    const { entries, ctx } = context();
    await synthesesLoader(join(content, 'syntheses')).load(ctx);
    const entry = entries.get(stored.id)!;
    expect(entry.data['title']).toBe(stored.title);
    const error = withContent(content, () => {
      try {
        siteSynthesis({ id: stored.id, digest: entry.digest });
        return null;
      } catch (e) {
        return e;
      }
    });
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).problems[0]).toMatchObject({ field: 'claims' });
  });

  // Found by tests/site/escaping.test.ts: JSON stores half a surrogate pair as an escape, which JSON.parse turns back
  // into half a pair; Astro's content layer, which used to hand pages their records, gave them U+FFFD instead, and the
  // report JSON must stay well-formed. The demo review with such a title is invented (real titles have none).
  it('is the whole stored synthesis, with half a surrogate pair read as U+FFFD and whole pairs kept', () => {
    const content = join(work, 'pages');
    cpSync(demos, join(content, 'syntheses'), { recursive: true });
    const [file] = readdirSync(join(content, 'syntheses')).filter((f) => f.endsWith('.json')).sort();
    const path = join(content, 'syntheses', file!);
    const stored = readSynthesisFile(path);
    writeFileSync(path, JSON.stringify({ ...stored, title: `Half \ud83d pair, whole \ud83d\ude00 pair` }, null, 2));
    const previous = process.env['SIFT_CONTENT_DIR'];
    process.env['SIFT_CONTENT_DIR'] = content;
    try {
      const read = siteSynthesis({ id: file!.replace(/\.json$/, ''), digest: 'a' });
      expect(read.title).toBe('Half \ufffd pair, whole \ud83d\ude00 pair');
      expect({ ...read, title: stored.title }).toEqual(stored);
    } finally {
      if (previous === undefined) delete process.env['SIFT_CONTENT_DIR'];
      else process.env['SIFT_CONTENT_DIR'] = previous;
    }
  });
});
