// The since/until window of a metrics query: since inclusive (default 30 days before until), until
// exclusive (default now). The spec admits only ISO-8601 UTC with Z (D4).
import { validationError } from '../../http/errors.ts';
import { bucketCount, dayMs, type Granularity } from './intervals.ts';

export const maxBuckets = 1000;

function parseBound(name: string, value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = String(value);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) {
    throw validationError(name, `is not a valid date: ${text}. Send ISO-8601 UTC ending in Z.`);
  }
  return parsed;
}

export function metricsWindow(query: Record<string, unknown>, now: number, granularity: Granularity): { since: number; until: number } {
  const until = parseBound('until', query.until) ?? now;
  const since = parseBound('since', query.since) ?? until - 30 * dayMs;
  if (since >= until) {
    throw validationError('since', `must be before until (${new Date(until).toISOString()}).`);
  }
  if (bucketCount(since, until, granularity) > maxBuckets) {
    throw validationError('granularity', `${granularity} buckets over this window exceed ${maxBuckets}. Use a coarser granularity or a shorter window.`);
  }
  return { since, until };
}
