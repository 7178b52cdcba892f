// Test input for the text, screen and claims tests: the real corpora and question files.
//   loadCorpus / papersFor   Papers as the pipeline sees them: sources-local's parsers (parseCslJson, parseBibtex)
//                            and merge(), so screening and claims are tested on what the runner hands them.
//   rawRecords               the records' text exactly as the files hold it (line breaks, Markdown labels), which
//                            the parsers normalise away: the sentence splitter must survive it from other sources.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Paper, Question } from '../../src/records/index.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';
import { parseBibtex } from '../../src/sources/bibtex.ts';
import { merge } from '../../src/pipeline/merge.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

type CslItem = {
  id: string | number;
  type?: string;
  title?: string;
  abstract?: string;
  author?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts'?: (number | string)[][] };
  'container-title'?: string;
  URL?: string;
  DOI?: string;
};

function cslToPapers(items: CslItem[], source: string): Paper[] {
  return items
    .filter((it) => typeof it.title === 'string' && it.title.trim().length > 0)
    .map((it) => {
      const doi = it.DOI?.toLowerCase();
      const year = Number(it.issued?.['date-parts']?.[0]?.[0]);
      return Paper.parse({
        id: doi ? `doi:${doi}` : `${source}:${it.id}`,
        ids: { ...(doi ? { doi } : {}), local: String(it.id) },
        title: it.title!,
        abstract: it.abstract && it.abstract.trim() ? it.abstract : null,
        authors: (it.author ?? []).map((a) => ({ family: a.family ?? a.literal ?? '', ...(a.given ? { given: a.given } : {}) })),
        year: Number.isInteger(year) ? year : null,
        venue: it['container-title'] ?? null,
        type: it.type ?? null,
        url: it.URL ?? null,
        sources: [source],
      });
    });
}

export function loadCorpus(file: string): Paper[] {
  const text = readFileSync(`${root}corpora/${file}`, 'utf8');
  const name = file.replace(/\..*$/, '');
  return file.endsWith('.bib') ? parseBibtex(text, name, `corpora/${file}`) : parseCslJson(text, name, `corpora/${file}`);
}

// Unparsed text, mapped only as far as the tests need (local id, title, abstract).
export function rawRecords(file: string): Paper[] {
  const text = readFileSync(`${root}corpora/${file}`, 'utf8');
  const name = file.replace(/\..*$/, '');
  if (file.endsWith('.bib')) return cslToPapers(bibToCsl(text), name);
  return cslToPapers(JSON.parse(text) as CslItem[], name);
}

export function loadQuestion(id: string): Question {
  const data = parseYaml(readFileSync(`${root}questions/${id}.yaml`, 'utf8')) as object;
  return Question.parse({ ...data, id });
}

// What the runner screens: every corpus the question names, merged.
export function papersFor(question: Question): Paper[] {
  const files = question.sources.flatMap((s) => (s.type === 'csl-json' || s.type === 'bibtex' ? [s.path.replace(/^corpora\//, '')] : []));
  return merge(files.flatMap(loadCorpus)).papers;
}

// Just enough BibTeX for these tests: @type{key, field = {braced} | "quoted" | bare, ...}. (citation-js
// rejects this corpus: an abstract's "$600" opens TeX math mode and never closes it.)
function bibToCsl(text: string): CslItem[] {
  const items: CslItem[] = [];
  for (const m of text.matchAll(/@(\w+)\s*\{\s*([^,\s]+)\s*,/g)) {
    const fields: Record<string, string> = {};
    let i = m.index + m[0].length;
    for (;;) {
      const f = /^\s*(\w+)\s*=\s*/.exec(text.slice(i));
      if (!f) break;
      i += f[0].length;
      let value: string;
      if (text[i] === '{') {
        let depth = 0;
        let j = i;
        for (; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        value = text.slice(i + 1, j);
        i = j + 1;
      } else if (text[i] === '"') {
        const j = text.indexOf('"', i + 1);
        value = text.slice(i + 1, j);
        i = j + 1;
      } else {
        value = /^[^,}\s]+/.exec(text.slice(i))?.[0] ?? '';
        i += value.length;
      }
      fields[f[1]!.toLowerCase()] = value.replace(/[{}]/g, '').trim();
      const comma = /^\s*,/.exec(text.slice(i));
      if (!comma) break;
      i += comma[0].length;
    }
    const venue = fields['journal'] ?? fields['booktitle'];
    items.push({
      id: m[2]!,
      type: m[1]!.toLowerCase() === 'inproceedings' ? 'paper-conference' : 'article-journal',
      ...(fields['title'] ? { title: fields['title'] } : {}),
      ...(fields['abstract'] ? { abstract: fields['abstract'] } : {}),
      ...(fields['year'] ? { issued: { 'date-parts': [[Number(fields['year'])]] } } : {}),
      ...(fields['doi'] ? { DOI: fields['doi'] } : {}),
      ...(venue ? { 'container-title': venue } : {}),
      author: (fields['author'] ?? '')
        .split(/\s+and\s+/)
        .filter(Boolean)
        .map((a) => {
          const [family, given] = a.split(/\s*,\s*/);
          return { family: family ?? a, ...(given ? { given } : {}) };
        }),
    });
  }
  return items;
}
