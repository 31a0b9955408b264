// The HTTP client the checks use: undici against any base URL. Every response is validated
// against spec/openapi.yaml, and a non-conforming one fails the check that received it.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

import { Router } from '../../lib/openapi/router.ts';
import { loadSpec } from '../../lib/openapi/spec.ts';
import { SpecValidator } from '../../lib/openapi/validator.ts';
import { createdResourcesOf, type CreatedResource } from './created-resources.ts';
import { spendOf } from './spend.ts';
import type { Exchange } from './exchange.ts';

export type QueryValue = string | number | boolean | (string | number | boolean)[];

export interface SendOptions {
  method: string;
  path: string;
  query?: Record<string, QueryValue | undefined>;
  /** A JSON body; serialized with JSON.stringify. */
  body?: unknown;
  /** A body sent verbatim, for malformed JSON and other raw cases. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Overrides the client's key; null sends no Authorization header. */
  apiKey?: string | null;
  /** A key to send; null sends none. By default POST and PATCH get a fresh UUID. */
  idempotencyKey?: string | null;
  /** X-Layers-Organization. */
  organization?: string;
  /** Return a 429 instead of waiting Retry-After and retrying. */
  acceptRateLimit?: boolean;
}

export class SpecViolation extends Error {
  constructor(readonly exchange: Exchange) {
    super(`${exchange.request.method} ${new URL(exchange.request.url).pathname} answered ${exchange.response.status}, which does not conform to the spec: ${exchange.specProblems.join('; ')}`);
  }
}

export class TargetUnreachable extends Error {}

export interface TargetShared {
  /**
   * Counts credits a request is about to spend or move against the run's budget; it throws
   * BudgetExceeded past --max-credits. The runner sets it for each check.
   */
  spend?: (credits: number, purpose: string) => void;
  spec: SpecValidator;
  router: Router;
  agent: Agent;
  /** Every exchange of the current check, for reports. */
  exchanges: Exchange[];
  /** Total seconds spent waiting on Retry-After, for the summary. */
  rateLimitWaitSeconds: number;
  /** How many 429 responses were waited out and retried; none of them fails a check. */
  rateLimitRetries: number;
  /** Child organizations and projects the run created, archived when the run ends. */
  created: CreatedResource[];
}

export function createShared(): TargetShared {
  const spec = loadSpec();
  return {
    spec: new SpecValidator(spec),
    router: new Router(spec),
    agent: new Agent({ keepAliveTimeout: 10_000, connections: 32 }),
    exchanges: [],
    rateLimitWaitSeconds: 0,
    rateLimitRetries: 0,
    created: [],
  };
}

function buildUrl(baseUrl: string, path: string, query: SendOptions['query']): string {
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) {
      continue;
    }
    for (const entry of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(name, String(entry));
    }
  }
  return url.toString();
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

/** The most Retry-After waits one request sits through before it gives up. */
const maxRateLimitRetries = 5;

export class TargetClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
    readonly shared: TargetShared,
  ) {}

  /** Returns a client for the same target with another key. */
  withKey(apiKey: string): TargetClient {
    return new TargetClient(this.baseUrl, apiKey, this.shared);
  }

  async send(options: SendOptions): Promise<Exchange> {
    for (let attempt = 0; ; attempt += 1) {
      const exchange = await this.sendOnce(options);
      const retryAfter = Number(exchange.response.headers['retry-after']);

      if (exchange.response.status !== 429 || options.acceptRateLimit === true || attempt >= maxRateLimitRetries || !Number.isFinite(retryAfter)) {
        return exchange;
      }
      // A shared target's rate limit is not a failure of the check: wait the Retry-After delay and retry.
      this.shared.rateLimitWaitSeconds += retryAfter;
      this.shared.rateLimitRetries += 1;
      await sleep(Math.min(60, Math.max(1, retryAfter)) * 1000);
    }
  }

  /** Sends and throws SpecViolation when the response does not conform. */
  async call(options: SendOptions): Promise<Exchange> {
    const exchange = await this.send(options);
    if (exchange.specProblems.length > 0) {
      throw new SpecViolation(exchange);
    }
    return exchange;
  }

  private async sendOnce(options: SendOptions): Promise<Exchange> {
    const method = options.method.toUpperCase();

    const spend = spendOf(method, options.path, options.body);
    if (spend !== null) {
      this.shared.spend?.(spend.credits, spend.purpose);
    }
    const url = buildUrl(this.baseUrl, options.path, options.query);
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };

    const apiKey = options.apiKey === undefined ? this.apiKey : options.apiKey;
    if (apiKey !== null) {
      headers.authorization = `Bearer ${apiKey}`;
    }

    let idempotencyKey = options.idempotencyKey ?? null;
    if (options.idempotencyKey === undefined && (method === 'POST' || method === 'PATCH')) {
      idempotencyKey = randomUUID();
    }
    if (idempotencyKey !== null) {
      headers['idempotency-key'] = idempotencyKey;
    }
    if (options.organization !== undefined) {
      headers['x-layers-organization'] = options.organization;
    }

    let body: string | null = null;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
    }
    if (body !== null && headers['content-type'] === undefined) {
      headers['content-type'] = 'application/json';
    }

    const started = performance.now();
    let response;
    try {
      response = await request(url, { method: method as 'GET', headers, body: body ?? undefined, dispatcher: this.shared.agent });
    } catch (error) {
      throw new TargetUnreachable(`Failed to reach ${url}: ${(error as Error).message}`);
    }

    const text = await response.body.text();
    const responseHeaders = flattenHeaders(response.headers);
    let parsed: any = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }

    const exchange: Exchange = {
      request: { method, url, headers, body },
      response: { status: response.statusCode, headers: responseHeaders, body: parsed, text },
      durationMs: Math.round(performance.now() - started),
      specProblems: this.validate(method, url, response.statusCode, responseHeaders, parsed, text),
    };
    this.shared.exchanges.push(exchange);

    this.shared.created.push(...createdResourcesOf(exchange));
    return exchange;
  }

  private validate(method: string, url: string, status: number, headers: Record<string, string>, body: unknown, text: string): string[] {
    const match = this.shared.router.match(method, new URL(url).pathname);
    const operation = match.kind === 'operation' ? match.operation : null;

    if (text !== '' && body === null) {
      return [`the body is not JSON: ${text.slice(0, 120)}`];
    }
    return this.shared.spec.validateResponse(operation, status, headers, text === '' ? undefined : body);
  }
}
