// Time arithmetic for metric windows: delivery intervals, buckets and their overlaps.
import type { DeliveryInterval } from '../ads/types.ts';

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** Milliseconds of [from, to) covered by the intervals; an open interval runs until `now`. */
export function coveredMs(intervals: DeliveryInterval[], from: number, to: number, now: number): number {
  let total = 0;
  for (const interval of intervals) {
    const start = Math.max(interval.start, from);
    const end = Math.min(interval.end ?? now, to, now);
    if (end > start) {
      total += end - start;
    }
  }
  return total;
}

export type Granularity = 'hour' | 'day' | 'week';

const granularityMs: Record<Granularity, number> = { hour: hourMs, day: dayMs, week: 7 * dayMs };

/**
 * Splits [since, until) into buckets aligned to UTC hours, days or ISO weeks (Monday). The first and
 * last buckets are cut to the window, so the buckets tile it exactly.
 */
export function buckets(since: number, until: number, granularity: Granularity): { start: number; end: number }[] {
  const size = granularityMs[granularity];
  // 1970-01-01 was a Thursday, so ISO weeks start 4 days after an epoch multiple of a week.
  const offset = granularity === 'week' ? 4 * dayMs : 0;
  const result: { start: number; end: number }[] = [];

  let start = since;
  while (start < until) {
    const aligned = Math.floor((start - offset) / size) * size + offset;
    const end = Math.min(aligned + size, until);
    result.push({ start, end });
    start = end;
  }
  return result;
}

export function bucketCount(since: number, until: number, granularity: Granularity): number {
  return Math.ceil((until - since) / granularityMs[granularity]) + 1;
}
