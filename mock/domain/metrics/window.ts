// The since/until window of a metrics query: since inclusive (default 30 days before now), until
// exclusive (default now). Both take ISO-8601 UTC with Z or a bare UTC date (YYYY-MM-DD), as the
// docs' examples use bare dates.
import { validationError } from '../../http/errors.ts';
import { bucketCount, dayMs, type Granularity } from './intervals.ts';

export const maxBuckets = 1000;

function parseBound(name: string, value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = String(value);
  const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(parsed)) {
    throw validationError(name, `is not a valid date: ${text}. Send ISO-8601 UTC ending in Z, or YYYY-MM-DD.`);
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
