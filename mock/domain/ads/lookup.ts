// Finds ads entities of a project on a platform. Anything of another project, platform or
// organization is 404 NOT_FOUND, so existence never leaks.
import type { RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project } from '../../state/types.ts';
import type { Ad, AdSet, AdsContentRow, AdsPlatform, Campaign, PendingAction } from './types.ts';

function normalized(raw: string, prefix: string): string {
  return normalizeUuidId(raw, prefix) ?? raw;
}

export function findCampaign(request: RequestContext, project: Project, platform: AdsPlatform, raw: string): Campaign {
  const id = normalized(raw, 'cmp');
  const campaign = request.mock.store.campaigns.get(id);
  if (campaign === undefined || campaign.projectId !== project.id || campaign.platform !== platform) {
    throw notFound('Campaign', id);
  }
  return campaign;
}

export function findAdSet(request: RequestContext, project: Project, platform: AdsPlatform, raw: string): AdSet {
  const id = normalized(raw, 'adg');
  const adset = request.mock.store.adSets.get(id);
  if (adset === undefined || adset.projectId !== project.id || adset.platform !== platform) {
    throw notFound(platform === 'apple' ? 'Ad group' : 'Ad set', id);
  }
  return adset;
}

export function findAd(request: RequestContext, project: Project, platform: AdsPlatform, raw: string): Ad {
  const id = normalized(raw, 'ad');
  const ad = request.mock.store.ads.get(id);
  if (ad === undefined || ad.projectId !== project.id || ad.platform !== platform) {
    throw notFound('Ad', id);
  }
  return ad;
}

export function findAdsContent(request: RequestContext, project: Project, raw: string): AdsContentRow {
  const id = normalized(raw, 'adc');
  const row = request.mock.store.adsContent.get(id);
  if (row === undefined || row.projectId !== project.id) {
    throw notFound('Ads content', id);
  }
  return row;
}

export function findPending(request: RequestContext, project: Project, platform: AdsPlatform, raw: string): PendingAction {
  const id = normalized(raw, 'pa');
  const pending = request.mock.store.pendingActions.get(id);
  if (pending === undefined || pending.projectId !== project.id || pending.platform !== platform) {
    throw notFound('Pending action', id);
  }
  return pending;
}

export function campaignOf(request: RequestContext, adset: AdSet): Campaign {
  const campaign = request.mock.store.campaigns.get(adset.campaignId);
  if (campaign === undefined) {
    throw new Error(`Ad set ${adset.id} names campaign ${adset.campaignId}, which does not exist.`);
  }
  return campaign;
}
