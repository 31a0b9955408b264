// Deterministic paid performance. An ad (an ad group on Apple) spends at a steady rate while it and
// its parents are active. Every other counter follows from spend through per-ad ratios drawn from
// its id. Counters are cumulative and floored, so the buckets of a window always add up to its
// totals.
import type { MockContext } from '../../context.ts';
import { rangeHash } from '../metrics/hash.ts';
import { coveredMs, dayMs } from '../metrics/intervals.ts';
import { hasAds } from './platforms.ts';
import type { Ad, AdSet, Campaign, DeliveryInterval } from './types.ts';

export interface PaidCounters {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
  reach: number;
}

export const zeroCounters = (): PaidCounters => ({ spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0, reach: 0 });

/** Spend in cents (not floored) that the intervals accumulated before `at`. */
function spendBefore(intervals: DeliveryInterval[], at: number, now: number): number {
  let spend = 0;
  for (const interval of intervals) {
    spend += (coveredMs([interval], -Infinity, at, now) / dayMs) * interval.dailySpendCents;
  }
  return spend;
}

function countersAt(unitId: string, intervals: DeliveryInterval[], at: number, now: number): PaidCounters {
  const spend = spendBefore(intervals, at, now);
  const cpmCents = rangeHash(400, 1600, unitId, 'cpm');
  const impressions = (spend / cpmCents) * 1000;
  const clicks = impressions * rangeHash(0.004, 0.024, unitId, 'ctr');
  const conversions = clicks * rangeHash(0.02, 0.14, unitId, 'cvr');
  const revenue = conversions * rangeHash(200, 2000, unitId, 'order-value');
  const reach = impressions / rangeHash(1.1, 2, unitId, 'frequency');

  return {
    spend: Math.floor(spend),
    impressions: Math.floor(impressions),
    clicks: Math.floor(clicks),
    conversions: Math.floor(conversions),
    revenue: Math.floor(revenue),
    reach: Math.floor(reach),
  };
}

/** Counters of one delivery unit over [from, to). */
export function unitCounters(unitId: string, intervals: DeliveryInterval[], from: number, to: number, now: number): PaidCounters {
  const end = countersAt(unitId, intervals, to, now);
  const start = countersAt(unitId, intervals, from, now);
  return {
    spend: end.spend - start.spend,
    impressions: end.impressions - start.impressions,
    clicks: end.clicks - start.clicks,
    conversions: end.conversions - start.conversions,
    revenue: end.revenue - start.revenue,
    reach: end.reach - start.reach,
  };
}

export function addCounters(total: PaidCounters, part: PaidCounters): void {
  total.spend += part.spend;
  total.impressions += part.impressions;
  total.clicks += part.clicks;
  total.conversions += part.conversions;
  total.revenue += part.revenue;
  total.reach += part.reach;
}

export function isDelivering(campaign: Campaign, adset: AdSet, ad: Ad | null): boolean {
  return campaign.status === 'active' && adset.status === 'active' && (ad === null || ad.status === 'active');
}

function budgetPerDay(campaign: Campaign, adset: AdSet): number {
  if (campaign.budgetMode === 'ABO' && (adset.dailyBudgetCents !== null || adset.lifetimeBudgetCents !== null)) {
    return adset.dailyBudgetCents ?? Math.round((adset.lifetimeBudgetCents ?? 0) / 30);
  }
  if (campaign.dailyBudgetCents !== null) {
    return campaign.dailyBudgetCents;
  }
  const days = campaign.endTime === null ? 30 : Math.max(1, (campaign.endTime - campaign.startTime) / dayMs);
  return Math.round((campaign.lifetimeBudgetCents ?? 0) / days);
}

function closeOpen(intervals: DeliveryInterval[], at: number): void {
  const open = intervals.find((interval) => interval.end === null);
  if (open !== undefined) {
    open.end = at;
  }
}

function setRate(intervals: DeliveryInterval[], dailySpendCents: number | null, at: number): void {
  const open = intervals.find((interval) => interval.end === null);
  if (open !== undefined && open.dailySpendCents === dailySpendCents) {
    return;
  }
  closeOpen(intervals, at);
  if (dailySpendCents !== null && dailySpendCents > 0) {
    intervals.push({ start: at, end: null, dailySpendCents });
  }
}

/**
 * Re-derives the spend rate of every delivery unit of a campaign after a status or budget change.
 * Each unit paces at 55–95 % of its share of the budget.
 */
export function refreshDelivery(mock: MockContext, campaign: Campaign, at: number): void {
  const adsets = [...mock.store.adSets.values()].filter((adset) => adset.campaignId === campaign.id);

  for (const adset of adsets) {
    if (!hasAds(campaign.platform)) {
      const deliveringSets = adsets.filter((candidate) => isDelivering(campaign, candidate, null));
      const share = campaign.budgetMode === 'ABO' ? 1 : Math.max(1, deliveringSets.length);
      const rate = isDelivering(campaign, adset, null) ? Math.round((budgetPerDay(campaign, adset) / share) * rangeHash(0.55, 0.95, adset.id, 'pacing')) : null;
      setRate(adset.delivery, rate, at);
      continue;
    }

    const ads = [...mock.store.ads.values()].filter((ad) => ad.adsetId === adset.id);
    // A CBO budget is shared by every delivering ad of the campaign, an ABO one by the ad set's.
    const pool = campaign.budgetMode === 'ABO' ? ads : [...mock.store.ads.values()].filter((ad) => ad.campaignId === campaign.id);
    const siblings = pool.filter((ad) => {
      const parent = mock.store.adSets.get(ad.adsetId);
      return parent !== undefined && isDelivering(campaign, parent, ad);
    }).length;
    for (const ad of ads) {
      const rate = isDelivering(campaign, adset, ad) ? Math.round((budgetPerDay(campaign, adset) / Math.max(1, siblings)) * rangeHash(0.55, 0.95, ad.id, 'pacing')) : null;
      setRate(ad.delivery, rate, at);
    }
  }
}

export type Classification = 'TOO_YOUNG' | 'LEARNING_PHASE' | 'TOP_PERFORMER' | 'HEALTHY' | 'UNDERPERFORMING' | 'FATIGUED' | 'CRITICAL';

export const pauseCandidates: Classification[] = ['UNDERPERFORMING', 'FATIGUED', 'CRITICAL'];

/**
 * Classifies an ad for the optimizer. It is too young under 3 days, learning under 1,000
 * impressions, and critical after $50 spent with no conversion in 7 days. Otherwise a 0–100 score
 * from ROAS decides: top performer at 80, healthy at 50. Below that it is fatigued when its oldest
 * creative is over 14 days old, and underperforming when not.
 */
export function classify(ad: Ad, now: number): { classification: Classification; score: number } {
  const lifetime = unitCounters(ad.id, ad.delivery, ad.createdAt, now, now);
  const lastWeek = unitCounters(ad.id, ad.delivery, now - 7 * dayMs, now, now);
  const roas = lifetime.spend === 0 ? 0 : lifetime.revenue / lifetime.spend;
  const score = Math.min(100, Math.round(roas * 50));

  if (now - ad.createdAt < 3 * dayMs) {
    return { classification: 'TOO_YOUNG', score };
  }
  if (lifetime.impressions < 1000) {
    return { classification: 'LEARNING_PHASE', score };
  }
  if (lifetime.spend > 5000 && lastWeek.conversions === 0) {
    return { classification: 'CRITICAL', score };
  }
  if (score >= 80) {
    return { classification: 'TOP_PERFORMER', score };
  }
  if (score >= 50) {
    return { classification: 'HEALTHY', score };
  }
  const oldest = ad.creatives[0]?.addedAt ?? ad.createdAt;
  return { classification: now - oldest > 14 * dayMs ? 'FATIGUED' : 'UNDERPERFORMING', score };
}
