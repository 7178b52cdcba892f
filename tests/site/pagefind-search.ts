// Runs searches against a built site's Pagefind index in Node, the way the search page's Component UI
// does (pagefind.js's search(term, { filters })), without a browser. pagefind.js loads its index over
// fetch, so the site's dist is served on 127.0.0.1 for the length of the session.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';

export interface PagefindHit {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  excerpt: string;
  sub_results: Array<{ title: string; url: string; excerpt: string }>;
}

interface PagefindInstance {
  search(term: string | null, options?: { filters?: Record<string, unknown> }): Promise<{ results: Array<{ data(): Promise<PagefindHit> }> }>;
  destroy?(): Promise<void>;
}

export interface PagefindSession {
  /** every hit for `term` (null: the listing before a word is typed), with its data loaded */
  search(term: string | null, filters?: Record<string, unknown>): Promise<PagefindHit[]>;
  close(): Promise<void>;
}

export async function openPagefind(distDir: string): Promise<PagefindSession> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    readFile(join(distDir, path)).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const module = (await import(pathToFileURL(resolve(distDir, 'pagefind', 'pagefind.js')).href)) as {
    createInstance(options: { basePath: string; baseUrl: string }): PagefindInstance;
  };
  const instance = module.createInstance({ basePath: `${origin}/pagefind/`, baseUrl: '/' });
  return {
    async search(term, filters = {}) {
      const found = await instance.search(term, { filters });
      return Promise.all(found.results.map((result) => result.data()));
    },
    async close() {
      await instance.destroy?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
