import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { highwireTags, reportDates, reportJsonLd } from '../../src/components/report/scholarly-metadata.ts';

// The report's metadata from a stored synthesis of the demo (src/content/syntheses).
const s = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/llm-vulnerability-detection.json', import.meta.url), 'utf8')));
const url = 'https://owner.github.io/sift/reports/llm-vulnerability-detection/';

describe('Highwire Press tags', () => {
  it('name the report, its author and first publication date, and its facets as keywords', () => {
    const tags = highwireTags(s, url);
    const values = (name: string) => tags.filter((t) => t.name === name).map((t) => t.content);
    expect(values('citation_title')).toEqual([s.title]);
    expect(values('citation_author')).toEqual(['Sift']);
    expect(values('citation_publication_date')[0]).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    expect(values('citation_public_url')).toEqual([url]);
    expect(values('citation_keywords')).toEqual(s.facets.map((f) => f.label));
  });

  it('leave out the public URL when the site’s origin is unknown', () => {
    expect(highwireTags(s, undefined).map((t) => t.name)).not.toContain('citation_public_url');
  });
});

describe('schema.org JSON-LD', () => {
  const ld = reportJsonLd(s, url);

  it('is a ScholarlyArticle citing every included paper, in the stored order', () => {
    expect(ld['@type']).toBe('ScholarlyArticle');
    expect(ld.citation).toHaveLength(s.papers.length);
    expect(ld.citation!.map((c) => c.name)).toEqual(s.papers.map((p) => p.title));
    expect(ld.dateModified).toBe(s.updated);
    expect(ld.datePublished).toBe(reportDates(s).published);
  });

  it('leaves the citations out when told (the report page: its references page carries them)', () => {
    const light = reportJsonLd(s, undefined, { citations: false });
    expect(light.citation).toBeUndefined();
    expect(light.headline).toBe(s.title);
  });

  it('describes a cited paper by its authors, year and identifiers', () => {
    const i = s.papers.findIndex((p) => p.ids.doi && p.authors.length > 0 && p.year !== null);
    const paper = s.papers[i]!;
    const cited = ld.citation![i]!;
    expect(cited.author?.[0]).toMatchObject({ '@type': 'Person', familyName: paper.authors[0]!.family });
    expect(cited.datePublished).toBe(String(paper.year));
    expect(cited.url).toMatch(/^https:\/\/doi\.org\//);
    expect(cited.identifier).toContainEqual({ '@type': 'PropertyValue', propertyID: 'DOI', value: paper.ids.doi });
  });

  it('has no url when the site’s origin is unknown', () => {
    expect(reportJsonLd(s, undefined)).not.toHaveProperty('url');
  });
});
