// Paid performance for ads-metrics: the delivery units in scope (ads, or ad groups on Apple),
// summed per bucket. Money (spend, cpa, cpc, cpm) is integer cents; ratios are rounded to four
// decimals. A ratio whose denominator is zero is null.
import type { MockContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project } from '../../state/types.ts';
import { addCounters, unitCounters, zeroCounters, type PaidCounters } from '../ads/performance.ts';
import type { AdsPlatform, DeliveryInterval } from '../ads/types.ts';
import { buckets, type Granularity } from './intervals.ts';

export const paidMetricNames = ['spend', 'impressions', 'clicks', 'conversions', 'cpa', 'cpc', 'cpm', 'ctr', 'roas', 'reach', 'frequency'];

interface Unit {
  id: string;
  delivery: DeliveryInterval[];
}

export function unitsInScope(mock: MockContext, project: Project, scope: string, rawId: string, platforms: Set<AdsPlatform> | undefined): Unit[] {
  const store = mock.store;
  const all: (Unit & { platform: AdsPlatform; adId: string | null; adsetId: string; campaignId: string; adAccountId: string })[] = [];
  for (const adset of store.adSets.values()) {
    if (adset.projectId !== project.id) continue;
    if (adset.platform === 'apple') {
      all.push({ id: adset.id, delivery: adset.delivery, platform: adset.platform, adId: null, adsetId: adset.id, campaignId: adset.campaignId, adAccountId: adset.adAccountId });
    }
  }
  for (const ad of store.ads.values()) {
    if (ad.projectId !== project.id) continue;
    all.push({ id: ad.id, delivery: ad.delivery, platform: ad.platform, adId: ad.id, adsetId: ad.adsetId, campaignId: ad.campaignId, adAccountId: ad.adAccountId });
  }

  const pick = (matches: (unit: (typeof all)[number]) => boolean, resource: string, id: string, exists: boolean) => {
    if (!exists) {
      throw notFound(resource, id);
    }
    return all.filter(matches);
  };

  if (scope === 'ad') {
    const id = normalizeUuidId(rawId, 'ad') ?? rawId;
    const ad = store.ads.get(id);
    return pick((unit) => unit.adId === id, 'Ad', id, ad !== undefined && ad.projectId === project.id);
  }
  if (scope === 'adset') {
    const id = normalizeUuidId(rawId, 'adg') ?? rawId;
    const adset = store.adSets.get(id);
    return pick((unit) => unit.adsetId === id, 'Ad set', id, adset !== undefined && adset.projectId === project.id);
  }
  if (scope === 'campaign') {
    const id = normalizeUuidId(rawId, 'cmp') ?? rawId;
    const campaign = store.campaigns.get(id);
    return pick((unit) => unit.campaignId === id, 'Campaign', id, campaign !== undefined && campaign.projectId === project.id);
  }
  if (scope === 'ad_account') {
    const id = rawId.toLowerCase();
    const account = store.adAccounts.get(id);
    return pick((unit) => unit.adAccountId === id && (platforms === undefined || platforms.has(unit.platform)), 'Ad account', id, account !== undefined && account.projectId === project.id);
  }
  const id = normalizeUuidId(rawId, 'prj') ?? rawId;
  return pick((unit) => platforms === undefined || platforms.has(unit.platform), 'Project', id, id === project.id);
}

function ratio(numerator: number, denominator: number, scale = 1): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * scale * 10_000) / 10_000;
}

function money(numerator: number, denominator: number, scale = 1): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * scale);
}

function paidValues(metrics: string[], counters: PaidCounters): Record<string, number | null> {
  const all: Record<string, number | null> = {
    spend: counters.spend,
    impressions: counters.impressions,
    clicks: counters.clicks,
    conversions: counters.conversions,
    reach: counters.reach,
    cpa: money(counters.spend, counters.conversions),
    cpc: money(counters.spend, counters.clicks),
    cpm: money(counters.spend, counters.impressions, 1000),
    ctr: ratio(counters.clicks, counters.impressions),
    roas: ratio(counters.revenue, counters.spend),
    frequency: ratio(counters.impressions, counters.reach),
  };
  return Object.fromEntries(metrics.map((metric) => [metric, all[metric] ?? null]));
}

export function paidSeries(units: Unit[], metrics: string[], since: number, until: number, granularity: Granularity, now: number, overlapDefect = false) {
  const total = zeroCounters();
  const series = buckets(since, until, granularity).map((bucket) => {
    const counters = zeroCounters();
    // The defect lets each bucket run an hour into the next, so buckets no longer add up.
    const end = overlapDefect ? Math.min(bucket.end + 3_600_000, until) : bucket.end;
    for (const unit of units) {
      addCounters(counters, unitCounters(unit.id, unit.delivery, bucket.start, end, now));
    }
    addCounters(total, overlapDefect ? totalsOf(units, bucket.start, bucket.end, now) : counters);
    return { start: new Date(bucket.start).toISOString(), end: new Date(bucket.end).toISOString(), values: paidValues(metrics, counters) };
  });
  return { series, totals: paidValues(metrics, total) };
}

export function totalsOf(units: Unit[], from: number, to: number, now: number): PaidCounters {
  const total = zeroCounters();
  for (const unit of units) {
    addCounters(total, unitCounters(unit.id, unit.delivery, from, to, now));
  }
  return total;
}
