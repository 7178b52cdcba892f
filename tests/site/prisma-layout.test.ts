import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { orderedReasons, prismaLayout } from '../../src/components/prisma-layout.ts';
import { wrapText } from '../../src/components/wrap-text.ts';

const plain = (lines: string[]) => lines.map((line) => line.replaceAll('\u00a0', ' '));
const hostile = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-synthesis.json', import.meta.url), 'utf8')));

describe('PRISMA 2020 layout', () => {
  it('puts every stored count in its box, sources and reasons included', () => {
    const layout = prismaLayout(hostile);
    const [identification, screening, included] = layout.rows;
    expect(layout.rows.map((row) => row.phase)).toEqual(['Identification', 'Screening', 'Included']);
    expect(plain(identification!.main.lines)).toEqual(['Records identified from:', '• code-security (n = 5)', '• ml4code (n = 4)', 'Total (n = 9)']);
    expect(plain(identification!.side!.lines).join(' ')).toContain('Duplicate records removed (n = 2)');
    expect(plain(screening!.main.lines).join(' ')).toContain('(n = 7)');
    expect(plain(screening!.side!.lines)).toEqual([
      'Records excluded (n = 4):',
      '• No abstract to assess or quote (n = 1)',
      '• Mentions an excluded term (n = 1)',
      '• Relevance below the threshold (n = 2)',
    ]);
    expect(plain(included!.main.lines)[0]).toBe('Studies included in review (n = 3)');
    expect(layout.description).toContain('9 records identified from 2 sources (code-security: 5; ml4code: 4)');
  });

  it('stacks rows without overlap and points arrows from box edge to box edge', () => {
    const layout = prismaLayout(hostile);
    for (let i = 1; i < layout.rows.length; i++) {
      const previous = layout.rows[i - 1]!;
      expect(layout.rows[i]!.y).toBeGreaterThan(previous.y + previous.height);
    }
    const down = layout.arrows.filter((a) => a.x1 === a.x2);
    expect(down).toHaveLength(2);
    expect(layout.height).toBe(layout.rows[2]!.y + layout.rows[2]!.height);
  });

  it('orders reasons as screening applies them and keeps unknown reasons, by name, after them', () => {
    expect(orderedReasons({ zzz: 1, 'below-relevance': 2, aaa: 3, 'no-abstract': 4 }).map(([r]) => r)).toEqual([
      'no-abstract',
      'below-relevance',
      'aaa',
      'zzz',
    ]);
  });

  it('wraps long labels within the box width and splits an unbroken word', () => {
    const lines = wrapText('Relevant, but beyond the most papers a review includes (n = 12)', 40);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines.join(' ')).toBe('Relevant, but beyond the most papers a review includes (n = 12)');
    expect(wrapText('x'.repeat(90), 40)).toEqual(['x'.repeat(40), 'x'.repeat(40), 'x'.repeat(10)]);
  });

  it('never breaks a count "(n = 195)" across lines', () => {
    // The real flagship review excludes 195 records for want of an abstract: that line used to wrap as "(n =" / "195)".
    const layout = prismaLayout({ ...hostile, prisma: { ...hostile.prisma, excludedByReason: { 'no-abstract': 195, 'missing-required-term': 91 } } });
    for (const line of layout.rows.flatMap((row) => [...row.main.lines, ...(row.side?.lines ?? [])])) {
      expect(line).not.toMatch(/\(n$|^=|^\d+\)$/);
    }
    expect(plain(layout.rows[1]!.side!.lines).join(' ')).toContain('(n = 195)');
  });
});
