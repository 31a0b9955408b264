// Examples for metrics, recommendations, ads and the audit log. They share one project with
// eligible content, connected Meta, TikTok and Apple ad accounts and an autopilot campaign per
// platform. Operations that delete or decide get fresh resources.
import { randomUUID } from 'node:crypto';

import { expectStatus } from '../lib/assert.ts';
import { connectAdAccounts, createCampaign, eligibleAdsContent, uploadAdsContent, type AdsPlatform } from '../lib/ads-flows.ts';
import { createProject } from '../lib/flows.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

interface AdsWorld {
  projectId: string;
  organizationId: string;
  accounts: Record<AdsPlatform, string>;
  contentIds: string[];
  campaigns: Record<AdsPlatform, any>;
  layers: Record<AdsPlatform, string>;
}

async function buildAdsWorld(context: ExampleContext): Promise<AdsWorld> {
  const target = context.target;
  const project = (await createProject(target)).response.body;
  const contentIds = [await eligibleAdsContent(target, project.id, 'First creative'), await eligibleAdsContent(target, project.id, 'Second creative')];
  const accounts = await connectAdAccounts(context, project.id);

  const campaigns = {} as Record<AdsPlatform, any>;
  const layers = {} as Record<AdsPlatform, string>;
  for (const platform of ['meta', 'tiktok', 'apple'] as const) {
    campaigns[platform] = await createCampaign(target, project.id, platform, accounts[platform]);
    const defaults = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/ads/${platform}/defaults` });
    expectStatus(defaults, 200, 'GET …/ads/{platform}/defaults');
    layers[platform] = defaults.response.body.layerId;
  }

  const whoami = await target.call({ method: 'GET', path: '/v1/whoami' });
  return { projectId: project.id, organizationId: whoami.response.body.organizationId, accounts, contentIds, campaigns, layers };
}

/** Creates a Meta campaign in draft mode with one pending budget change. */
async function buildPendingAction(context: ExampleContext): Promise<{ world: AdsWorld; pendingId: string }> {
  const world = await context.resource<AdsWorld>('adsWorld');
  const campaign = await createCampaign(context.target, world.projectId, 'meta', world.accounts.meta, { campaignManagementMode: 'draft', creativeMode: 'draft' });
  const queued = await context.target.call({ method: 'PATCH', path: `/v1/projects/${world.projectId}/ads/meta/campaigns/${campaign.campaignId}/budget`, body: { dailyBudgetCents: 6000 } });
  expectStatus(queued, 202, 'PATCH …/budget on a draft campaign');
  return { world, pendingId: queued.response.body.pendingId };
}

async function buildCampaign(context: ExampleContext): Promise<{ world: AdsWorld; campaign: any }> {
  const world = await context.resource<AdsWorld>('adsWorld');
  return { world, campaign: await createCampaign(context.target, world.projectId, 'meta', world.accounts.meta) };
}

async function buildFlagged(context: ExampleContext): Promise<{ world: AdsWorld; adsContentId: string }> {
  const world = await context.resource<AdsWorld>('adsWorld');
  return { world, adsContentId: await uploadAdsContent(context.target, world.projectId, 'Guaranteed results in a week') };
}

async function buildKeyword(context: ExampleContext): Promise<{ world: AdsWorld; adgroupId: string; keywordId: string }> {
  const world = await context.resource<AdsWorld>('adsWorld');
  const adgroupId = world.campaigns.apple.adsets[0].adsetId as string;
  const added = await context.target.call({ method: 'POST', path: `/v1/projects/${world.projectId}/ads/apple/adgroups/${adgroupId}/keywords`, body: { keywords: [{ text: `meal planner ${randomUUID().slice(0, 8)}`, matchType: 'exact', bidAmountCents: 150 }] } });
  expectStatus(added, 202, 'POST …/apple/adgroups/{id}/keywords');
  return { world, adgroupId, keywordId: added.response.body.results[0].keywordId };
}

const world = (context: ExampleContext) => context.resource<AdsWorld>('adsWorld');
const metaAd = (w: AdsWorld) => w.campaigns.meta.adIds[0] as string;
const metaAdset = (w: AdsWorld) => w.campaigns.meta.adsets[0].adsetId as string;
const tiktokAdset = (w: AdsWorld) => w.campaigns.tiktok.adsets[0].adsetId as string;

export const adsExamples: ExampleArea = {
  resources: {
    adsWorld: buildAdsWorld,
    pendingAction: buildPendingAction,
    adsCampaign: buildCampaign,
    flaggedCreative: buildFlagged,
    appleKeyword: buildKeyword,
  },

  examples: {
    listAuditLog: async (context) => ({ method: 'GET', path: '/v1/audit-log', query: { projectId: (await world(context)).projectId, limit: 10 } }),

    getProjectMetrics: async (context) => {
      const w = await world(context);
      return { method: 'GET', path: `/v1/projects/${w.projectId}/metrics`, query: { scope: 'project', id: w.projectId, metrics: ['views', 'engagement_rate'], granularity: 'day' } };
    },
    listTopPerformers: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/top-performers`, query: { metric: 'views', window: '7d' } }),
    listAdsContent: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads-content`, query: { sort: 'score_desc', limit: 5 } }),
    patchAdsContent: async (context) => {
      const w = await world(context);
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads-content/${w.contentIds[0]}`, body: { override: 'include', note: 'Still chosen' } };
    },
    getAdsMetrics: async (context) => {
      const w = await world(context);
      return { method: 'GET', path: `/v1/projects/${w.projectId}/ads-metrics`, query: { scope: 'campaign', id: w.campaigns.meta.campaignId, metrics: ['spend', 'ctr'] } };
    },
    listRecommendations: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/recommendations`, query: { status: ['open', 'acknowledged'] } }),
    patchRecommendation: async (context) => {
      const w = await world(context);
      const generated = await context.target.call({ method: 'POST', path: `/v1/projects/${w.projectId}/content/slideshow-builder`, body: { hook: 'Dinner planned before the kettle boils' } });
      expectStatus(generated, 202, 'a generation so the project gets a recommendation');
      let recommendationId: string | undefined;
      for (let attempt = 0; attempt < 40 && recommendationId === undefined; attempt += 1) {
        const list = await context.target.call({ method: 'GET', path: `/v1/projects/${w.projectId}/recommendations`, query: { kind: 'value_propositions' } });
        recommendationId = list.response.body.items[0]?.recommendationId;
        if (recommendationId === undefined) {
          await (context.control === null ? new Promise((resolve) => setTimeout(resolve, 1000)) : context.control.advanceClock(1000));
        }
      }
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/recommendations/${recommendationId ?? randomUUID()}`, body: { status: 'acknowledged', note: 'Seen by the kit' } };
    },

    listAdAccounts: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads/ad-accounts`, query: { platforms: ['meta_ads', 'apple_ads'] } }),
    listAdCampaigns: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads/campaigns`, query: { status: ['active', 'paused'], limit: 5 } }),
    listAdSets: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads/adsets`, query: { platforms: 'tiktok_ads' } }),
    listAds: async (context) => {
      const w = await world(context);
      return { method: 'GET', path: `/v1/projects/${w.projectId}/ads/ads`, query: { campaignId: w.campaigns.meta.campaignId } };
    },
    getAdCampaign: async (context) => {
      const w = await world(context);
      return { method: 'GET', path: `/v1/projects/${w.projectId}/ads/tiktok/campaigns/${w.campaigns.tiktok.campaignId}` };
    },
    listPendingActions: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('pendingAction')).world.projectId}/ads/meta/pending` }),
    countPendingActions: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('pendingAction')).world.projectId}/ads/meta/pending/count`, query: { status: ['pending', 'approved'] } }),
    listAdReviews: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads/meta/reviews` }),
    getCampaignAuthority: async (context) => {
      const w = await world(context);
      return { method: 'GET', path: `/v1/projects/${w.projectId}/ads/apple/campaigns/${w.campaigns.apple.campaignId}/authority` };
    },
    getAdsDefaults: async (context) => ({ method: 'GET', path: `/v1/projects/${(await world(context)).projectId}/ads/tiktok/defaults` }),
    getOptimizerRun: async (context) => {
      const w = await world(context);
      const started = await context.target.call({ method: 'POST', path: `/v1/projects/${w.projectId}/ads/optimizer/run`, body: { layerId: w.layers.meta, platform: 'meta_ads', dryRun: true } });
      expectStatus(started, 202, 'POST …/ads/optimizer/run');
      return { method: 'GET', path: `/v1/projects/${w.projectId}/ads/optimizer/runs/${started.response.body.runId}` };
    },

    createAdCampaign: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/tiktok/campaigns`, body: { adAccountId: w.accounts.tiktok, name: 'Kit walk campaign', outcome: 'traffic', dailyBudgetCents: 3000, campaignManagementMode: 'draft', creativeMode: 'autopilot' } };
    },
    patchCampaignBudget: async (context) => {
      const w = await world(context);
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads/apple/campaigns/${w.campaigns.apple.campaignId}/budget`, body: { dailyBudgetCents: 5500 } };
    },
    pauseCampaign: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/campaigns/${campaign.campaignId}/pause` };
    },
    resumeCampaign: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/tiktok/campaigns/${w.campaigns.tiktok.campaignId}/resume` };
    },
    deleteCampaign: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'DELETE', path: `/v1/projects/${w.projectId}/ads/meta/campaigns/${campaign.campaignId}` };
    },
    patchCampaignAuthority: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads/meta/campaigns/${campaign.campaignId}/authority`, body: { authority: { creative: 'draft' } } };
    },
    patchAdsDefaults: async (context) => ({ method: 'PATCH', path: `/v1/projects/${(await world(context)).projectId}/ads/apple/defaults`, body: { defaults: { structural: 'auto' } } }),
    patchAdsetBudget: async (context) => {
      const w = await world(context);
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads/tiktok/adsets/${tiktokAdset(w)}/budget`, body: { dailyBudgetCents: 4500 } };
    },
    patchAdsetTargeting: async (context) => {
      const w = await world(context);
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads/meta/adsets/${metaAdset(w)}/targeting`, body: { geo: ['US', 'CA'], age: { min: 21, max: 45 } } };
    },
    patchAdsetSchedule: async (context) => {
      const w = await world(context);
      return { method: 'PATCH', path: `/v1/projects/${w.projectId}/ads/meta/adsets/${metaAdset(w)}/schedule`, body: { dayparts: [{ dayOfWeek: 1, startMinute: 480, endMinute: 1200 }] } };
    },
    pauseAdset: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/adsets/${campaign.adsets[0].adsetId}/pause` };
    },
    resumeAdset: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/apple/adsets/${w.campaigns.apple.adsets[0].adsetId}/resume` };
    },
    deleteAdset: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'DELETE', path: `/v1/projects/${w.projectId}/ads/meta/adsets/${campaign.adsets[0].adsetId}` };
    },
    pauseAd: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/ads/${campaign.adIds[0]}/pause` };
    },
    resumeAd: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/ads/${metaAd(w)}/resume` };
    },
    deleteAd: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      return { method: 'DELETE', path: `/v1/projects/${w.projectId}/ads/meta/ads/${campaign.adIds[1]}` };
    },
    pushCreative: async (context) => {
      const w = await world(context);
      const fresh = await eligibleAdsContent(context.target, w.projectId, 'A creative to push');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/tiktok/ads/${w.campaigns.tiktok.adIds[0]}/creative`, body: { adsContentId: fresh, caption: 'Pushed by the kit' } };
    },
    replaceCreative: async (context) => {
      const w = await world(context);
      const fresh = await eligibleAdsContent(context.target, w.projectId, 'A creative to swap in');
      return { method: 'PUT', path: `/v1/projects/${w.projectId}/ads/meta/ads/${metaAd(w)}/creative`, body: { adsContentId: fresh } };
    },
    pruneCreative: async (context) => {
      const { world: w, campaign } = await context.fresh('adsCampaign');
      const adId = campaign.adIds[0] as string;
      const second = await eligibleAdsContent(context.target, w.projectId, 'A creative to prune');
      const pushed = await context.target.call({ method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/ads/${adId}/creative`, body: { adsContentId: second } });
      expectStatus(pushed, 202, 'a second creative on the ad before pruning');
      return { method: 'DELETE', path: `/v1/projects/${w.projectId}/ads/meta/ads/${adId}/creative`, body: { adsContentId: second } };
    },
    unlockCreative: async (context) => {
      const { world: w, adsContentId } = await context.fresh('flaggedCreative');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/creatives/${adsContentId}/unlock`, body: { comment: 'Claim reviewed with the customer' } };
    },
    addAppleKeywords: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/apple/adgroups/${w.campaigns.apple.adsets[0].adsetId}/keywords`, body: { keywords: [{ text: 'weekly meal plan', matchType: 'broad', bidAmountCents: 120 }, { text: 'dinner ideas', matchType: 'exact', bidAmountCents: 90, status: 'paused' }] } };
    },
    updateAppleKeywords: async (context) => {
      const { world: w, adgroupId, keywordId } = await context.fresh('appleKeyword');
      return { method: 'PUT', path: `/v1/projects/${w.projectId}/ads/apple/adgroups/${adgroupId}/keywords`, body: { keywords: [{ keywordId, bidAmountCents: 175 }] } };
    },
    deleteAppleKeywords: async (context) => {
      const { world: w, adgroupId, keywordId } = await context.fresh('appleKeyword');
      return { method: 'DELETE', path: `/v1/projects/${w.projectId}/ads/apple/adgroups/${adgroupId}/keywords`, body: { keywordIds: [keywordId] } };
    },
    runOptimizer: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/optimizer/run`, body: { layerId: w.layers.tiktok, platform: 'tiktok_ads' } };
    },
    runContentRefresh: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/content-refresh`, body: { layerId: w.layers.meta, maxNewCreatives: 2 } };
    },
    disableUnderperforming: async (context) => {
      const w = await world(context);
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/tiktok/disable-underperforming`, body: { layerId: w.layers.tiktok, dryRun: true } };
    },
    approvePendingAction: async (context) => {
      const { world: w, pendingId } = await context.fresh('pendingAction');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/pending/${pendingId}/approve`, body: { comment: 'Looks right' } };
    },
    rejectPendingAction: async (context) => {
      const { world: w, pendingId } = await context.fresh('pendingAction');
      return { method: 'POST', path: `/v1/projects/${w.projectId}/ads/meta/pending/${pendingId}/reject`, body: { reason: 'Budget change not agreed' } };
    },
    createAdAccountOauthUrl: async (context) => ({ method: 'POST', path: `/v1/projects/${(await world(context)).projectId}/ads/ad-accounts/oauth-url`, body: { platform: 'meta_ads', returnUrl: 'https://partner.layers-kit.invalid/ads/return' } }),
  },
};
