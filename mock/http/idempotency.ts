// Idempotency (D14–D18). An entry is keyed by API key, acting organization, method, route template
// with its parameter values, and the Idempotency-Key, and remembers a fingerprint of the body.
import { createHash } from 'node:crypto';

import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Operation } from '../../lib/openapi/spec.ts';
import type { Store } from '../state/store.ts';
import type { IdempotencyEntry } from '../state/types.ts';
import { ApiError } from './errors.ts';

/** How long a stored response replays (D15), in ms of mock time. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

const uuidParameter = /^(?:[a-z]+_)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const ulidParameter = /^(?:[a-z]+_)?([0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26})$/;

/**
 * Reduces a path parameter to the resource it names, so the prefixed id, the bare UUID and any
 * letter case of one resource (D5) share an idempotency entry.
 */
function canonicalParameter(value: unknown): string {
  const text = String(value);
  const uuid = uuidParameter.exec(text);
  if (uuid !== null) {
    return (uuid[1] as string).toLowerCase();
  }
  const ulid = ulidParameter.exec(text);
  if (ulid !== null) {
    return (ulid[1] as string).toUpperCase();
  }
  return text;
}

export function entryKey(apiKeyId: string, organizationId: string, operation: Operation, params: Record<string, unknown>, idempotencyKey: string): string {
  const route = operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => canonicalParameter(params[name]));
  return [apiKeyId, organizationId, operation.method, operation.pathTemplate, route, idempotencyKey].join('\u0000');
}

/** Codes whose responses are never stored, so a corrected retry with the same key runs fresh (D17). */
const unstoredCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN_SCOPE', 'RATE_LIMITED', 'KILL_SWITCH', 'VALIDATION', 'IDEMPOTENCY_CONFLICT', 'INJECTED_FAULT']);

export function isStorable(status: number, code: string | null): boolean {
  if (status === 401 || status === 403 || status === 429) {
    return false;
  }
  return code === null || !unstoredCodes.has(code);
}

export type Lookup = { kind: 'fresh' } | { kind: 'replay'; entry: IdempotencyEntry };

/**
 * Looks the key up. Returns a replay for the same body, throws 409 for a different body or a
 * request still in flight, and otherwise takes the slot by storing an in-flight entry.
 */
export function claimOrReplay(store: Store, key: string, fingerprint: string, now: number, requestId: string): Lookup {
  const existing = store.idempotency.get(key);

  if (existing !== undefined && now - existing.createdAt >= idempotencyWindowMs) {
    store.idempotency.delete(key);
  } else if (existing !== undefined) {
    if (existing.fingerprint !== fingerprint) {
      throw new ApiError(
        'IDEMPOTENCY_CONFLICT',
        { reason: 'This Idempotency-Key was already used on this endpoint with a different body. Use a new key for a different request.' },
        { reason: 'body_mismatch' },
      );
    }
    if (existing.state === 'in_flight') {
      throw new ApiError(
        'IDEMPOTENCY_CONFLICT',
        { reason: 'A request with this Idempotency-Key is still running. Retry after the Retry-After delay to get its result.' },
        { reason: 'in_flight' },
        { 'Retry-After': '1' },
      );
    }
    return { kind: 'replay', entry: existing };
  }

  store.idempotency.set(key, { key, fingerprint, state: 'in_flight', status: 0, headers: {}, body: null, requestId, createdAt: now });
  return { kind: 'fresh' };
}

export function complete(store: Store, key: string, status: number, headers: Record<string, string>, body: unknown): void {
  const entry = store.idempotency.get(key);
  if (entry === undefined) {
    return;
  }
  entry.state = 'completed';
  entry.status = status;
  entry.headers = headers;
  entry.body = structuredClone(body);
}

export function release(store: Store, key: string): void {
  store.idempotency.delete(key);
}

/** Drops entries older than the window; called from the scheduler tick. */
export function pruneExpired(store: Store, now: number): void {
  for (const [key, entry] of store.idempotency) {
    if (entry.state === 'completed' && now - entry.createdAt >= idempotencyWindowMs) {
      store.idempotency.delete(key);
    }
  }
}
