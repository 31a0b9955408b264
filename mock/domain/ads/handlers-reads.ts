// Ads reads: ad accounts, campaigns, ad sets, ads, pending actions, reviews, authority, layer
// defaults, CAPI status and optimizer runs.
import type { Handler } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import { findProject } from '../projects/rules.ts';
import { adsScope, queryList } from './context.ts';
import { findCampaign } from './lookup.ts';
import { layerFor } from './layers.ts';
import { adAccountsOf } from './queries.ts';
import { platformFromToken, platformToken } from './platforms.ts';
import { adAccountView, adSetView, adView, authorityView, campaignView, defaultsView, pendingView, reviewView, runView } from './representation.ts';
import type { AdsPlatform, PendingAction } from './types.ts';

const byCreation = (row: { createdAt: number; id: string }) => ({ createdAt: row.createdAt, id: row.id });

function platformsFilter(value: unknown): Set<AdsPlatform> | undefined {
  const tokens = queryList(value);
  return tokens === undefined ? undefined : new Set(tokens.map(platformFromToken));
}

function pendingFilter(query: Record<string, any>): (pending: PendingAction) => boolean {
  const statuses = queryList(query.status) ?? ['pending'];
  const actionTypes = queryList(query.actionType);
  return (pending) => statuses.includes(pending.status) && (actionTypes === undefined || actionTypes.includes(pending.actionType));
}

export const adsReadHandlers: Record<string, Handler> = {
  listAdAccounts(request) {
    const project = findProject(request, request.params.projectId);
    const platforms = platformsFilter(request.query.platforms);
    const healthy = request.query.healthy as boolean | undefined;
    const rows = adAccountsOf(request.mock, project.id).filter(
      (account) => (platforms === undefined || platforms.has(account.platform)) && (healthy === undefined || (account.tokenStatus === 'valid') === healthy),
    );
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: byCreation });
    return { status: 200, body: { items: page.items.map(adAccountView), nextCursor: page.nextCursor } };
  },

  listAdCampaigns(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const platforms = platformsFilter(query.platforms);
    const statuses = queryList(query.status);
    const adAccountId = query.adAccountId === undefined ? undefined : String(query.adAccountId).toLowerCase();
    const since = query.since === undefined ? -Infinity : Date.parse(query.since);
    const rows = [...request.mock.store.campaigns.values()].filter(
      (campaign) =>
        campaign.projectId === project.id &&
        (platforms === undefined || platforms.has(campaign.platform)) &&
        (statuses === undefined || statuses.includes(campaign.status)) &&
        (adAccountId === undefined || campaign.adAccountId === adAccountId) &&
        campaign.createdAt >= since,
    );
    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: byCreation });
    return { status: 200, body: { items: page.items.map((campaign) => campaignView(request.mock, campaign, request.now)), nextCursor: page.nextCursor } };
  },

  getAdCampaign(request) {
    const scope = adsScope(request, { write: false });
    const campaign = findCampaign(request, scope.project, scope.platform, request.params.campaignId);
    const adsets = [...request.mock.store.adSets.values()].filter((adset) => adset.campaignId === campaign.id).sort((left, right) => left.createdAt - right.createdAt || (left.id < right.id ? -1 : 1));
    return { status: 200, body: { ...campaignView(request.mock, campaign, request.now), adsets: adsets.map(adSetView) } };
  },

  listAdSets(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const platforms = platformsFilter(query.platforms);
    const statuses = queryList(query.status);
    const campaignId = query.campaignId === undefined ? undefined : normalizeUuidId(query.campaignId, 'cmp');
    const adAccountId = query.adAccountId === undefined ? undefined : String(query.adAccountId).toLowerCase();
    const rows = [...request.mock.store.adSets.values()].filter(
      (adset) =>
        adset.projectId === project.id &&
        (platforms === undefined || platforms.has(adset.platform)) &&
        (statuses === undefined || statuses.includes(adset.status)) &&
        (campaignId === undefined || adset.campaignId === campaignId) &&
        (adAccountId === undefined || adset.adAccountId === adAccountId),
    );
    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: byCreation });
    return { status: 200, body: { items: page.items.map(adSetView), nextCursor: page.nextCursor } };
  },

  listAds(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const platforms = platformsFilter(query.platforms);
    const statuses = queryList(query.status);
    const campaignId = query.campaignId === undefined ? undefined : normalizeUuidId(query.campaignId, 'cmp');
    const adsetId = query.adsetId === undefined ? undefined : normalizeUuidId(query.adsetId, 'adg');
    const adsContentId = query.adsContentId === undefined ? undefined : normalizeUuidId(query.adsContentId, 'adc');
    const adAccountId = query.adAccountId === undefined ? undefined : String(query.adAccountId).toLowerCase();
    const rows = [...request.mock.store.ads.values()].filter(
      (ad) =>
        ad.projectId === project.id &&
        (platforms === undefined || platforms.has(ad.platform)) &&
        (statuses === undefined || statuses.includes(ad.status)) &&
        (campaignId === undefined || ad.campaignId === campaignId) &&
        (adsetId === undefined || ad.adsetId === adsetId) &&
        (adAccountId === undefined || ad.adAccountId === adAccountId) &&
        (adsContentId === undefined || ad.creatives.some((creative) => creative.adsContentId === adsContentId)),
    );
    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: byCreation });
    return { status: 200, body: { items: page.items.map(adView), nextCursor: page.nextCursor } };
  },

  listPendingActions(request) {
    const scope = adsScope(request, { write: false });
    const matches = pendingFilter(request.query);
    const rows = [...request.mock.store.pendingActions.values()].filter((pending) => pending.projectId === scope.project.id && pending.platform === scope.platform && matches(pending));
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: byCreation });
    return { status: 200, body: { items: page.items.map(pendingView), nextCursor: page.nextCursor } };
  },

  countPendingActions(request) {
    const scope = adsScope(request, { write: false });
    const matches = pendingFilter(request.query);
    const count = [...request.mock.store.pendingActions.values()].filter((pending) => pending.projectId === scope.project.id && pending.platform === scope.platform && matches(pending)).length;
    return { status: 200, body: { platform: platformToken(scope.platform), status: queryList(request.query.status) ?? ['pending'], count } };
  },

  listAdReviews(request) {
    const scope = adsScope(request, { write: false });
    const statuses = queryList(request.query.status);
    const since = request.query.since === undefined ? -Infinity : Date.parse(request.query.since);
    const rows = [...request.mock.store.adReviews.values()].filter(
      (review) => review.projectId === scope.project.id && review.platform === scope.platform && (statuses === undefined || statuses.includes(review.status)) && review.submittedAt >= since,
    );
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (review) => ({ createdAt: review.submittedAt, id: review.id }) });
    return { status: 200, body: { items: page.items.map(reviewView), nextCursor: page.nextCursor } };
  },

  getCampaignAuthority(request) {
    const scope = adsScope(request, { write: false });
    const campaign = findCampaign(request, scope.project, scope.platform, request.params.campaignId);
    return { status: 200, body: authorityView(request.mock, campaign) };
  },

  getAdsDefaults(request) {
    const scope = adsScope(request, { write: false });
    return { status: 200, body: defaultsView(scope.layer) };
  },

  getOptimizerRun(request) {
    const project = findProject(request, request.params.projectId);
    const runId = normalizeUuidId(request.params.runId, 'run') ?? request.params.runId;
    const run = request.mock.store.adsRuns.get(runId);
    if (run === undefined || run.projectId !== project.id) {
      throw notFound('Optimizer run', runId);
    }
    return { status: 200, body: runView(run) };
  },
};
