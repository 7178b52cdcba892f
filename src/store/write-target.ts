import { lstatSync, readlinkSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SiftError } from '../records/problem.ts';
import { contentDir } from './content-paths.ts';

function inside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

// A path as a user would look for it: from the repository root when it is inside it.
export function shownPath(root: string, path: string): string {
  const full = resolve(root, path);
  return inside(resolve(root), full) ? relative(resolve(root), full) || '.' : full;
}

// The store writes only into the content folder, and through no link: a symbolic link anywhere from
// the repository root down to the file (src, src/content, syntheses/, the file itself) would send the
// write wherever the link points, outside the checkout. A content folder set by SIFT_CONTENT_DIR
// outside the repository was chosen on purpose, so there the walk starts at that folder. A link is
// refused even when it points back inside: telling the two apart is not worth a write in the wrong place.
// `content` is the content folder the write belongs to (merge-shards names its target).
export function assertContentTarget(root: string, path: string, content = contentDir(resolve(root))): void {
  const base = resolve(root, content);
  const start = inside(resolve(root), base) ? resolve(root) : base;
  const target = resolve(root, path);
  if (!inside(base, target)) throw new Error(`${target} is not inside the content folder ${base}: the store writes nowhere else`);
  let current = start;
  for (const part of relative(start, target).split(sep).filter(Boolean)) {
    current = join(current, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return; // does not exist yet: it will be made as a real folder or file, and nothing below it exists
    }
    if (isLink) {
      const shown = shownPath(root, current);
      throw new SiftError({
        file: shown,
        problem: `is a symbolic link (to ${readlinkSync(current)}), so writing ${shownPath(root, target)} through it would write outside the checkout; nothing was written`,
        fix: `replace the link with a real ${current === target ? 'file' : 'folder'}: remove it, then restore it with git checkout -- ${shown} (or let the next run recreate it)`,
      });
    }
  }
}
