// Words of the question written with a capital letter other than at a sentence start: names of models,
// tools, languages or datasets ("Codestral", "CodeQL", "Solidity"). An abbreviation's full stop ("e.g.",
// "vs.") does not start a sentence.
export function namesIn(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(/[\p{L}][\p{L}\p{N}-]*/gu)) {
    const word = m[0];
    if (!/\p{Lu}/u.test(word)) continue;
    const before = question.slice(0, m.index).trimEnd();
    if (before === '' || (/[.?!:]$/.test(before) && !/\b(?:e\.g|i\.e|vs|etc)\.$/i.test(before))) continue;
    if (!out.includes(word)) out.push(word);
  }
  return out;
}
