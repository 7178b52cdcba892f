import { ExclusionReason, exclusionLabels } from '../records/index.ts';
import type { Synthesis } from '../records/index.ts';
import { wrapText } from './wrap-text.ts';

// Geometry and wording of the PRISMA 2020 flow diagram (Page et al. 2021, BMJ 372:n71, Fig. 1,
// "new systematic reviews which included searches of databases and registers only"). Sift screens
// titles and abstracts and does not retrieve full texts, so the report-retrieval and eligibility
// boxes of the template are folded into "records screened" and the diagram says so. Every number is
// read from the synthesis; nothing here counts papers.

export interface PrismaBox {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface PrismaRow {
  phase: string;
  y: number;
  height: number;
  main: PrismaBox;
  side: PrismaBox | null;
}

export interface PrismaLayout {
  width: number;
  height: number;
  /** width of the coloured phase band at the left of each row */
  phaseWidth: number;
  lineHeight: number;
  padding: number;
  rows: PrismaRow[];
  /** main-column arrows between rows, and arrows from each main box to its side box */
  arrows: Array<{ x1: number; y1: number; x2: number; y2: number }>;
  /** the whole diagram in words, for <desc> */
  description: string;
}

const WIDTH = 760;
const PHASE_WIDTH = 34;
const MAIN_X = 52;
const BOX_WIDTH = 320;
const SIDE_X = MAIN_X + BOX_WIDTH + 50;
const LINE_HEIGHT = 19;
const PADDING = 12;
const ROW_GAP = 40;
// Tall enough for the rotated phase name ("Identification" at 13 px bold) to fit its band.
const MIN_ROW_HEIGHT = 104;
// About 7.4 px per character at the 14 px system sans-serif the diagram uses; 40 characters fill a
// 320 px box with its padding.
const CHARS_PER_LINE = 40;

// "(n = 12)" with no-break spaces, so wrapping never leaves "(n =" at the end of a line.
function n(count: number): string {
  return `(n\u00a0=\u00a0${count})`;
}

function reasonLabel(reason: string): string {
  return (exclusionLabels as Record<string, string>)[reason] ?? reason;
}

/** Exclusion reasons in the schema's order (the order screening applies them), unknown ones after, by name. */
export function orderedReasons(excludedByReason: Record<string, number>): Array<[string, number]> {
  const known: readonly string[] = ExclusionReason.options;
  return Object.entries(excludedByReason).sort(([a], [b]) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
    return a.localeCompare(b);
  });
}

function orderedSources(bySource: Record<string, number>): Array<[string, number]> {
  return Object.entries(bySource).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function prismaLayout(synthesis: Pick<Synthesis, 'counts' | 'prisma'>): PrismaLayout {
  const { counts, prisma } = synthesis;
  const sources = orderedSources(prisma.bySource);
  const reasons = orderedReasons(prisma.excludedByReason).filter(([, n]) => n > 0);

  const paragraphs: Array<{ phase: string; main: string[]; side: string[] | null }> = [
    {
      phase: 'Identification',
      main: [
        'Records identified from:',
        ...sources.map(([source, count]) => `• ${source} ${n(count)}`),
        `Total ${n(counts.identified)}`,
      ],
      side: ['Records removed before screening:', `Duplicate records removed ${n(counts.duplicates)}`],
    },
    {
      phase: 'Screening',
      main: [`Records screened on title and abstract ${n(counts.screened)}`],
      side: [`Records excluded ${n(counts.excluded)}:`, ...reasons.map(([reason, count]) => `• ${reasonLabel(reason)} ${n(count)}`)],
    },
    {
      phase: 'Included',
      main: [`Studies included in review ${n(counts.included)}`, `Claims extracted and verified ${n(counts.claims)}`],
      side: null,
    },
  ];

  const rows: PrismaRow[] = [];
  const arrows: PrismaLayout['arrows'] = [];
  let y = 0;
  for (const paragraph of paragraphs) {
    const mainLines = paragraph.main.flatMap((text) => wrapText(text, CHARS_PER_LINE));
    const sideLines = paragraph.side ? paragraph.side.flatMap((text) => wrapText(text, CHARS_PER_LINE)) : null;
    const lineCount = Math.max(mainLines.length, sideLines?.length ?? 0);
    const height = Math.max(MIN_ROW_HEIGHT, lineCount * LINE_HEIGHT + 2 * PADDING);
    const main: PrismaBox = { x: MAIN_X, y, width: BOX_WIDTH, height, lines: mainLines };
    const side: PrismaBox | null = sideLines ? { x: SIDE_X, y, width: BOX_WIDTH, height, lines: sideLines } : null;
    if (rows.length > 0) {
      const previous = rows[rows.length - 1]!;
      arrows.push({ x1: MAIN_X + BOX_WIDTH / 2, y1: previous.y + previous.height, x2: MAIN_X + BOX_WIDTH / 2, y2: y });
    }
    if (side) arrows.push({ x1: MAIN_X + BOX_WIDTH, y1: y + height / 2, x2: SIDE_X, y2: y + height / 2 });
    rows.push({ phase: paragraph.phase, y, height, main, side });
    y += height + ROW_GAP;
  }

  const sourceWords = sources.map(([source, count]) => `${source}: ${count}`).join('; ');
  const reasonWords = reasons.map(([reason, count]) => `${reasonLabel(reason)}: ${count}`).join('; ');
  const description =
    `Identification: ${counts.identified} records identified from ${sources.length} ` +
    `${sources.length === 1 ? 'source' : 'sources'}${sourceWords ? ` (${sourceWords})` : ''}; ` +
    `${counts.duplicates} duplicate records removed. ` +
    `Screening: ${counts.screened} records screened on title and abstract; ${counts.excluded} excluded` +
    `${reasonWords ? ` (${reasonWords})` : ''}. ` +
    `Included: ${counts.included} studies, from which ${counts.claims} claims were extracted and verified.`;

  return { width: WIDTH, height: y - ROW_GAP, phaseWidth: PHASE_WIDTH, lineHeight: LINE_HEIGHT, padding: PADDING, rows, arrows, description };
}
