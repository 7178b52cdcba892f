import type { Paper } from '../records/index.ts';
import { decodeEntities, markupToText, type MarkupTags } from './markup-text.ts';

// How each live source writes markup into a record's text fields, read the same way when a record is fetched
// (the adapters call readSourceText on what they parsed) and when an old cache is read (cached-result.ts):
//   crossref    JATS or HTML in titles (<scp>, <i>, <sub>), subtitles, venues and abstracts
//   europepmc   HTML in titles and abstracts
//   openalex    abstracts rebuilt from an index whose words hold their HTML entities escaped once more
//               ("&amp;#8217;" for a right quote), and the odd tag
// The other sources send plain text.
//
// On fetching, every tag-shaped thing from a markup source is markup ('any'); on reading a cache, text already
// read may hold a tag-shaped literal ("List<String>", decoded from "List&lt;String&gt;"), so only known tags
// are ('known'), which leaves every current cache as it is.

type Fields = readonly ('title' | 'abstract' | 'tldr' | 'venue')[];

const MARKUP_FIELDS: Record<string, Fields> = {
  crossref: ['title', 'abstract', 'venue'],
  europepmc: ['title', 'abstract'],
  openalex: ['abstract'],
};

// A second decoding only of what is still a character reference after the first: "&#8217;" is never what an
// abstract means to show.
const readOpenAlex = (text: string, tags: MarkupTags) => markupToText(text, tags).replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole) => decodeEntities(whole));

export function readSourceText(source: string, paper: Paper, tags: MarkupTags): Paper {
  const fields = MARKUP_FIELDS[source];
  if (fields === undefined) return paper;
  const read = (text: string) => (source === 'openalex' ? readOpenAlex(text, tags) : markupToText(text, tags));
  const next: Paper = { ...paper };
  for (const field of fields) {
    const value = paper[field];
    if (typeof value !== 'string') continue;
    const text = read(value);
    // A title is one line; a title that was only markup keeps what it had, for cleanPaper to judge.
    if (field === 'title') next.title = text.replace(/\s+/g, ' ').trim() || paper.title;
    else next[field] = text === '' ? null : text;
  }
  return next;
}
