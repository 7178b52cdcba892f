import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/records/index.ts';
import { parseWorkList } from '../../src/sources/crossref.ts';
import { parseWorks } from '../../src/sources/openalex.ts';
import { readSourceText } from '../../src/sources/source-text.ts';
import { fixture } from './recordings.ts';

// Markup the hostile-input suite found on pages: Crossref's <scp> in titles and OpenAlex's entities escaped
// twice in abstracts, both in real recorded answers.
describe('each source text read as its source writes it', () => {
  it("reads the JATS in Crossref's titles (<scp>AI</scp> printed literally before)", () => {
    const titles = parseWorkList(fixture('crossref/test_works_field_queries_0.json')).records.map((p) => p.title);
    expect(titles).toContain('The role of AI in ecology’s computational carbon footprint');
    expect(titles.filter((t) => /<\/?[a-z]+>/i.test(t))).toEqual([]);
  });

  it("decodes OpenAlex's twice-escaped references (&amp;#8217; printed literally before)", () => {
    const abstracts = parseWorks(fixture('openalex/works_search_english_africa_per200.min.json')).records.flatMap((p) => p.abstract ?? []);
    expect(abstracts.some((a) => a.includes('’'))).toBe(true);
    expect(abstracts.filter((a) => /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot);/i.test(a))).toEqual([]);
  });

  it('leaves the text of a source without markup alone, and a tag-shaped literal when reading a cache', () => {
    const paper = { title: 'List<String> &amp; more', abstract: 'A List<String> type.', tldr: null, venue: null } as Paper;
    expect(readSourceText('arxiv', paper, 'any')).toBe(paper);
    expect(readSourceText('crossref', paper, 'known')).toMatchObject({ title: 'List<String> & more', abstract: 'A List<String> type.' });
  });
});
