import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SiftError, type Problem } from '../records/problem.ts';
import { RETRIEVAL_CACHES, SYNTHESES, retrievalCachesDir, synthesesDir } from './content-paths.ts';
import { readRetrievalCacheAt, readSynthesisFile } from './synthesis-store.ts';
import { shownPath } from './write-target.ts';

// What the site is built from. Astro's content loader stops the whole build at the first stored file
// that does not parse, so the build does not point it at the committed cache: it copies every stored
// file that reads as its record, belongs to a question that still exists and is a plain file into a
// staging folder, and points Astro there (SIFT_CONTENT_DIR). A bad file costs only its own review,
// which is left out and named with the fix; the build still exits non-zero (scripts/build.ts).

export type StagedContent = {
  // the folder to hand Astro as SIFT_CONTENT_DIR
  dir: string;
  // ids of the reviews whose synthesis was staged
  reviews: string[];
  problems: Problem[];
};

// Question ids as the runner finds them (store/question-files.ts): every questions/*.yaml or *.yml.
function questionIds(root: string): Set<string> {
  const folder = join(root, 'questions');
  if (!existsSync(folder)) return new Set();
  return new Set(
    readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => name.replace(/\.ya?ml$/, '')),
  );
}

function problemsOf(error: unknown): Problem[] {
  if (error instanceof SiftError) return [...error.problems];
  throw error;
}

type Kind = { folder: string; what: string; idOf: (path: string, shown: string) => string };

const SYNTHESIS_KIND: Kind = { folder: SYNTHESES, what: 'review', idOf: (path, shown) => readSynthesisFile(path, shown).id };
const CACHE_KIND: Kind = { folder: RETRIEVAL_CACHES, what: 'retrieval cache', idOf: (path, shown) => readRetrievalCacheAt(path, shown).question };

function stageFolder(root: string, source: string, target: string, kind: Kind, questions: Set<string>, problems: Problem[]): string[] {
  mkdirSync(target, { recursive: true });
  if (!existsSync(source)) return [];
  const staged: string[] = [];
  // Only *.json is a record (src/content.config.ts loads *.json); temporary files and the lock are not.
  for (const name of readdirSync(source).filter((entry) => entry.endsWith('.json')).sort()) {
    const path = join(source, name);
    const shown = shownPath(root, path);
    const fileId = basename(name, '.json');
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      problems.push({
        file: shown,
        problem: `is a symbolic link, so it is not published: a stored ${kind.what} must be a file in the checkout`,
        fix: `replace the link with the file itself (git checkout -- ${shown}), or delete it`,
      });
      continue;
    }
    if (!stat.isFile()) {
      problems.push({ file: shown, problem: `is not a file, so it is not published`, fix: `remove it; stored records are files named <id>.json` });
      continue;
    }
    let id: string;
    try {
      id = kind.idOf(path, shown);
    } catch (error) {
      problems.push(...problemsOf(error).map((p) => ({ ...p, problem: `${p.problem}; the ${kind.what} is left out of the site` })));
      continue;
    }
    if (id !== fileId) {
      problems.push({
        file: shown,
        field: kind === SYNTHESIS_KIND ? 'id' : 'question',
        problem: `is "${id}" but the file is named ${name}, so the ${kind.what} is left out of the site`,
        fix: `restore it with git checkout -- ${shown}, or delete it to recompute`,
      });
      continue;
    }
    if (!questions.has(id)) {
      problems.push({
        file: shown,
        problem: `its question questions/${id}.yaml does not exist (deleted or renamed), so the ${kind.what} is not published`,
        fix: `delete ${shown} if the review was withdrawn, or restore questions/${id}.yaml`,
      });
      continue;
    }
    copyFileSync(path, join(target, name));
    staged.push(id);
  }
  return staged;
}

export function stageContent(root: string, staging: string): StagedContent {
  rmSync(staging, { recursive: true, force: true });
  const questions = questionIds(root);
  const problems: Problem[] = [];
  const reviews = stageFolder(root, synthesesDir(root), join(staging, SYNTHESES), SYNTHESIS_KIND, questions, problems);
  stageFolder(root, retrievalCachesDir(root), join(staging, RETRIEVAL_CACHES), CACHE_KIND, questions, problems);
  return { dir: staging, reviews, problems };
}

// A review whose pages failed to render is taken out of the staged content, so the next build leaves
// it out everywhere (its page, the index, the feeds, the report JSON) rather than linking to nothing.
export function unstageReview(staging: string, id: string): void {
  rmSync(join(staging, SYNTHESES, `${id}.json`), { force: true });
  rmSync(join(staging, RETRIEVAL_CACHES, `${id}.json`), { force: true });
}
