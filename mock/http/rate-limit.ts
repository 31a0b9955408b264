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

const windowMs = 60_000;

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

  pruneOldWindows(store, window);
  store.rateLimitCounts.set(bucket, used + 1);

  const remaining = Math.max(0, limit - used - 1);
  return { limit, remaining, resetSeconds, headers: headers(remaining) };
}

/** Drops the counts of windows that ended, so the table does not grow without bound. */
function pruneOldWindows(store: Store, currentWindow: number): void {
  if (store.rateLimitCounts.size < 1000) {
    return;
  }
  for (const bucket of store.rateLimitCounts.keys()) {
    const window = Number(bucket.slice(bucket.lastIndexOf('|') + 1));
    if (window < currentWindow) {
      store.rateLimitCounts.delete(bucket);
    }
  }
}
