// Question ids touched by a change, from `git diff --name-only` output: these are the reviews a pull
// request adds or edits, and the ones CI synthesizes with live retrieval before merging.
export function changedQuestionIds(changedFiles: readonly string[]): string[] {
  const ids = changedFiles
    .map((f) => /^questions\/([a-z0-9][a-z0-9-]*)\.ya?ml$/.exec(f.trim())?.[1])
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)].sort();
}
