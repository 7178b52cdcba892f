// How stored numbers are written on a page. Formatting only: scores and confidences are computed
// by the pipeline and stored; a page never derives them.

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function scoreOutOfTen(score: number): string {
  return `${score.toFixed(1)}/10`;
}

export function decimal(value: number, digits = 2): string {
  return value.toFixed(digits);
}
