// The walls of the house (DEVELOPERS.md, "Shape of the code"), read from the import graph so they stay:
// stages do no IO and reach no sources or citation code; the site only reads; a paper's identity is the
// ground floor; and only the rooms at the edges touch files or the network.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

type Edge = { from: string; to: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|astro|mjs)$/.test(f) && !f.startsWith('content/') && !f.includes('/content/'))
    .map((f) => join(dir, f));
}

// Import specifiers of a TypeScript module or an Astro component's frontmatter and scripts: static
// `import … from`, side-effect `import '…'`, `export … from` and dynamic `import('…')`.
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

const edges: Edge[] = sourceFiles(src).flatMap((file) =>
  importsOf(file).map((spec) => ({
    from: relative(root, file),
    to: spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec,
  })),
);

const under = (room: string) => (path: string) => path === room || path.startsWith(`${room}/`);
const IO_MODULES = /^(?:node:)?(?:fs|fs\/promises|http|https|net|tls|dgram|child_process|worker_threads)$|^openai(?:\/|$)/;
const crossing = (from: (p: string) => boolean, to: (p: string) => boolean) =>
  edges.filter((e) => from(e.from) && to(e.to)).map((e) => `${e.from} -> ${e.to}`);

describe('the walls of the house', () => {
  it('finds the import graph (a parser that saw nothing would pass every wall)', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'src/synthesize.ts', to: 'src/pipeline/run-stages.ts' });
  });

  it('stages import no sources, no citation code and no IO', () => {
    const pipeline = under('src/pipeline');
    expect(crossing(pipeline, (to) => under('src/sources')(to) || under('src/cite')(to) || IO_MODULES.test(to))).toEqual([]);
  });

  it('stages never call a language model: they read its cached answers as data', () => {
    expect(crossing(under('src/pipeline'), (to) => under('src/llm')(to) || to === 'src/synthesize-llm.ts')).toEqual([]);
  });

  it('pages, components and layouts import nothing from the pipeline', () => {
    const site = (p: string) => ['src/pages', 'src/components', 'src/layouts'].some((room) => under(room)(p));
    expect(crossing(site, under('src/pipeline'))).toEqual([]);
  });

  it("a paper's identity imports nothing above the records", () => {
    expect(crossing(under('src/identity'), (to) => to.startsWith('src/') && !under('src/identity')(to) && !under('src/records')(to))).toEqual([]);
  });

  it('records, text and identity are imported from below only: they import no room that does IO', () => {
    const ground = (p: string) => ['src/records', 'src/text', 'src/identity'].some((room) => under(room)(p));
    const upper = (to: string) => ['src/pipeline', 'src/sources', 'src/store', 'src/refresh', 'src/cite', 'src/synthesize.ts'].some((room) => under(room)(to));
    expect(crossing(ground, (to) => upper(to) || IO_MODULES.test(to))).toEqual([]);
  });

  // The benchmark (src/bench/) writes its generated questions and runs the build's phases as processes. The runner
  // includes its worker threads (src/synthesize-workers.ts and the thread's entry), which run its synthesizeQuestion.
  // The site build's integration that writes the reviews' downloads beside Astro (src/site-downloads.ts) starts a
  // thread (src/site-downloads-thread.ts) that writes them into the output folder.
  it('only the runner, the store, the sources, refresh, the language-model client, the benchmark and the downloads writer touch files or the network', () => {
    const edge = (p: string) =>
      ['src/synthesize.ts', 'src/synthesize-workers.ts', 'src/synthesize-worker-thread.ts', 'src/site-downloads.ts', 'src/site-downloads-thread.ts', 'src/store', 'src/sources', 'src/refresh', 'src/llm', 'src/bench'].some((room) => under(room)(p));
    expect(crossing(under('src/llm'), (to) => to.startsWith('openai'))).not.toEqual([]);
    expect(crossing((p) => !edge(p), (to) => IO_MODULES.test(to))).toEqual([]);
  });
});
