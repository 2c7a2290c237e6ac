// A webhook receiver on 127.0.0.1 for tests of an app in its own process: it keeps every arrival (headers and body)
// and answers as the test says at the moment (`answer`: a status, or 'hold' — keep the request open without an
// answer, as a receiver that is still working when the sender dies).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export type Arrival = { path: string; id: string; timestamp: string; signature: string; headers: IncomingHttpHeaders; body: string; at: number };

export type WebhookReceiver = {
  url: (path: string) => string;
  arrivals: Arrival[];
  /** How the next arrival is answered; the default answers 200. */
  answer: (arrival: Arrival) => number | 'hold';
  /** Requests held open so far (not answered). */
  held: () => number;
  /** Ends every held request without an answer. */
  dropHeld: () => void;
};

/** Starts a receiver now (call it at a test file's top level); it is closed after the file's tests. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const heldResponses: ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: (path) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    arrivals: [],
    answer: () => 200,
    held: () => heldResponses.length,
    dropHeld: () => {
      for (const response of heldResponses.splice(0)) response.destroy();
    },
  };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const header = (name: string) => String(request.headers[name] ?? '');
      const arrival = {
        path: request.url ?? '',
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        headers: request.headers,
        body,
        at: Date.now(),
      };
      receiver.arrivals.push(arrival);
      const status = receiver.answer(arrival);
      if (status === 'hold') heldResponses.push(response);
      else response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    receiver.dropHeld();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return receiver;
}

/** Polls `probe` every 100 ms until it gives a value (not undefined or false); fails after `ms` naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
