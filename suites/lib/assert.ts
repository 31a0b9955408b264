// Assertions that explain a failed check in the words of the contract, with the exchange that
// broke it attached for the report.
import { AssertionError } from 'node:assert';

import type { Exchange } from './exchange.ts';

export class CheckFailure extends AssertionError {
  constructor(
    message: string,
    readonly exchange: Exchange | null,
    readonly counterexample?: unknown,
    /** True when the failure is a response that does not conform to the spec. */
    readonly specViolation = false,
  ) {
    super({ message });
  }
}

export function fail(message: string, exchange: Exchange | null = null): never {
  throw new CheckFailure(message, exchange);
}

function describe(exchange: Exchange): string {
  const path = new URL(exchange.request.url).pathname;
  return `${exchange.request.method} ${path} → ${exchange.response.status} ${exchange.response.text.slice(0, 300)}`;
}

export function expectStatus(exchange: Exchange, expected: number | number[], why: string): void {
  const allowed = Array.isArray(expected) ? expected : [expected];
  if (!allowed.includes(exchange.response.status)) {
    fail(`${why}: expected status ${allowed.join(' or ')}, got ${describe(exchange)}`, exchange);
  }
}

export function expectErrorCode(exchange: Exchange, status: number, code: string, why: string): void {
  expectStatus(exchange, status, why);
  const actual = exchange.response.body?.error?.code;
  if (actual !== code) {
    fail(`${why}: expected error code ${code}, got ${String(actual)} (${describe(exchange)})`, exchange);
  }
}

export function expectEqual<T>(actual: T, expected: T, why: string, exchange: Exchange | null = null): void {
  const same = JSON.stringify(actual) === JSON.stringify(expected);
  if (!same) {
    fail(`${why}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`, exchange);
  }
}

export function expectTrue(condition: boolean, why: string, exchange: Exchange | null = null): void {
  if (!condition) {
    fail(why, exchange);
  }
}

/** D2/D3: an error body is the envelope, and its requestId equals the X-Request-Id header. */
export function expectEnvelope(exchange: Exchange, why: string): void {
  const error = exchange.response.body?.error;
  if (error === undefined || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '') {
    fail(`${why}: the body is not the error envelope {"error": {code, message, requestId}}: ${exchange.response.text.slice(0, 300)}`, exchange);
  }
  const header = exchange.response.headers['x-request-id'];
  if (header === undefined || !/^req_[0-9A-HJKMNP-TV-Z]{26}$/.test(header)) {
    fail(`${why}: X-Request-Id is missing or not req_<ULID>: ${String(header)}`, exchange);
  }
  if (error.requestId !== header) {
    fail(`${why}: error.requestId ${String(error.requestId)} differs from the X-Request-Id header ${header}`, exchange);
  }
}
