// Ads writes on campaigns, ad sets and ads: create, budgets, targeting, schedule, lifecycle,
// authority and layer defaults. Each checks every rule, then passes the authority gate.
import { principalOf, type Handler, type HandlerResult, type RequestContext } from '../../context.ts';
import { ApiError, conflict, notFound, validationError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { emitEvent } from '../events.ts';
import { assertBudgetChange, assertMinimumBudget } from './budget-rules.ts';
import { adsScope, type AdsScope } from './context.ts';
import { newVerdictId, partnerActor, runGatedWrite } from './gate.ts';
import { escalatedAxes } from './layers.ts';
import { campaignOf, findAd, findAdSet, findCampaign } from './lookup.ts';
import { platformToken } from './platforms.ts';
import { adAccountsOf } from './queries.ts';
import { authorityView, defaultsView, effectiveAuthority } from './representation.ts';
import type { AdEntityStatus, AdsPlatform, Authority, Campaign } from './types.ts';

function assertNotDeleted(kind: string, id: string, status: AdEntityStatus): void {
  if (status === 'deleted') {
    throw conflict(`${kind} ${id} is deleted; no further writes apply to it.`, { status });
  }
}

function createCampaign(request: RequestContext): HandlerResult {
  const scope = adsScope(request, { write: true });
  const body = request.body as Record<string, any>;

  const adAccountId = String(body.adAccountId).toLowerCase();
  const account = adAccountsOf(request.mock, scope.project.id).find((candidate) => candidate.id === adAccountId && candidate.platform === scope.platform);
  if (account === undefined) {
    throw notFound('Ad account', adAccountId);
  }
  if (account.tokenStatus !== 'valid') {
    throw new ApiError('PLATFORM_REJECTED', { reason: `Ad account ${account.id} has a ${account.tokenStatus} token. The customer must reconnect it through POST …/ads/ad-accounts/oauth-url.` }, { platformCode: 'TOKEN_INVALID' });
  }

  assertMinimumBudget(scope.platform, body);
  const startTime = body.startTime === undefined ? request.now : Date.parse(body.startTime);
  if (body.endTime !== undefined && Date.parse(body.endTime) <= Math.max(startTime, request.now)) {
    throw validationError('endTime', 'must be in the future and after startTime.');
  }
  if (scope.platform === 'tiktok' && body.lifetimeBudgetCents !== undefined && body.endTime === undefined) {
    throw validationError('endTime', 'is required for a TikTok campaign with a lifetime budget.');
  }

  return runGatedWrite(request, {
    project: scope.project,
    layer: scope.layer,
    campaign: null,
    axis: 'structural',
    actionType: 'create_campaign',
    entityType: 'layer',
    entityId: scope.layer.id,
    entityName: body.name,
    currentValue: null,
    newValue: body,
    write: { operation: 'createAdCampaign', projectId: scope.project.id, platform: scope.platform, params: {}, body },
  });
}

function budgetWrite(request: RequestContext, level: 'campaign' | 'adset'): HandlerResult {
  const scope = adsScope(request, { write: true });
  const body = request.body as { dailyBudgetCents?: number; lifetimeBudgetCents?: number };

  if (level === 'campaign') {
    const campaign = findCampaign(request, scope.project, scope.platform, request.params.campaignId);
    assertNotDeleted('Campaign', campaign.id, campaign.status);
    assertBudgetChange(request.mock, campaign, campaign, body, campaign.id, request.now);
    return runGatedWrite(request, {
      ...gatedBase(scope, campaign, 'tactical', 'update_budget'),
      entityType: 'campaign',
      entityId: campaign.id,
      entityName: campaign.name,
      currentValue: { dailyBudgetCents: campaign.dailyBudgetCents, lifetimeBudgetCents: campaign.lifetimeBudgetCents },
      newValue: body,
      write: { operation: 'patchCampaignBudget', projectId: scope.project.id, platform: scope.platform, params: { campaignId: campaign.id }, body },
    });
  }

  const adset = findAdSet(request, scope.project, scope.platform, request.params.adsetId);
  const campaign = campaignOf(request, adset);
  assertNotDeleted('Ad set', adset.id, adset.status);
  if (campaign.budgetMode === 'CBO') {
    throw new ApiError(
      'PLATFORM_REJECTED',
      { reason: `Campaign ${campaign.id} uses campaign budget optimization (budgetMode CBO), so its ad sets have no budget of their own. Change the campaign budget instead.` },
      { platformCode: 'CBO_ADSET_BUDGET' },
    );
  }
  const current = adset.dailyBudgetCents === null && adset.lifetimeBudgetCents === null ? campaign : adset;
  assertBudgetChange(request.mock, campaign, current, body, adset.id, request.now);
  return runGatedWrite(request, {
    ...gatedBase(scope, campaign, 'tactical', 'update_budget'),
    entityType: 'adset',
    entityId: adset.id,
    entityName: adset.name,
    currentValue: { dailyBudgetCents: adset.dailyBudgetCents, lifetimeBudgetCents: adset.lifetimeBudgetCents },
    newValue: body,
    write: { operation: 'patchAdsetBudget', projectId: scope.project.id, platform: scope.platform, params: { adsetId: adset.id }, body },
  });
}

function gatedBase(scope: AdsScope, campaign: Campaign, axis: 'creative' | 'tactical' | 'structural', actionType: string) {
  return { project: scope.project, layer: scope.layer, campaign, axis, actionType } as const;
}

// The docs give Meta's age floor of 18. NOTE: the floor of 13 on TikTok and Apple is an assumption.
const minimumAge: Record<AdsPlatform, number> = { meta: 18, tiktok: 13, apple: 13 };

function targetingWrite(request: RequestContext): HandlerResult {
  const scope = adsScope(request, { write: true });
  const adset = findAdSet(request, scope.project, scope.platform, request.params.adsetId);
  const campaign = campaignOf(request, adset);
  assertNotDeleted('Ad set', adset.id, adset.status);

  const body = structuredClone(request.body) as Record<string, any>;
  if (body.age !== undefined) {
    const age = { ...adset.targeting.age, ...body.age };
    if (age.min > age.max) {
      throw validationError('age', `min ${age.min} is above max ${age.max}; send min ≤ max.`);
    }
    // Platforms clamp ages they do not serve instead of rejecting them.
    body.age = { min: Math.max(age.min, minimumAge[scope.platform]), max: age.max };
  }
  if (body.geo !== undefined) {
    body.geo = (body.geo as string[]).map((code) => code.toUpperCase());
  }

  return runGatedWrite(request, {
    ...gatedBase(scope, campaign, 'creative', 'update_targeting'),
    entityType: 'adset',
    entityId: adset.id,
    entityName: adset.name,
    currentValue: adset.targeting,
    newValue: body,
    write: { operation: 'patchAdsetTargeting', projectId: scope.project.id, platform: scope.platform, params: { adsetId: adset.id }, body },
  });
}

function scheduleWrite(request: RequestContext): HandlerResult {
  const scope = adsScope(request, { write: true });
  const adset = findAdSet(request, scope.project, scope.platform, request.params.adsetId);
  const campaign = campaignOf(request, adset);
  assertNotDeleted('Ad set', adset.id, adset.status);
  const body = request.body as { startTime?: string; endTime?: string; dayparts?: { dayOfWeek: number; startMinute: number; endMinute: number }[] };

  const start = body.startTime === undefined ? adset.schedule.startTime : Date.parse(body.startTime);
  if (body.endTime !== undefined) {
    const end = Date.parse(body.endTime);
    if (end <= request.now || (start !== null && end <= start)) {
      throw validationError('endTime', 'must be in the future and after startTime.');
    }
  }
  (body.dayparts ?? []).forEach((daypart, index) => {
    if (daypart.endMinute <= daypart.startMinute) {
      throw validationError(`dayparts.${index}.endMinute`, `must be after startMinute (${daypart.startMinute}).`);
    }
  });

  return runGatedWrite(request, {
    ...gatedBase(scope, campaign, 'tactical', 'update_schedule'),
    entityType: 'adset',
    entityId: adset.id,
    entityName: adset.name,
    currentValue: adset.schedule,
    newValue: body,
    write: { operation: 'patchAdsetSchedule', projectId: scope.project.id, platform: scope.platform, params: { adsetId: adset.id }, body: body as Record<string, unknown> },
  });
}

type Level = 'Campaign' | 'Adset' | 'Ad';

function lifecycleWrite(request: RequestContext, verb: 'pause' | 'resume' | 'delete', level: Level): HandlerResult {
  const scope = adsScope(request, { write: true });
  let entity: { id: string; name: string; status: AdEntityStatus };
  let campaign: Campaign;
  let params: Record<string, string>;

  if (level === 'Campaign') {
    campaign = findCampaign(request, scope.project, scope.platform, request.params.campaignId);
    entity = campaign;
    params = { campaignId: campaign.id };
  } else if (level === 'Adset') {
    const adset = findAdSet(request, scope.project, scope.platform, request.params.adsetId);
    campaign = campaignOf(request, adset);
    entity = adset;
    params = { adsetId: adset.id };
  } else {
    const ad = findAd(request, scope.project, scope.platform, request.params.adId);
    const adset = request.mock.store.adSets.get(ad.adsetId);
    if (adset === undefined) {
      throw new Error(`Ad ${ad.id} names ad set ${ad.adsetId}, which does not exist.`);
    }
    campaign = campaignOf(request, adset);
    entity = ad;
    params = { adId: ad.id };
  }
  assertNotDeleted(level === 'Adset' ? 'Ad set' : level, entity.id, entity.status);

  const entityTypes = { Campaign: 'campaign', Adset: 'adset', Ad: 'ad' } as const;
  const newStatuses = { pause: 'paused', resume: 'active', delete: 'deleted' } as const;
  const entityType = entityTypes[level];
  const newStatus = newStatuses[verb];
  return runGatedWrite(request, {
    ...gatedBase(scope, campaign, 'structural', `${verb}_${entityType}`),
    entityType,
    entityId: entity.id,
    entityName: entity.name,
    currentValue: entity.status,
    newValue: newStatus,
    write: { operation: `${verb}${level}`, projectId: scope.project.id, platform: scope.platform, params, body: {} },
  });
}

function assertNoEscalation(current: Authority, requested: Partial<Authority>, what: string, verdict: () => string, deny: (axes: string[], verdictId: string) => void): void {
  const raised = escalatedAxes(current, requested);
  if (raised.length > 0) {
    const verdictId = verdict();
    deny(raised, verdictId);
    throw new ApiError(
      'AUTHORITY_DENIED',
      { reason: `A partner may lower ${what} but not raise it; ${raised.join(', ')} would go above the customer's setting. Ask the customer to raise it.` },
      { reason: 'self_escalation', axes: raised, verdictId },
    );
  }
}

function policyDenial(request: RequestContext, scope: AdsScope, entityId: string, operation: string) {
  return (axes: string[], verdictId: string): void => {
    const principal = principalOf(request);
    const data = { verdictId, projectId: scope.project.id, platform: platformToken(scope.platform), operation, entityId, axes, reason: 'self_escalation' };
    recordAudit(request.mock, { eventType: 'ads.write.denied', organizationId: scope.project.organizationId, projectId: scope.project.id, requestId: request.requestId, principal, verdictId, data, at: request.now });
    emitEvent(request.mock, 'ads.write.denied', scope.project.organizationId, data, request.now);
  };
}

function assertLayerOpen(scope: AdsScope): void {
  if (scope.layer.killSwitchActive) {
    throw new ApiError('AUTHORITY_DENIED', { reason: `The ${scope.platform} ads layer has its kill switch on; only the customer can change its policy.` }, { reason: 'kill_switch_active' });
  }
}

function policyApplied(request: RequestContext, scope: AdsScope, verdictId: string, operation: string, entityId: string, change: Record<string, unknown>): void {
  const principal = principalOf(request);
  const data = { verdictId, projectId: scope.project.id, platform: platformToken(scope.platform), operation, entityId, change };
  recordAudit(request.mock, { eventType: 'ads.policy.updated', organizationId: scope.project.organizationId, projectId: scope.project.id, requestId: request.requestId, principal, verdictId, data, at: request.now });
  emitEvent(request.mock, 'ads.write.executed', scope.project.organizationId, { ...data, actionType: 'update_policy' }, request.now);
}

export const adsStructureHandlers: Record<string, Handler> = {
  createAdCampaign: createCampaign,
  patchCampaignBudget: (request) => budgetWrite(request, 'campaign'),
  patchAdsetBudget: (request) => budgetWrite(request, 'adset'),
  patchAdsetTargeting: targetingWrite,
  patchAdsetSchedule: scheduleWrite,
  pauseCampaign: (request) => lifecycleWrite(request, 'pause', 'Campaign'),
  resumeCampaign: (request) => lifecycleWrite(request, 'resume', 'Campaign'),
  deleteCampaign: (request) => lifecycleWrite(request, 'delete', 'Campaign'),
  pauseAdset: (request) => lifecycleWrite(request, 'pause', 'Adset'),
  resumeAdset: (request) => lifecycleWrite(request, 'resume', 'Adset'),
  deleteAdset: (request) => lifecycleWrite(request, 'delete', 'Adset'),
  pauseAd: (request) => lifecycleWrite(request, 'pause', 'Ad'),
  resumeAd: (request) => lifecycleWrite(request, 'resume', 'Ad'),
  deleteAd: (request) => lifecycleWrite(request, 'delete', 'Ad'),

  patchCampaignAuthority(request) {
    const scope = adsScope(request, { write: true });
    const campaign = findCampaign(request, scope.project, scope.platform, request.params.campaignId);
    assertNotDeleted('Campaign', campaign.id, campaign.status);
    assertLayerOpen(scope);
    const requested = (request.body as { authority: Partial<Authority> }).authority;
    const current = effectiveAuthority(request.mock, campaign).authority;
    assertNoEscalation(current, requested, 'campaign authority', () => newVerdictId(request.mock), policyDenial(request, scope, campaign.id, 'patchCampaignAuthority'));

    const verdictId = newVerdictId(request.mock);
    campaign.authority = { ...current, ...requested };
    campaign.authorityModifiedAt = request.now;
    campaign.authorityModifiedBy = partnerActor(request);
    campaign.updatedAt = request.now;
    policyApplied(request, scope, verdictId, 'patchCampaignAuthority', campaign.id, { authority: campaign.authority });
    return { status: 200, body: { ...authorityView(request.mock, campaign), verdictId } };
  },

  patchAdsDefaults(request) {
    const scope = adsScope(request, { write: true });
    assertLayerOpen(scope);
    const requested = (request.body as { defaults: Partial<Authority> }).defaults;
    assertNoEscalation(scope.layer.defaults, requested, 'layer defaults', () => newVerdictId(request.mock), policyDenial(request, scope, scope.layer.id, 'patchAdsDefaults'));

    const verdictId = newVerdictId(request.mock);
    scope.layer.defaults = { ...scope.layer.defaults, ...requested };
    scope.layer.lastModifiedAt = request.now;
    scope.layer.lastModifiedBy = partnerActor(request);
    policyApplied(request, scope, verdictId, 'patchAdsDefaults', scope.layer.id, { defaults: scope.layer.defaults });
    return { status: 200, body: { ...defaultsView(scope.layer), verdictId } };
  },
};
