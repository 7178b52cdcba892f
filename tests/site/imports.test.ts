import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The site only reads: pages, components and layouts lay out stored records and never import the
// pipeline's stages. (Checked on their own imports; what src/cite or src/publish import is their rooms' matter.)
const root = resolve(import.meta.dirname, '../..');
const siteFiles = ['src/pages', 'src/components', 'src/layouts'].flatMap((dir) =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|astro|mdx)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name)),
);

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => relative(root, resolve(dirname(file), m[1]!)));
}

describe('the site', () => {
  it('never imports from src/pipeline', () => {
    const intoPipeline = siteFiles.flatMap((file) =>
      relativeImports(file).filter((target) => target.startsWith('src/pipeline/')).map((target) => `${relative(root, file)} -> ${target}`),
    );
    expect(intoPipeline).toEqual([]);
  });

  it('reads the imports it checks (the report page imports its sections, ReviewPanel the records)', () => {
    const imports = new Map(siteFiles.map((file) => [relative(root, file), relativeImports(file)]));
    expect(imports.get('src/pages/reports/[id]/index.astro')).toContain('src/components/report/SummarySection.astro');
    expect(imports.get('src/components/ReviewPanel.astro')).toContain('src/records/index.ts');
    expect(imports.get('src/pages/api/reports/[id].json.ts')).toContain('src/publish/report-json.ts');
  });
});
