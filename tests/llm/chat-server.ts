import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A chat-completions server on 127.0.0.1 that answers from hand-written fixtures, as OpenAI's protocol does:
// a chat.completion JSON document, or with "stream": true a server-sent event stream of chat.completion.chunk
// objects ending in "data: [DONE]". It can refuse, stop at the length limit, fail with any status (429 with
// Retry-After, 500) or stall half-way through a stream, so the client's handling of each is tested for real.

export type ChatReply =
  | { kind: 'answer'; content: string; finish?: 'stop' | 'length'; usage?: { prompt: number; completion: number } }
  | { kind: 'refusal'; refusal: string }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  // Headers and the first part of the answer, then nothing: the client must time out and retry.
  | { kind: 'stall'; content: string };

export type ChatRequest = {
  body: {
    model: string;
    messages: { role: string; content: string }[];
    stream?: boolean;
    temperature?: number;
    max_tokens?: number;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  };
  /** the response_format schema name: the step (claims, stance, summary, review) */
  step: string;
  /** the request's DATA block, parsed */
  data: unknown;
  headers: IncomingMessage['headers'];
};

export type ChatServer = { url: string; requests: ChatRequest[]; close(): Promise<void> };

const DATA_BLOCK = /\nBEGIN (DATA-[0-9a-f]+)\n([\s\S]*)\nEND \1$/;

export function dataOf(body: ChatRequest['body']): unknown {
  const user = body.messages.findLast((m) => m.role === 'user')?.content ?? '';
  const m = DATA_BLOCK.exec(user);
  return m ? JSON.parse(m[2]!) : null;
}

export async function startChatServer(handler: (request: ChatRequest) => ChatReply): Promise<ChatServer> {
  const requests: ChatRequest[] = [];
  const sockets = new Set<Socket>();
  let serial = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(raw) as ChatRequest['body'];
      const request: ChatRequest = { body, step: body.response_format?.json_schema?.name ?? '', data: dataOf(body), headers: req.headers };
      requests.push(request);
      reply(res, handler(request), body, `chatcmpl-${++serial}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, r: ChatReply, body: ChatRequest['body'], id: string): void {
  const created = 1_790_000_000;
  const model = body.model;
  if (r.kind === 'status') {
    res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
    res.end(r.body ?? JSON.stringify({ error: { message: `status ${r.status}`, type: 'server_error' } }));
    return;
  }
  const content = r.kind === 'refusal' ? null : r.content;
  const refusal = r.kind === 'refusal' ? r.refusal : null;
  const finish = r.kind === 'answer' ? (r.finish ?? 'stop') : 'stop';
  const usage = r.kind === 'answer' && r.usage ? r.usage : { prompt: 100, completion: 50 };
  const usageJson = { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion };

  if (!body.stream) {
    if (r.kind === 'stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"id":"${id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(r.content)}`);
      return; // never ends
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: finish, logprobs: null }],
        usage: usageJson,
      }),
    );
    return;
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...extra })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }, null));
  if (r.kind === 'stall') {
    res.write(chunk({ content: r.content }, null));
    return; // never ends
  }
  const text = refusal ?? content ?? '';
  for (let i = 0; i < text.length; i += 40) res.write(chunk(refusal !== null ? { refusal: text.slice(i, i + 40) } : { content: text.slice(i, i + 40) }, null));
  res.write(chunk({}, finish));
  res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageJson })}\n\n`);
  res.end('data: [DONE]\n\n');
}
