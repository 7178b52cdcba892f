import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { getViteConfig } from 'astro/config';
import { Synthesis } from '../../src/records/index.ts';
import { attr, byTag, elements, hasClass, parseHtml, textOf, type Element } from './built-html.ts';

// Components rendered one by one with Astro's container API (astro/container). The .astro files are
// compiled by a Vite server carrying Astro's own plugins (getViteConfig), since this repository's
// vitest config does not; that costs about two seconds, once per file.
const hostile = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-synthesis.json', import.meta.url), 'utf8')));
let vite: ViteDevServer;
let render: (component: string, props: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  const config = await getViteConfig(
    { server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' },
    { logLevel: 'error' },
  )({ command: 'serve', mode: 'test' });
  vite = await createServer({ ...config, configFile: false });
  const { experimental_AstroContainer } = (await vite.ssrLoadModule('astro/container')) as typeof import('astro/container');
  const container = await experimental_AstroContainer.create();
  render = async (component, props) => {
    const module = (await vite.ssrLoadModule(`/src/components/${component}.astro`)) as { default: Parameters<typeof container.renderToString>[0] };
    // Dev-mode source annotations are not part of what a build ships.
    return (await container.renderToString(module.default, { props })).replace(/ data-astro-source-(file|loc)="[^"]*"/g, '');
  };
}, 60_000);

afterAll(async () => {
  await vite?.close();
});

describe('InlineCitation', () => {
  const [p1, p2] = hostile.papers;
  // In a numeric style the stored label of each reference is its number.
  const numbered = { ...hostile, citationStyle: 'vancouver', references: hostile.references.map((r, i) => ({ ...r, citation: String(i + 1) })) };

  it('writes vancouver citations as ascending linked numbers', async () => {
    const html = await render('InlineCitation', { papers: [p2!.id, p1!.id], synthesis: numbered });
    expect(html).toBe('<span class="cite">[<a href="#ref-1">1</a>, <a href="#ref-2">2</a>]</span>');
  });

  it('writes APA citations as linked author-year pairs in the order given', async () => {
    const html = await render('InlineCitation', { papers: [p2!.id, p1!.id], synthesis: hostile });
    expect(html).toBe('<span class="cite">(<a href="#ref-2">Okafor et al., 2024</a>; <a href="#ref-1">Smith &amp; Jones, 2023</a>)</span>');
  });

  it('renders nothing for no papers and no link for a paper without a reference', async () => {
    expect(await render('InlineCitation', { papers: [], synthesis: hostile })).toBe('');
    const html = await render('InlineCitation', { papers: ['doi:10.0/absent'], synthesis: numbered });
    expect(byTag(parseHtml(html), 'a')).toHaveLength(0);
  });
});

describe('PrismaFlow', () => {
  it('is one labelled image whose title and description exist, with hostile source names as text', async () => {
    const source = '<script>alert(1)</script>';
    const html = await render('PrismaFlow', { synthesis: { ...hostile, prisma: { ...hostile.prisma, bySource: { [source]: 9 } } } });
    const doc = parseHtml(html);
    const svg = byTag(doc, 'svg')[0]!;
    expect(attr(svg, 'role')).toBe('img');
    const ids = new Set(elements(doc).map((e) => attr(e, 'id')));
    for (const id of attr(svg, 'aria-labelledby')!.split(' ')) expect(ids.has(id)).toBe(true);
    expect(byTag(doc, 'script')).toHaveLength(0);
    expect(textOf(byTag(doc, 'desc')[0]!)).toContain(`${source}: 9`);
    expect(textOf(svg)).toContain('Studies included in review (n\u00a0=\u00a03)');
  });
});

describe('ReferenceList', () => {
  it('links identifiers, never a javascript: url, and anchors each entry as ref-<n>', async () => {
    const doc = parseHtml(await render('ReferenceList', { synthesis: hostile }));
    const items = byTag(doc, 'li');
    expect(items.map((li) => attr(li, 'id'))).toEqual(['ref-1', 'ref-2', 'ref-3']);
    const hrefs = byTag(doc, 'a').map((a) => attr(a, 'href'));
    expect(hrefs).toEqual(['https://doi.org/10.1234/hostile.1', 'https://arxiv.org/abs/2401.01234']);
    expect(hasClass(byTag(doc, 'ol')[0]!, 'numbered-by-style')).toBe(false);
  });

  it('hides the list numbers when the style already prints them (vancouver "1. …")', async () => {
    const references = hostile.references.map((reference, index) => ({ ...reference, text: `${index + 1}. ${reference.text}` }));
    const doc = parseHtml(await render('ReferenceList', { synthesis: { ...hostile, references } }));
    expect(hasClass(byTag(doc, 'ol')[0]!, 'numbered-by-style')).toBe(true);
  });
});

describe('ClaimsTable', () => {
  it('gives each claim a row of five cells linking to its place on the evidence pages, and marks hedged claims', async () => {
    const doc = parseHtml(await render('ClaimsTable', { synthesis: hostile }));
    const rows = byTag(doc, 'tr').filter((row) => (attr(row, 'id') ?? '').startsWith('claim-'));
    expect(rows).toHaveLength(hostile.claims.length);
    expect(rows.map((row) => byTag(row, 'td').length)).toEqual(hostile.claims.map(() => 5));
    // The evidence quotes are on the evidence pages, not here: the row links to the claim's anchor there.
    expect(textOf(doc)).not.toContain(hostile.claims[0]!.verification.evidence[0]!.quote);
    const evidenceLinks = rows.map((row) => byTag(row, 'a').map((a) => attr(a, 'href')).find((href) => href?.includes('/evidence/')));
    expect(evidenceLinks).toEqual(hostile.claims.map((claim) => `/reports/${hostile.id}/evidence/#claim-${claim.id}`));
    expect(textOf(rows[0]!)).toContain(`${hostile.claims[0]!.verification.evidence.length} quotes`);
    const hedged = hostile.claims.map((claim) => claim.hedged);
    expect(rows.map((row) => textOf(row).includes('◇ hedged'))).toEqual(hedged);
  });
});

describe('report/ClaimEvidenceList', () => {
  it('lists each claim at its anchor with every evidence quote, citing into the references page', async () => {
    const claims = hostile.claims.map((claim, index) => ({ claim, index }));
    const doc = parseHtml(await render('report/ClaimEvidenceList', { synthesis: hostile, claims }));
    const items = byTag(doc, 'li').filter((li) => (attr(li, 'id') ?? '').startsWith('claim-'));
    expect(items.map((li) => attr(li, 'id'))).toEqual(hostile.claims.map((claim) => `claim-${claim.id}`));
    expect(textOf(items[0]!)).toContain(hostile.claims[0]!.verification.evidence[0]!.quote);
    expect(textOf(items[0]!)).toContain(`Evidence from other papers (${hostile.claims[0]!.verification.evidence.length})`);
    for (const a of byTag(doc, 'a').filter((a) => (attr(a, 'href') ?? '').includes('#ref-'))) {
      expect(attr(a, 'href')).toMatch(new RegExp(`^/reports/${hostile.id}/references/#ref-\\d+$`));
    }
  });
});

describe('ReviewPanel', () => {
  it('flags strong disagreement only when the review says so', async () => {
    expect(await render('ReviewPanel', { review: hostile.review })).toContain('Reviewers disagree strongly.');
    expect(await render('ReviewPanel', { review: { ...hostile.review, disagreement: false } })).not.toContain('disagree');
  });
});

describe('ClaimEvidenceList', () => {
  // A demo review (real data): 25 claims with their evidence, as one evidence page shows them.
  const demo = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/finetuning-robustness-codestral.json', import.meta.url), 'utf8')));
  const claims = demo.claims.slice(0, 25).map((claim, index) => ({ claim, index }));
  // The text Pagefind reads from an element: everything but the subtrees marked data-pagefind-ignore.
  type HtmlNode = ReturnType<typeof parseHtml>;
  const indexedText = (node: HtmlNode): string => {
    if ('value' in node && node.nodeName === '#text') return String(node.value);
    if ('tagName' in node && attr(node as Element, 'data-pagefind-ignore') !== undefined) return ' ';
    return 'childNodes' in node ? (node.childNodes as HtmlNode[]).map(indexedText).join('') : '';
  };

  it('shows every evidence sentence but indexes for search only each claim with its own quote and facet', async () => {
    const doc = parseHtml(await render('report/ClaimEvidenceList', { synthesis: demo, claims }));
    const quotes = byTag(doc, 'blockquote');
    const shown = claims.flatMap(({ claim }) => claim.verification.evidence.map((e) => e.quote));
    expect(shown.length).toBeGreaterThan(25);
    expect(quotes.map((q) => textOf(q))).toEqual(shown);
    const items = byTag(byTag(doc, 'ol')[0]!, 'li').filter((li) => attr(li, 'id')?.startsWith('claim-'));
    expect(items).toHaveLength(claims.length);
    const ownWords = new Set(claims.flatMap(({ claim }) => [claim.text, claim.quote.text]));
    for (const [n, item] of items.entries()) {
      const { claim } = claims[n]!;
      const indexed = indexedText(item).replace(/\s+/g, ' ');
      expect(indexed).toContain(claim.text);
      expect(indexed).toContain(claim.quote.text);
      // What every claim repeats finds every claim alike: shown, not indexed.
      expect(textOf(item)).toContain('Verdict:');
      expect(indexed).not.toContain('Verdict:');
      expect(indexed).not.toContain('The claim is the quote');
      if (claim.facet) expect(indexed).toContain(demo.facets.find((f) => f.id === claim.facet)!.label);
      for (const evidence of claim.verification.evidence) if (!ownWords.has(evidence.quote)) expect(indexed).not.toContain(evidence.quote);
      expect(indexed).not.toContain('Evidence from other papers');
    }
  });
});

describe('ClaimsTable', () => {
  // Before: the report page's table indexed the claims the evidence pages index too, so a claim was found twice
  // and Pagefind indexed the same text twice (issue 13).
  it('lists claims for the reader but leaves them out of the search index, which holds them on the evidence pages', async () => {
    const demo = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/finetuning-robustness-codestral.json', import.meta.url), 'utf8')));
    const doc = parseHtml(await render('ClaimsTable', { synthesis: demo }));
    const table = byTag(doc, 'table')[0]!;
    expect(textOf(table)).toContain(demo.claims[0]!.text);
    const wrap = byTag(doc, 'div').find((div) => byTag(div, 'table').length > 0)!;
    expect(attr(wrap, 'data-pagefind-ignore')).toBe('all');
  });
});

