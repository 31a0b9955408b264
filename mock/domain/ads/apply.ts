// Applying an ads write to the mock's platform state. A write is applied at once when its axis is
// on auto, or later when an approved pending action is dispatched. By then the entity may be gone,
// so every applier looks its records up again and reports a failure instead of throwing.
import type { MockContext } from '../../context.ts';
import { refreshDelivery } from './performance.ts';
import { platformCurrency } from './platforms.ts';
import { submitReview } from './reviews.ts';
import { createCampaignStructure, type CampaignInput } from './structure.ts';
import type { ActorRef, Ad, AdSet, AdsPlatform, AppleKeyword, Campaign } from './types.ts';

export interface WriteDescriptor {
  operation: string;
  projectId: string;
  platform: AdsPlatform;
  params: Record<string, string>;
  body: Record<string, any>;
}

export type ApplyOutcome = { ok: true; platformResponse: Record<string, unknown> } | { ok: false; reason: string };

type Applier = (mock: MockContext, write: WriteDescriptor, at: number, actor: ActorRef) => ApplyOutcome;

const gone = (what: string, id: string | undefined): ApplyOutcome => ({ ok: false, reason: `${what} ${id ?? ''} no longer exists or was deleted.` });

/** Converts cents to the platform's unit: Meta cents, TikTok currency units, Apple {amount, currency}. */
export function platformBudget(platform: AdsPlatform, cents: number): unknown {
  if (platform === 'meta') {
    return cents;
  }
  if (platform === 'tiktok') {
    return cents / 100;
  }
  return { amount: (cents / 100).toFixed(2), currency: platformCurrency.apple };
}

function liveCampaign(mock: MockContext, id: string | undefined): Campaign | undefined {
  const campaign = id === undefined ? undefined : mock.store.campaigns.get(id);
  return campaign === undefined || campaign.status === 'deleted' ? undefined : campaign;
}

function liveAdSet(mock: MockContext, id: string | undefined): { adset: AdSet; campaign: Campaign } | undefined {
  const adset = id === undefined ? undefined : mock.store.adSets.get(id);
  const campaign = liveCampaign(mock, adset?.campaignId);
  return adset === undefined || adset.status === 'deleted' || campaign === undefined ? undefined : { adset, campaign };
}

function liveAd(mock: MockContext, id: string | undefined): { ad: Ad; campaign: Campaign } | undefined {
  const ad = id === undefined ? undefined : mock.store.ads.get(id);
  const parent = liveAdSet(mock, ad?.adsetId);
  return ad === undefined || ad.status === 'deleted' || parent === undefined ? undefined : { ad, campaign: parent.campaign };
}

function setBudget(target: { dailyBudgetCents: number | null; lifetimeBudgetCents: number | null }, body: Record<string, any>): void {
  if (body.dailyBudgetCents !== undefined) {
    target.dailyBudgetCents = body.dailyBudgetCents;
  }
  if (body.lifetimeBudgetCents !== undefined) {
    target.lifetimeBudgetCents = body.lifetimeBudgetCents;
  }
}

function budgetResponse(platform: AdsPlatform, body: Record<string, any>): Record<string, unknown> {
  const cents = (body.dailyBudgetCents ?? body.lifetimeBudgetCents) as number;
  return { budgetType: body.dailyBudgetCents !== undefined ? 'daily' : 'lifetime', budgetCents: cents, platformBudget: platformBudget(platform, cents) };
}

const statusVerbs: Record<string, { from: string[]; to: 'active' | 'paused' | 'deleted' }> = {
  pause: { from: ['active', 'paused'], to: 'paused' },
  resume: { from: ['paused', 'active'], to: 'active' },
  delete: { from: ['active', 'paused', 'in_review', 'rejected', 'archived'], to: 'deleted' },
};

// The platform's own status words for the verb, as the write surface translates them.
const platformStatusWords: Record<AdsPlatform, Record<string, string>> = {
  meta: { paused: 'PAUSED', active: 'ACTIVE', deleted: 'DELETED' },
  tiktok: { paused: 'DISABLE', active: 'ENABLE', deleted: 'DELETE' },
  apple: { paused: 'PAUSED', active: 'ENABLED', deleted: 'REMOVED' },
};

function changeStatus(mock: MockContext, entity: { status: string; updatedAt: number }, campaign: Campaign, verb: string, at: number): ApplyOutcome {
  const rule = statusVerbs[verb] as (typeof statusVerbs)[string];
  if (!rule.from.includes(entity.status)) {
    return { ok: false, reason: `cannot ${verb} an entity in status ${entity.status}.` };
  }
  entity.status = rule.to;
  entity.updatedAt = at;
  refreshDelivery(mock, campaign, at);
  return { ok: true, platformResponse: { status: rule.to, platformStatus: platformStatusWords[campaign.platform][rule.to] } };
}

const appliers: Record<string, Applier> = {
  createAdCampaign(mock, write, at, actor) {
    const project = mock.store.projects.get(write.projectId);
    if (project === undefined || project.status !== 'active') {
      return gone('Project', write.projectId);
    }
    const campaign = createCampaignStructure(mock, project, write.platform, write.body as CampaignInput, at);
    campaign.authorityModifiedBy = actor;
    const adsetIds = [...mock.store.adSets.values()].filter((adset) => adset.campaignId === campaign.id).map((adset) => adset.id);
    const adIds = [...mock.store.ads.values()].filter((ad) => ad.campaignId === campaign.id).map((ad) => ad.id);
    return { ok: true, platformResponse: { campaignId: campaign.id, externalId: campaign.externalId, adsetIds, adIds } };
  },

  patchCampaignBudget(mock, write, at) {
    const campaign = liveCampaign(mock, write.params.campaignId);
    if (campaign === undefined) {
      return gone('Campaign', write.params.campaignId);
    }
    setBudget(campaign, write.body);
    campaign.updatedAt = at;
    refreshDelivery(mock, campaign, at);
    return { ok: true, platformResponse: budgetResponse(campaign.platform, write.body) };
  },

  patchAdsetBudget(mock, write, at) {
    const found = liveAdSet(mock, write.params.adsetId);
    if (found === undefined) {
      return gone('Ad set', write.params.adsetId);
    }
    setBudget(found.adset, write.body);
    found.adset.updatedAt = at;
    refreshDelivery(mock, found.campaign, at);
    return { ok: true, platformResponse: budgetResponse(found.campaign.platform, write.body) };
  },

  patchAdsetTargeting(mock, write, at) {
    const found = liveAdSet(mock, write.params.adsetId);
    if (found === undefined) {
      return gone('Ad set', write.params.adsetId);
    }
    const targeting = found.adset.targeting;
    const body = write.body;
    if (body.geo !== undefined) targeting.geo = body.geo;
    if (body.age !== undefined) targeting.age = { ...targeting.age, ...body.age };
    if (body.genders !== undefined) targeting.genders = body.genders;
    if (body.customAudiences !== undefined) targeting.customAudiences = body.customAudiences;
    if (body.placements !== undefined) targeting.placements = body.placements;
    found.adset.updatedAt = at;
    return { ok: true, platformResponse: { targeting: structuredClone(targeting) } };
  },

  patchAdsetSchedule(mock, write, at) {
    const found = liveAdSet(mock, write.params.adsetId);
    if (found === undefined) {
      return gone('Ad set', write.params.adsetId);
    }
    const schedule = found.adset.schedule;
    if (write.body.startTime !== undefined) schedule.startTime = Date.parse(write.body.startTime);
    if (write.body.endTime !== undefined) schedule.endTime = Date.parse(write.body.endTime);
    if (write.body.dayparts !== undefined) schedule.dayparts = write.body.dayparts;
    found.adset.updatedAt = at;
    return { ok: true, platformResponse: { dayparts: schedule.dayparts.length } };
  },

  pushCreative(mock, write, at) {
    const found = liveAd(mock, write.params.adId);
    if (found === undefined) {
      return gone('Ad', write.params.adId);
    }
    if (found.ad.creatives.some((creative) => creative.adsContentId === write.body.adsContentId)) {
      return { ok: false, reason: `ads content ${write.body.adsContentId} already runs on ad ${found.ad.id}.` };
    }
    found.ad.creatives.push({ adsContentId: write.body.adsContentId, caption: write.body.caption ?? null, addedAt: at });
    found.ad.updatedAt = at;
    const review = submitReview(mock, found.ad, write.body.adsContentId, at);
    return { ok: true, platformResponse: { adId: found.ad.id, creatives: found.ad.creatives.length, reviewId: review.id } };
  },

  replaceCreative(mock, write, at) {
    const found = liveAd(mock, write.params.adId);
    if (found === undefined) {
      return gone('Ad', write.params.adId);
    }
    const replaced = write.body.replacesAdsContentId ?? found.ad.creatives[0]?.adsContentId;
    const index = found.ad.creatives.findIndex((creative) => creative.adsContentId === replaced);
    if (index === -1) {
      return { ok: false, reason: `ads content ${replaced} no longer runs on ad ${found.ad.id}.` };
    }
    found.ad.creatives.splice(index, 1, { adsContentId: write.body.adsContentId, caption: write.body.caption ?? null, addedAt: at });
    found.ad.updatedAt = at;
    const review = submitReview(mock, found.ad, write.body.adsContentId, at);
    return { ok: true, platformResponse: { adId: found.ad.id, replacedAdsContentId: replaced, reviewId: review.id } };
  },

  pruneCreative(mock, write, at) {
    const found = liveAd(mock, write.params.adId);
    if (found === undefined) {
      return gone('Ad', write.params.adId);
    }
    const index = found.ad.creatives.findIndex((creative) => creative.adsContentId === write.body.adsContentId);
    if (index === -1 || found.ad.creatives.length === 1) {
      return { ok: false, reason: `ads content ${write.body.adsContentId} cannot be pruned from ad ${found.ad.id}.` };
    }
    found.ad.creatives.splice(index, 1);
    found.ad.updatedAt = at;
    return { ok: true, platformResponse: { adId: found.ad.id, creatives: found.ad.creatives.length } };
  },

  addAppleKeywords(mock, write, at) {
    const found = liveAdSet(mock, write.params.adgroupId);
    if (found === undefined) {
      return gone('Ad group', write.params.adgroupId);
    }
    const existing = new Set(keywordsOf(mock, found.adset.id).map((keyword) => `${keyword.matchType}|${keyword.text.toLowerCase()}`));
    const results = (write.body.keywords as { text: string; matchType: 'exact' | 'broad'; bidAmountCents: number; status?: 'active' | 'paused' }[]).map((input) => {
      const signature = `${input.matchType}|${input.text.toLowerCase()}`;
      if (existing.has(signature)) {
        return { keywordId: null, text: input.text, status: 'rejected', reason: 'DUPLICATE_KEYWORD' };
      }
      existing.add(signature);
      const keyword: AppleKeyword = {
        id: mock.ids.prefixedUuid('kw'),
        organizationId: found.adset.organizationId,
        projectId: found.adset.projectId,
        adgroupId: found.adset.id,
        text: input.text,
        matchType: input.matchType,
        bidAmountCents: input.bidAmountCents,
        status: input.status ?? 'active',
        createdAt: at,
        updatedAt: at,
      };
      mock.store.appleKeywords.set(keyword.id, keyword);
      return { keywordId: keyword.id, text: keyword.text, status: 'added', reason: null };
    });
    return { ok: true, platformResponse: { results } };
  },

  updateAppleKeywords(mock, write, at) {
    const found = liveAdSet(mock, write.params.adgroupId);
    if (found === undefined) {
      return gone('Ad group', write.params.adgroupId);
    }
    const results = (write.body.keywords as { keywordId: string; bidAmountCents?: number; status?: 'active' | 'paused' }[]).map((input) => {
      const keyword = mock.store.appleKeywords.get(input.keywordId);
      if (keyword === undefined || keyword.adgroupId !== found.adset.id || keyword.status === 'deleted') {
        return { keywordId: input.keywordId, text: null, status: 'rejected', reason: 'KEYWORD_NOT_FOUND' };
      }
      if (input.bidAmountCents !== undefined) keyword.bidAmountCents = input.bidAmountCents;
      if (input.status !== undefined) keyword.status = input.status;
      keyword.updatedAt = at;
      return { keywordId: keyword.id, text: keyword.text, status: 'updated', reason: null };
    });
    return { ok: true, platformResponse: { results } };
  },

  deleteAppleKeywords(mock, write, at) {
    const found = liveAdSet(mock, write.params.adgroupId);
    if (found === undefined) {
      return gone('Ad group', write.params.adgroupId);
    }
    const results = (write.body.keywordIds as string[]).map((keywordId) => {
      const keyword = mock.store.appleKeywords.get(keywordId);
      if (keyword === undefined || keyword.adgroupId !== found.adset.id || keyword.status === 'deleted') {
        return { keywordId, text: null, status: 'rejected', reason: 'KEYWORD_NOT_FOUND' };
      }
      keyword.status = 'deleted';
      keyword.updatedAt = at;
      return { keywordId, text: keyword.text, status: 'deleted', reason: null };
    });
    return { ok: true, platformResponse: { results } };
  },
};

// pauseCampaign, resumeAdset, deleteAd and the other lifecycle verbs share one rule.
for (const verb of ['pause', 'resume', 'delete'] as const) {
  appliers[`${verb}Campaign`] = (mock, write, at) => {
    const campaign = mock.store.campaigns.get(write.params.campaignId ?? '');
    if (campaign === undefined || campaign.status === 'deleted') {
      return gone('Campaign', write.params.campaignId);
    }
    return changeStatus(mock, campaign, campaign, verb, at);
  };
  appliers[`${verb}Adset`] = (mock, write, at) => {
    const found = liveAdSet(mock, write.params.adsetId);
    return found === undefined ? gone('Ad set', write.params.adsetId) : changeStatus(mock, found.adset, found.campaign, verb, at);
  };
  appliers[`${verb}Ad`] = (mock, write, at) => {
    const found = liveAd(mock, write.params.adId);
    return found === undefined ? gone('Ad', write.params.adId) : changeStatus(mock, found.ad, found.campaign, verb, at);
  };
}

export function keywordsOf(mock: MockContext, adgroupId: string): AppleKeyword[] {
  return [...mock.store.appleKeywords.values()].filter((keyword) => keyword.adgroupId === adgroupId && keyword.status !== 'deleted');
}

export function applyWrite(mock: MockContext, write: WriteDescriptor, at: number, actor: ActorRef): ApplyOutcome {
  const applier = appliers[write.operation];
  if (applier === undefined) {
    throw new Error(`No ads write applier is registered for ${write.operation}.`);
  }
  return applier(mock, write, at, actor);
}
