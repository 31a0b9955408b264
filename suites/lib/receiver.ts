// A webhook receiver for the checks: a real HTTP server on 127.0.0.1 that keeps every request's
// raw bytes and headers, responds with a scripted status, and dedupes by X-Layers-Event-Id the way
// a partner's receiver should. Against a target that cannot reach this machine, the server listens
// on a fixed port behind the public URL given with --webhook-public-url.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body bytes exactly as received. */
  rawBody: Buffer;
  /** Wall-clock time of arrival, epoch ms. */
  receivedAt: number;
  /** False when an earlier request carried the same X-Layers-Event-Id (a retry or duplicate). */
  firstOfEvent: boolean;
  /** The status the receiver responded with. */
  answeredStatus: number;
}

export interface ScriptedResponse {
  status: number;
  /** Delay before the response, in ms, to simulate a slow receiver. */
  delayMs?: number;
}

/** Chooses the response to the request with 0-based `index` in arrival order. */
export type Responder = (request: Omit<ReceivedRequest, 'answeredStatus'>, index: number) => ScriptedResponse;

export interface ReceiverOptions {
  /** The URL the target should post to; by default this server's own loopback URL. */
  publicUrl?: string | null;
  /** The port to listen on; 0 (any free port) by default. */
  port?: number;
  responder?: Responder;
}

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Event ids the receiver processed, once each, in order. */
  readonly processedEventIds: string[] = [];
  responder: Responder;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    responder: Responder,
  ) {
    this.responder = responder;
  }

  static async start(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      void (receiver as WebhookReceiver).handle(request).then((status) => {
        response.statusCode = status;
        response.setHeader('content-type', 'text/plain');
        response.end(status >= 200 && status < 300 ? 'ok' : 'not ok');
      });
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;

    receiver = new WebhookReceiver(server, options.publicUrl ?? `http://127.0.0.1:${port}/layers-webhooks`, options.responder ?? (() => ({ status: 200 })));
    return receiver;
  }

  private async handle(request: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }

    const eventId = headers['x-layers-event-id'] ?? '';
    const entry = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers,
      rawBody: Buffer.concat(chunks),
      receivedAt: Date.now(),
      firstOfEvent: !this.requests.some((earlier) => earlier.headers['x-layers-event-id'] === eventId),
    };

    // A responder that throws is a bug in the check: the receiver returns 500 instead of leaving
    // the request open.
    let scripted: ScriptedResponse;
    try {
      scripted = this.responder(entry, this.requests.length);
    } catch {
      scripted = { status: 500 };
    }
    const received: ReceivedRequest = { ...entry, answeredStatus: scripted.status };
    this.requests.push(received);

    if (scripted.delayMs !== undefined && scripted.delayMs > 0) {
      await sleep(scripted.delayMs);
    }
    // A partner processes an event once: the first 2xx for an event id, never again on a retry.
    if (scripted.status >= 200 && scripted.status < 300 && eventId !== '' && !this.processedEventIds.includes(eventId)) {
      this.processedEventIds.push(eventId);
    }
    return scripted.status;
  }

  /** Returns the requests that carried `eventId`, in arrival order. */
  requestsFor(eventId: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.headers['x-layers-event-id'] === eventId);
  }

  /** Waits until `predicate` holds, polling every 20 ms; returns false after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) {
        return false;
      }
      await sleep(20);
    }
    return true;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
