// Greedy word wrap by character count, for SVG text (which does not wrap by itself). A word longer
// than a line is split, so no line ever exceeds the width. Only ordinary spaces break a line: a
// no-break space (U+00A0) keeps "(n = 12)" together.
export function wrapText(text: string, width: number): string[] {
  const words = text.split(/[ \t\r\n]+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length === 0) line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

