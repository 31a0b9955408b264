// Rate limits (D13): per-key buckets per endpoint class, the X-RateLimit-* headers on every
// response, and 429 RATE_LIMITED with Retry-After in whole seconds (F11).
import { expectEqual, expectErrorCode, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';

/** Requests per minute of the standard tier, from the public rate-limit docs. */
const standardLimits = { 'read-light': 120, 'write-light': 60 };

export const rateLimitChecks: Check[] = [
  defineCheck({
    id: 'rate-limits.headers',
    title: 'Every response carries the X-RateLimit headers of its endpoint class',
    area: 'rate-limits',
    guarantees: ['RATE-HEADERS'],
    level: 'inferred',
    async run(context) {
      const read = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const write = await context.target.call({ method: 'POST', path: '/v1/organizations', body: {} });

      for (const [exchange, endpointClass] of [[read, 'read-light'], [write, 'write-light']] as const) {
        const headers = exchange.response.headers;
        expectEqual(headers['x-ratelimit-endpoint-class'], endpointClass, `the class of ${exchange.request.method} ${new URL(exchange.request.url).pathname}`, exchange);
        const limit = Number(headers['x-ratelimit-limit']);
        const remaining = Number(headers['x-ratelimit-remaining']);
        const reset = Number(headers['x-ratelimit-reset']);
        expectTrue(Number.isInteger(limit) && limit > 0, `X-RateLimit-Limit is a positive integer, got ${headers['x-ratelimit-limit']}`, exchange);
        expectTrue(Number.isInteger(remaining) && remaining >= 0 && remaining < limit, `X-RateLimit-Remaining is 0..limit-1, got ${headers['x-ratelimit-remaining']}`, exchange);
        expectTrue(Number.isInteger(reset) && reset >= 0 && reset <= 60, `X-RateLimit-Reset is 0..60 seconds, got ${headers['x-ratelimit-reset']}`, exchange);
      }
    },
  }),

  defineCheck({
    id: 'rate-limits.exhausted-bucket',
    title: 'Past the read bucket of the standard tier, requests get 429 with Retry-After 1..60 and Remaining 0 (F11)',
    area: 'rate-limits',
    guarantees: ['RATE-LIMITED-429', 'RATE-HEADERS'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const control = context.control!;
      const minted = await control.mintKey({ scopes: ['*'], tier: 'standard' });
      const target = context.target.withKey(minted.key);

      // Start at the beginning of a one-minute window, so the burst cannot straddle two windows.
      const now = await control.now();
      await control.advanceClock(60_000 - (now % 60_000) + 1);

      let previous = Number.POSITIVE_INFINITY;
      for (let index = 0; index < standardLimits['read-light']; index += 1) {
        const exchange = await target.call({ method: 'GET', path: '/v1/whoami', acceptRateLimit: true });
        expectEqual(exchange.response.status, 200, `request ${index + 1} of ${standardLimits['read-light']} is within the bucket`, exchange);
        const remaining = Number(exchange.response.headers['x-ratelimit-remaining']);
        expectTrue(remaining >= 0 && remaining < previous, `X-RateLimit-Remaining counts down without going negative, got ${remaining} after ${previous}`, exchange);
        expectEqual(Number(exchange.response.headers['x-ratelimit-limit']), standardLimits['read-light'], 'the standard read-light limit', exchange);
        previous = remaining;
      }

      for (let extra = 0; extra < 2; extra += 1) {
        const refused = await target.call({ method: 'GET', path: '/v1/whoami', acceptRateLimit: true });
        expectErrorCode(refused, 429, 'RATE_LIMITED', `extra request ${extra + 1}`);
        const retryAfter = refused.response.headers['retry-after'] ?? '';
        expectTrue(/^\d+$/.test(retryAfter) && Number(retryAfter) >= 1 && Number(retryAfter) <= 60, `Retry-After is whole seconds 1..60, never an epoch, got ${retryAfter}`, refused);
        expectEqual(refused.response.headers['x-ratelimit-remaining'], '0', 'X-RateLimit-Remaining is 0 on a 429', refused);
      }

      const write = await target.call({ method: 'POST', path: '/v1/projects', body: { name: `Bucket ${Date.now().toString(36)}`, timezone: 'UTC' }, acceptRateLimit: true });
      expectEqual(write.response.status, 201, 'the write-light bucket is separate from the exhausted read bucket', write);
      expectEqual(Number(write.response.headers['x-ratelimit-limit']), standardLimits['write-light'], 'the standard write-light limit', write);
    },
  }),
];
