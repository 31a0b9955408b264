// Top performers over a 7, 30 or 90 day window. Organic metrics (views, engagement_rate,
// watch_time_ms) rank published posts and the containers behind them; paid metrics (conversions,
// roas) rank containers by the ads that run them. A row under the noise floor (fewer than 50
// views for organic rows, under $5 = 500 cents of spend for paid rows) is ineligible and left out
// unless includeIneligible is set.
import type { MockContext } from '../../context.ts';
import type { Project } from '../../state/types.ts';
import { containerRepresentation } from '../content/representation.ts';
import { addCounters, unitCounters, zeroCounters } from '../ads/performance.ts';
import { platformToken } from '../ads/platforms.ts';
import { dayMs } from './intervals.ts';
import { addOrganic, engagementRate, postCounters, publishedPosts, zeroOrganic, type OrganicCounters } from './posts.ts';

export const organicNoiseFloorViews = 50;
export const paidNoiseFloorCents = 500;

interface Row {
  sourceType: 'content_container' | 'platform_post' | 'manual';
  sourceId: string;
  containerId: string | null;
  platform: string | null;
  value: number;
  eligible: boolean;
}

function organicValue(metric: string, counters: OrganicCounters): number {
  if (metric === 'engagement_rate') return engagementRate(counters);
  if (metric === 'watch_time_ms') return counters.watch_time_ms;
  return counters.views;
}

export function topPerformers(mock: MockContext, project: Project, query: Record<string, any>, now: number): Record<string, unknown>[] {
  const metric = String(query.metric);
  const windowDays = Number.parseInt(String(query.window ?? '30d'), 10);
  const from = now - windowDays * dayMs;
  const sourceTypes: string[] | undefined = query.sourceType;
  const platforms: string[] | undefined = query.platform;
  const rows: Row[] = [];

  const sourceTypeOf = (containerId: string | null): Row['sourceType'] =>
    containerId !== null && mock.store.containers.get(containerId)?.creativeType === 'uploaded' ? 'manual' : 'content_container';

  if (metric === 'views' || metric === 'engagement_rate' || metric === 'watch_time_ms') {
    const byContainer = new Map<string, { counters: OrganicCounters; platforms: Set<string> }>();
    for (const post of publishedPosts(mock, project.organizationId)) {
      if (post.projectId !== project.id || (platforms !== undefined && !platforms.includes(post.platform ?? ''))) {
        continue;
      }
      const counters = postCounters(post, from, now, now);
      rows.push({ sourceType: 'platform_post', sourceId: post.postId, containerId: post.containerId, platform: post.platform, value: organicValue(metric, counters), eligible: counters.views >= organicNoiseFloorViews });
      if (post.containerId !== null) {
        const entry = byContainer.get(post.containerId) ?? { counters: zeroOrganic(), platforms: new Set<string>() };
        addOrganic(entry.counters, counters);
        entry.platforms.add(post.platform ?? '');
        byContainer.set(post.containerId, entry);
      }
    }
    for (const [containerId, entry] of byContainer) {
      rows.push({ sourceType: sourceTypeOf(containerId), sourceId: containerId, containerId, platform: entry.platforms.size === 1 ? [...entry.platforms][0] || null : null, value: organicValue(metric, entry.counters), eligible: entry.counters.views >= organicNoiseFloorViews });
    }
  } else {
    const byContainer = new Map<string, { counters: ReturnType<typeof zeroCounters>; platforms: Set<string> }>();
    for (const ad of mock.store.ads.values()) {
      const token = platformToken(ad.platform);
      if (ad.projectId !== project.id || (platforms !== undefined && !platforms.includes(token))) {
        continue;
      }
      const counters = unitCounters(ad.id, ad.delivery, from, now, now);
      for (const creative of ad.creatives) {
        const containerId = mock.store.adsContent.get(creative.adsContentId)?.containerId;
        if (containerId === undefined) continue;
        const entry = byContainer.get(containerId) ?? { counters: zeroCounters(), platforms: new Set<string>() };
        // An ad's delivery is split evenly across the creatives it rotates.
        const share = ad.creatives.length;
        addCounters(entry.counters, { spend: counters.spend / share, impressions: counters.impressions / share, clicks: counters.clicks / share, conversions: counters.conversions / share, revenue: counters.revenue / share, reach: counters.reach / share });
        entry.platforms.add(token);
        byContainer.set(containerId, entry);
      }
    }
    for (const [containerId, entry] of byContainer) {
      const counters = entry.counters;
      let value = 0;
      if (metric === 'conversions') {
        value = Math.floor(counters.conversions);
      } else if (counters.spend > 0) {
        value = Math.round((counters.revenue / counters.spend) * 10_000) / 10_000;
      }
      rows.push({ sourceType: sourceTypeOf(containerId), sourceId: containerId, containerId, platform: entry.platforms.size === 1 ? ([...entry.platforms][0] ?? null) : null, value, eligible: counters.spend >= paidNoiseFloorCents });
    }
  }

  const ranked = rows
    .filter((row) => (sourceTypes === undefined || sourceTypes.includes(row.sourceType)) && (row.eligible || query.includeIneligible === true))
    .sort((left, right) => right.value - left.value || (left.sourceId < right.sourceId ? -1 : 1))
    .slice(0, query.limit ?? 25);

  return ranked.map((row, index) => {
    const container = row.containerId === null ? undefined : mock.store.containers.get(row.containerId);
    return {
      rank: index + 1,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      containerId: row.containerId,
      platform: row.platform,
      metric,
      value: row.value,
      eligible: row.eligible,
      preview: container === undefined ? null : (containerRepresentation(container).preview ?? null),
    };
  });
}
