// The rate-limit buckets of D13 beyond the per-minute read bucket: the daily write-light cap and
// the sandbox tier of test child keys.
import { describe, expect, it } from 'vitest';

import { ApiError } from '../mock/http/errors.ts';
import { consumeRateLimit, dailyWriteLimits, tierLimits } from '../mock/http/rate-limit.ts';
import { Store } from '../mock/state/store.ts';

const minuteMs = 60_000;
const dayStart = Date.parse('2026-07-01T00:00:00.000Z');

describe('daily write-light cap', () => {
  it('rejects the request past the cap with Retry-After 1..60', () => {
    const store = new Store();
    const limit = dailyWriteLimits.standard as number;
    const perMinute = tierLimits.standard!['write-light'];

    // Spread the requests over minutes so that only the daily cap can run out.
    for (let index = 0; index < limit; index += 1) {
      consumeRateLimit(store, 'key_a', 'standard', 'write-light', dayStart + Math.floor(index / perMinute) * minuteMs);
    }
    const late = dayStart + Math.ceil(limit / perMinute) * minuteMs;

    let refusal: unknown;
    try {
      consumeRateLimit(store, 'key_a', 'standard', 'write-light', late);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(ApiError);
    const apiError = refusal as ApiError;
    expect(apiError.status).toBe(429);
    expect(apiError.headers['X-RateLimit-Remaining']).toBe('0');
    expect(Number(apiError.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(Number(apiError.headers['Retry-After'])).toBeLessThanOrEqual(60);
  });

  it('starts again on the next UTC day', () => {
    const store = new Store();
    store.rateLimitCounts.set(`key_b|write-light-daily|${Math.floor(dayStart / 86_400_000)}`, dailyWriteLimits.standard as number);

    expect(() => consumeRateLimit(store, 'key_b', 'standard', 'write-light', dayStart + 1000)).toThrow(ApiError);
    expect(consumeRateLimit(store, 'key_b', 'standard', 'write-light', dayStart + 86_400_000).remaining).toBe(59);
  });

  it('survives pruning of ended minute windows', () => {
    const store = new Store();
    for (let index = 0; index < 1200; index += 1) {
      store.rateLimitCounts.set(`key_${index}|read-light|0`, 1);
    }
    const day = Math.floor(dayStart / 86_400_000);
    store.rateLimitCounts.set(`key_c|write-light-daily|${day}`, 5);

    consumeRateLimit(store, 'key_c', 'standard', 'write-light', dayStart + 1000);

    expect(store.rateLimitCounts.get(`key_c|write-light-daily|${day}`)).toBe(6);
    expect(store.rateLimitCounts.has('key_0|read-light|0')).toBe(false);
  });

  it('does not count reads', () => {
    const store = new Store();
    consumeRateLimit(store, 'key_d', 'standard', 'read-light', dayStart);
    expect([...store.rateLimitCounts.keys()].some((bucket) => bucket.includes('daily'))).toBe(false);
  });
});

describe('sandbox tier', () => {
  it('has a bucket for every endpoint class', () => {
    expect(Object.keys(tierLimits.sandbox ?? {}).sort()).toEqual(['long-running', 'read-light', 'write-light']);
    expect(dailyWriteLimits.sandbox).toBeGreaterThan(0);
  });
});
