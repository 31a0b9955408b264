// Ads records as the API shows them. Read rows name platforms as meta_ads, tiktok_ads and
// apple_ads; money is integer cents.
import type { MockContext } from '../../context.ts';
import { dayMs } from '../metrics/intervals.ts';
import { addCounters, unitCounters, zeroCounters } from './performance.ts';
import { platformToken } from './platforms.ts';
import type { ActorRef, Ad, AdAccount, AdReview, AdSet, AdsLayer, AdsRun, Authority, Campaign, PendingAction } from './types.ts';

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

export function effectiveAuthority(mock: MockContext, campaign: Campaign): { authority: Authority; source: 'per_campaign' | 'layer_defaults' } {
  if (campaign.authority !== null) {
    return { authority: campaign.authority, source: 'per_campaign' };
  }
  for (const layer of mock.store.adsLayers.values()) {
    if (layer.projectId === campaign.projectId && layer.platform === campaign.platform) {
      return { authority: layer.defaults, source: 'layer_defaults' };
    }
  }
  throw new Error(`Campaign ${campaign.id} has no ads layer.`);
}

export function actorView(actor: ActorRef | null): Record<string, unknown> | null {
  return actor === null ? null : { actorType: actor.actorType, actorOrganizationId: actor.actorOrganizationId, actorApiKeyId: actor.actorApiKeyId };
}

export function adAccountView(account: AdAccount): Record<string, unknown> {
  return {
    adAccountId: account.id,
    platform: platformToken(account.platform),
    externalId: account.externalId,
    name: account.name,
    currency: account.currency,
    timezone: account.timezone,
    tokenStatus: account.tokenStatus,
    tokenLastValidatedAt: iso(account.tokenLastValidatedAt),
    connectedAt: iso(account.connectedAt),
  };
}

export function campaignSpend(mock: MockContext, campaign: Campaign, now: number): number {
  const total = zeroCounters();
  const from = now - 7 * dayMs;
  if (campaign.platform === 'apple') {
    for (const adset of mock.store.adSets.values()) {
      if (adset.campaignId === campaign.id) {
        addCounters(total, unitCounters(adset.id, adset.delivery, from, now, now));
      }
    }
  } else {
    for (const ad of mock.store.ads.values()) {
      if (ad.campaignId === campaign.id) {
        addCounters(total, unitCounters(ad.id, ad.delivery, from, now, now));
      }
    }
  }
  return total.spend;
}

export function campaignView(mock: MockContext, campaign: Campaign, now: number): Record<string, unknown> {
  const { authority, source } = effectiveAuthority(mock, campaign);
  return {
    campaignId: campaign.id,
    platform: platformToken(campaign.platform),
    adAccountId: campaign.adAccountId,
    externalId: campaign.externalId,
    name: campaign.name,
    objective: campaign.outcome,
    status: campaign.status,
    budgetMode: campaign.budgetMode,
    dailyBudgetCents: campaign.dailyBudgetCents,
    lifetimeBudgetCents: campaign.lifetimeBudgetCents,
    bidStrategy: campaign.bidStrategy,
    startTime: iso(campaign.startTime),
    endTime: iso(campaign.endTime),
    authority,
    authoritySource: source,
    spendLast7dCents: campaignSpend(mock, campaign, now),
    // The docs state the snapshot is always empty on this list.
    metricsSnapshot7d: {},
    createdAt: iso(campaign.createdAt),
    updatedAt: iso(campaign.updatedAt),
  };
}

function targetingSummary(adset: AdSet): string {
  const targeting = adset.targeting;
  const geo = targeting.geo.length === 0 ? 'worldwide' : targeting.geo.join(', ');
  return `${geo}; ages ${targeting.age.min}–${targeting.age.max}; ${targeting.genders}`;
}

export function adSetView(adset: AdSet): Record<string, unknown> {
  return {
    adsetId: adset.id,
    campaignId: adset.campaignId,
    platform: platformToken(adset.platform),
    adAccountId: adset.adAccountId,
    externalId: adset.externalId,
    name: adset.name,
    status: adset.status,
    optimizationGoal: adset.optimizationGoal,
    dailyBudgetCents: adset.dailyBudgetCents,
    lifetimeBudgetCents: adset.lifetimeBudgetCents,
    targeting: adset.targeting,
    targetingSummary: targetingSummary(adset),
    schedule: { startTime: iso(adset.schedule.startTime), endTime: iso(adset.schedule.endTime), dayparts: adset.schedule.dayparts },
    createdAt: iso(adset.createdAt),
    updatedAt: iso(adset.updatedAt),
  };
}

export function adView(ad: Ad): Record<string, unknown> {
  return {
    adId: ad.id,
    adsetId: ad.adsetId,
    campaignId: ad.campaignId,
    platform: platformToken(ad.platform),
    adAccountId: ad.adAccountId,
    externalId: ad.externalId,
    name: ad.name,
    status: ad.status,
    adsContentId: ad.creatives[0]?.adsContentId ?? null,
    creatives: ad.creatives.map((creative) => ({ adsContentId: creative.adsContentId, caption: creative.caption, addedAt: iso(creative.addedAt) })),
    createdAt: iso(ad.createdAt),
    updatedAt: iso(ad.updatedAt),
  };
}

export function pendingView(pending: PendingAction): Record<string, unknown> {
  return {
    pendingId: pending.id,
    actionType: pending.actionType,
    entityType: pending.entityType,
    entityId: pending.entityId,
    entityName: pending.entityName,
    platform: platformToken(pending.platform),
    currentValue: pending.currentValue,
    newValue: pending.newValue,
    rationale: pending.rationale,
    proposedAction: { operation: pending.write.operation, detail: pending.write.body },
    status: pending.status,
    verdictId: pending.verdictId,
    actor: actorView(pending.actor),
    createdAt: iso(pending.createdAt),
    expiresAt: iso(pending.expiresAt),
    decidedAt: iso(pending.decidedAt),
    dispatchedAt: iso(pending.dispatchedAt),
    dispatchFailureReason: pending.dispatchFailureReason,
  };
}

export function reviewView(review: AdReview): Record<string, unknown> {
  return {
    reviewId: review.id,
    adId: review.adId,
    adsContentId: review.adsContentId,
    platform: platformToken(review.platform),
    status: review.status,
    platformReason: review.platformReason,
    submittedAt: iso(review.submittedAt),
    decidedAt: iso(review.decidedAt),
  };
}

export function defaultsView(layer: AdsLayer): Record<string, unknown> {
  return {
    layerId: layer.id,
    platform: platformToken(layer.platform),
    defaults: layer.defaults,
    killSwitchActive: layer.killSwitchActive,
    lastModifiedAt: iso(layer.lastModifiedAt),
    lastModifiedBy: actorView(layer.lastModifiedBy),
  };
}

export function authorityView(mock: MockContext, campaign: Campaign): Record<string, unknown> {
  const { authority, source } = effectiveAuthority(mock, campaign);
  return {
    campaignId: campaign.id,
    platform: platformToken(campaign.platform),
    authority,
    source,
    lastModifiedAt: iso(campaign.authorityModifiedAt ?? campaign.createdAt),
    lastModifiedBy: actorView(campaign.authorityModifiedBy),
  };
}

export function runView(run: AdsRun): Record<string, unknown> {
  return {
    runId: run.id,
    kind: run.kind,
    jobId: run.jobId,
    layerId: run.layerId,
    platform: platformToken(run.platform),
    dryRun: run.dryRun,
    status: run.status,
    actions: run.actions,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}
