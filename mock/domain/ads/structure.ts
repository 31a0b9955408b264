// Building campaigns: the simplified create makes the campaign, one ad set (an ad group on TikTok
// and Apple) and, on Meta and TikTok, one ad for each of up to three eligible creatives, the
// default slot count of a pool.
import type { MockContext } from '../../context.ts';
import type { Project } from '../../state/types.ts';
import { eligibleRows } from '../metrics/ads-content.ts';
import { refreshDelivery } from './performance.ts';
import { hasAds } from './platforms.ts';
import { submitReview } from './reviews.ts';
import type { Ad, AdSet, AdsPlatform, Authority, AuthorityLevel, Campaign, Targeting } from './types.ts';

export const creativeSlots = 3;

const managementLevels: Record<string, AuthorityLevel> = { manual: 'off', draft: 'draft', autopilot: 'auto' };

/** campaignManagementMode sets the tactical and structural axes, creativeMode the creative one. */
export function authorityFromModes(campaignManagementMode: string, creativeMode: string): Authority {
  const management = managementLevels[campaignManagementMode] ?? 'off';
  return { creative: managementLevels[creativeMode] ?? 'off', tactical: management, structural: management };
}

const optimizationGoals: Record<string, string> = {
  conversions: 'OFFSITE_CONVERSIONS',
  traffic: 'LINK_CLICKS',
  app_installs: 'APP_INSTALLS',
  engagement: 'POST_ENGAGEMENT',
  lead_generation: 'LEAD_GENERATION',
};

export const defaultTargeting = (): Targeting => ({ geo: ['US'], age: { min: 18, max: 65 }, genders: 'all', customAudiences: [], placements: [] });

function externalId(mock: MockContext): string {
  return String(Number.parseInt(mock.ids.uuid().replace(/-/g, '').slice(0, 13), 16));
}

export interface CampaignInput {
  adAccountId: string;
  name: string;
  outcome: string;
  dailyBudgetCents?: number;
  lifetimeBudgetCents?: number;
  campaignManagementMode: string;
  creativeMode: string;
  startTime?: string;
  endTime?: string;
  bidStrategy?: Record<string, unknown>;
}

export function createCampaignStructure(mock: MockContext, project: Project, platform: AdsPlatform, input: CampaignInput, at: number): Campaign {
  const campaign: Campaign = {
    id: mock.ids.prefixedUuid('cmp'),
    organizationId: project.organizationId,
    projectId: project.id,
    platform,
    adAccountId: input.adAccountId,
    externalId: externalId(mock),
    name: input.name,
    outcome: input.outcome,
    status: 'active',
    // The simplified create puts the budget on the campaign: Meta runs it as campaign budget
    // optimization, TikTok and Apple also accept ad-group budgets.
    budgetMode: platform === 'meta' ? 'CBO' : 'ABO',
    dailyBudgetCents: input.dailyBudgetCents ?? null,
    lifetimeBudgetCents: input.lifetimeBudgetCents ?? null,
    bidStrategy: input.bidStrategy ?? null,
    startTime: input.startTime === undefined ? at : Date.parse(input.startTime),
    endTime: input.endTime === undefined ? null : Date.parse(input.endTime),
    authority: authorityFromModes(input.campaignManagementMode, input.creativeMode),
    authorityModifiedAt: at,
    authorityModifiedBy: null,
    createdAt: at,
    updatedAt: at,
  };
  mock.store.campaigns.set(campaign.id, campaign);

  const adset: AdSet = {
    id: mock.ids.prefixedUuid('adg'),
    organizationId: project.organizationId,
    projectId: project.id,
    platform,
    campaignId: campaign.id,
    adAccountId: input.adAccountId,
    externalId: externalId(mock),
    name: `${input.name} · ${platform === 'meta' ? 'Ad set' : 'Ad group'} 1`,
    status: 'active',
    optimizationGoal: optimizationGoals[input.outcome] ?? 'OFFSITE_CONVERSIONS',
    dailyBudgetCents: null,
    lifetimeBudgetCents: null,
    targeting: defaultTargeting(),
    schedule: { startTime: campaign.startTime, endTime: campaign.endTime, dayparts: [] },
    delivery: [],
    createdAt: at,
    updatedAt: at,
  };
  mock.store.adSets.set(adset.id, adset);

  if (hasAds(platform)) {
    eligibleRows(mock, project, at)
      .slice(0, creativeSlots)
      .forEach((row, index) => {
        const ad: Ad = {
          id: mock.ids.prefixedUuid('ad'),
          organizationId: project.organizationId,
          projectId: project.id,
          platform,
          campaignId: campaign.id,
          adsetId: adset.id,
          adAccountId: input.adAccountId,
          externalId: externalId(mock),
          name: `${input.name} · Ad ${index + 1}`,
          status: 'active',
          creatives: [{ adsContentId: row.id, caption: null, addedAt: at }],
          delivery: [],
          createdAt: at,
          updatedAt: at,
        };
        mock.store.ads.set(ad.id, ad);
        submitReview(mock, ad, row.id, at);
      });
  }

  refreshDelivery(mock, campaign, at);
  return campaign;
}
