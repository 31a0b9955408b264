// Per-key rate limits per endpoint class (D13), in fixed one-minute windows of mock time.
import type { RateLimitClass } from '../../lib/openapi/spec.ts';
import type { Store } from '../state/store.ts';
import { ApiError } from './errors.ts';

/** Requests per minute by tier and endpoint class, from the public rate-limit docs. */
export const tierLimits: Record<string, Record<RateLimitClass, number>> = {
  standard: { 'read-light': 120, 'write-light': 60, 'long-running': 20 },
  pilot: { 'read-light': 1200, 'write-light': 600, 'long-running': 60 },
  partner: { 'read-light': 6000, 'write-light': 3000, 'long-running': 300 },
  // NOTE: the docs name the sandbox tier of test child keys but give no numbers; these are the
  // standard tier's numbers.
  sandbox: { 'read-light': 120, 'write-light': 60, 'long-running': 20 },
  // The changelog's tier names; D13 gives them the pilot and partner numbers.
  gic_pilot: { 'read-light': 1200, 'write-light': 600, 'long-running': 60 },
  gic_ga: { 'read-light': 6000, 'write-light': 3000, 'long-running': 300 },
};

/** Write-light requests per UTC day by tier, from the same docs table. */
export const dailyWriteLimits: Record<string, number> = {
  standard: 10_000,
  pilot: 100_000,
  partner: 500_000,
  sandbox: 10_000,
  gic_pilot: 100_000,
  gic_ga: 500_000,
};

const windowMs = 60_000;
const dayMs = 24 * 60 * 60 * 1000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  headers: Record<string, string>;
}

/** Counts the request against its bucket; throws 429 RATE_LIMITED when the bucket is empty. */
export function consumeRateLimit(store: Store, apiKeyId: string, tier: string, endpointClass: RateLimitClass, now: number): RateLimitState {
  const limits = tierLimits[tier] ?? tierLimits.standard!;
  const limit = limits[endpointClass];
  const window = Math.floor(now / windowMs);
  const bucket = `${apiKeyId}|${endpointClass}|${window}`;
  const used = store.rateLimitCounts.get(bucket) ?? 0;

  const untilReset = (window + 1) * windowMs - now;
  const resetSeconds = Math.min(60, Math.max(0, Math.ceil(untilReset / 1000)));

  const headers = (remaining: number): Record<string, string> => ({
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(resetSeconds),
    'X-RateLimit-Endpoint-Class': endpointClass,
  });

  if (used >= limit) {
    const retryAfter = Math.min(60, Math.max(1, resetSeconds));
    throw new ApiError(
      'RATE_LIMITED',
      { limit, endpointClass, tier, retryAfter },
      { tier, endpointClass, limit },
      { ...headers(0), 'Retry-After': String(retryAfter) },
    );
  }

  if (endpointClass === 'write-light') {
    consumeDailyWrites(store, apiKeyId, tier, now, headers(Math.max(0, limit - used)));
  }

  pruneOldWindows(store, window);
  store.rateLimitCounts.set(bucket, used + 1);

  const remaining = Math.max(0, limit - used - 1);
  return { limit, remaining, resetSeconds, headers: headers(remaining) };
}

/**
 * Counts a write-light request against the key's daily cap. Past the cap the request gets 429
 * with Retry-After capped at 60 seconds (D13), so a client retries until the UTC day turns.
 */
function consumeDailyWrites(store: Store, apiKeyId: string, tier: string, now: number, headers: Record<string, string>): void {
  const limit = dailyWriteLimits[tier] ?? dailyWriteLimits.standard!;
  const day = Math.floor(now / dayMs);
  const bucket = `${apiKeyId}|write-light-daily|${day}`;
  const used = store.rateLimitCounts.get(bucket) ?? 0;

  if (used >= limit) {
    const retryAfter = Math.min(60, Math.max(1, Math.ceil(((day + 1) * dayMs - now) / 1000)));
    throw new ApiError(
      'RATE_LIMITED',
      { limit, endpointClass: 'write-light (daily)', tier, retryAfter },
      { tier, endpointClass: 'write-light', limit, window: 'day' },
      { ...headers, 'X-RateLimit-Remaining': '0', 'Retry-After': String(retryAfter) },
    );
  }
  store.rateLimitCounts.set(bucket, used + 1);
}

/** Drops the counts of windows that ended, so the table does not grow without bound. */
function pruneOldWindows(store: Store, currentWindow: number): void {
  if (store.rateLimitCounts.size < 1000) {
    return;
  }
  const currentDay = Math.floor((currentWindow * windowMs) / dayMs);
  for (const bucket of store.rateLimitCounts.keys()) {
    const window = Number(bucket.slice(bucket.lastIndexOf('|') + 1));
    const current = bucket.includes('|write-light-daily|') ? currentDay : currentWindow;
    if (window < current) {
      store.rateLimitCounts.delete(bucket);
    }
  }
}
