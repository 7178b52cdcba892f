import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A real HTTP server on 127.0.0.1 that answers with recorded API responses, matched by path and query,
// and that can be told to misbehave (faults) before it answers normally again.

export type Reply = {
  status: number;
  body: string;
  headers?: Record<string, string>;
  // Real milliseconds to wait before answering (for the concurrency test; kept small).
  delayMs?: number;
};

export type Fault =
  | { kind: 'reply'; reply: Reply } // any status/body: 429, 500, 503, 400, malformed JSON, truncated XML
  | { kind: 'reset' } // the connection is destroyed before any answer
  | { kind: 'hang' } // headers never come: the client must time out
  | { kind: 'stall'; reply: Reply }; // headers and part of the body, then nothing more

export type Route = {
  path: string;
  // Parameters that must be present with these values; others are ignored.
  query?: Record<string, string>;
  // Answered in order; the last one is repeated once the others are used up.
  replies: Reply[];
};

export type ReceivedRequest = {
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  rawUrl: string;
};

export type ReplayServer = {
  url: string;
  requests: ReceivedRequest[];
  route(route: Route): void;
  // Faults for a path, served one per request before the routes answer.
  fault(path: string, ...faults: Fault[]): void;
  reset(): void;
  close(): Promise<void>;
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

export function atom(body: string, status = 200): Reply {
  return { status, body, headers: { 'content-type': 'application/atom+xml; charset=utf-8' } };
}

export async function startReplayServer(): Promise<ReplayServer> {
  let routes: Array<Route & { used: number }> = [];
  let faults = new Map<string, Fault[]>();
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();

  function answer(response: ServerResponse, reply: Reply): void {
    const send = (): void => {
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ path: url.pathname, query, headers: request.headers, rawUrl: request.url ?? '' });

    const pending = faults.get(url.pathname);
    const fault = pending?.shift();
    if (fault) {
      if (fault.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (fault.kind === 'hang') return;
      if (fault.kind === 'stall') {
        response.writeHead(fault.reply.status, fault.reply.headers ?? {});
        response.write(fault.reply.body.slice(0, Math.floor(fault.reply.body.length / 2)));
        return;
      }
      answer(response, fault.reply);
      return;
    }
    const route = routes.find(
      (candidate) =>
        candidate.path === url.pathname &&
        Object.entries(candidate.query ?? {}).every(([name, value]) => query[name] === value),
    );
    if (!route) {
      answer(response, json({ error: `no recording for ${url.pathname}?${url.searchParams}` }, 404));
      return;
    }
    const reply = route.replies[Math.min(route.used, route.replies.length - 1)]!;
    route.used += 1;
    answer(response, reply);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(route) {
      routes.push({ ...route, used: 0 });
    },
    fault(path, ...more) {
      faults.set(path, [...(faults.get(path) ?? []), ...more]);
    },
    reset() {
      routes = [];
      faults = new Map();
      requests.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
