// Ads writes on creatives, Apple keywords, optimizer runs, pending actions and ad account
// connection.
import { principalOf, type Handler, type HandlerResult, type RequestContext } from '../../context.ts';
import { ApiError, conflict, notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import { recordAudit } from '../audit/record.ts';
import { assertPublicHttpsUrl } from '../content/source-url.ts';
import { emitEvent } from '../events.ts';
import { startJob } from '../jobs/lifecycle.ts';
import { eligibilityOf, scoreOf, syncAdsContent } from '../metrics/ads-content.ts';
import { startConnection } from './accounts.ts';
import { keywordsOf } from './apply.ts';
import { adsScope, type AdsScope } from './context.ts';
import { newVerdictId, runGatedWrite } from './gate.ts';
import { campaignOf, findAd, findAdSet, findAdsContent, findPending } from './lookup.ts';
import { scheduleDispatch } from './pending.ts';
import { platformFromToken, platformToken } from './platforms.ts';
import { runStages } from './runs.ts';
import type { Ad, AdsRun, RunKind } from './types.ts';

function adContext(request: RequestContext): { scope: AdsScope; ad: Ad } {
  const scope = adsScope(request, { write: true });
  const ad = findAd(request, scope.project, scope.platform, request.params.adId);
  if (ad.status === 'deleted') {
    throw conflict(`Ad ${ad.id} is deleted; no further writes apply to it.`, { status: ad.status });
  }
  return { scope, ad };
}

/** The ads-content row to put on an ad: it must be unlocked and eligible. */
function pushableContent(request: RequestContext, scope: AdsScope, rawId: string) {
  syncAdsContent(request.mock, scope.project, request.now);
  const row = findAdsContent(request, scope.project, rawId);
  if (row.safetyFailed) {
    throw new ApiError('CREATIVE_FLAGGED', { adsContentId: row.id, flaggedReason: row.flaggedReason ?? 'safety' }, { adsContentId: row.id, flaggedReason: row.flaggedReason });
  }
  const eligibility = eligibilityOf(row, scoreOf(request.mock, row, request.now));
  if (!eligibility.eligible) {
    throw validationError('adsContentId', `${row.id} is not eligible for ads (${eligibility.reason}). Raise its score or PATCH …/ads-content/${row.id} {"override":"include"}.`);
  }
  return row;
}

function creativeWrite(request: RequestContext, kind: 'push' | 'replace' | 'prune'): HandlerResult {
  const { scope, ad } = adContext(request);
  const body = request.body as { adsContentId: string; caption?: string; replacesAdsContentId?: string };
  const campaign = request.mock.store.campaigns.get(ad.campaignId);
  if (campaign === undefined) {
    throw new Error(`Ad ${ad.id} names campaign ${ad.campaignId}, which does not exist.`);
  }
  const running = ad.creatives.map((creative) => creative.adsContentId);
  const write = { ...body, adsContentId: normalizeUuidId(body.adsContentId, 'adc') ?? body.adsContentId };

  if (kind === 'prune') {
    if (!running.includes(write.adsContentId)) {
      throw validationError('adsContentId', `${write.adsContentId} does not run on ad ${ad.id}; it runs ${running.join(', ')}.`);
    }
    if (running.length === 1) {
      throw new ApiError('WOULD_LEAVE_AD_EMPTY', { adId: ad.id, adsContentId: write.adsContentId }, { adId: ad.id });
    }
  } else {
    pushableContent(request, scope, write.adsContentId);
    if (running.includes(write.adsContentId)) {
      throw conflict(`ads content ${write.adsContentId} already runs on ad ${ad.id}.`, { adId: ad.id });
    }
    if (kind === 'replace' && write.replacesAdsContentId !== undefined) {
      write.replacesAdsContentId = normalizeUuidId(write.replacesAdsContentId, 'adc') ?? write.replacesAdsContentId;
      if (!running.includes(write.replacesAdsContentId)) {
        throw validationError('replacesAdsContentId', `${write.replacesAdsContentId} does not run on ad ${ad.id}; it runs ${running.join(', ')}.`);
      }
    }
  }

  const operations = { push: 'pushCreative', replace: 'replaceCreative', prune: 'pruneCreative' } as const;
  const operation = operations[kind];
  return runGatedWrite(request, {
    project: scope.project,
    layer: scope.layer,
    campaign,
    axis: 'creative',
    actionType: `${kind}_creative`,
    entityType: 'ad',
    entityId: ad.id,
    entityName: ad.name,
    currentValue: running,
    newValue: write.adsContentId,
    write: { operation, projectId: scope.project.id, platform: scope.platform, params: { adId: ad.id }, body: write },
  });
}

function keywordWrite(request: RequestContext, kind: 'add' | 'update' | 'delete'): HandlerResult {
  const scope = adsScope(request, { write: true, platform: 'apple' });
  const adgroup = findAdSet(request, scope.project, 'apple', request.params.adgroupId);
  const campaign = campaignOf(request, adgroup);
  if (adgroup.status === 'deleted') {
    throw conflict(`Ad group ${adgroup.id} is deleted; no further writes apply to it.`, { status: adgroup.status });
  }
  const body = structuredClone(request.body) as Record<string, any>;
  const current = keywordsOf(request.mock, adgroup.id);

  // The platform's per-keyword verdicts are known before the write, so a call whose every keyword
  // would be rejected fails as a whole and changes nothing.
  let rejections: { index: number; reason: string }[] = [];
  if (kind === 'add') {
    const seen = new Set(current.map((keyword) => `${keyword.matchType}|${keyword.text.toLowerCase()}`));
    rejections = (body.keywords as { text: string; matchType: string }[]).flatMap((keyword, index) => {
      const signature = `${keyword.matchType}|${keyword.text.toLowerCase()}`;
      const duplicate = seen.has(signature);
      seen.add(signature);
      return duplicate ? [{ index, reason: 'DUPLICATE_KEYWORD' }] : [];
    });
  } else {
    const ids: string[] = kind === 'update' ? (body.keywords as { keywordId: string }[]).map((keyword) => keyword.keywordId) : body.keywordIds;
    const normalized = ids.map((id) => normalizeUuidId(id, 'kw') ?? id);
    if (kind === 'update') {
      (body.keywords as { keywordId: string }[]).forEach((keyword, index) => (keyword.keywordId = normalized[index] as string));
    } else {
      body.keywordIds = normalized;
    }
    const known = new Set(current.map((keyword) => keyword.id));
    rejections = normalized.flatMap((id, index) => (known.has(id) ? [] : [{ index, reason: 'KEYWORD_NOT_FOUND' }]));
  }
  const total = kind === 'delete' ? (body.keywordIds as string[]).length : (body.keywords as unknown[]).length;
  if (rejections.length === total) {
    throw new ApiError('PLATFORM_REJECTED', { reason: `Apple rejected every keyword of the request (${rejections[0]?.reason}). Fix the keywords and send them again.` }, { platformCode: rejections[0]?.reason, results: rejections });
  }

  const operations = { add: 'addAppleKeywords', update: 'updateAppleKeywords', delete: 'deleteAppleKeywords' } as const;
  const operation = operations[kind];
  const result = runGatedWrite(request, {
    project: scope.project,
    layer: scope.layer,
    campaign,
    axis: 'creative',
    actionType: `${kind}_keywords`,
    entityType: 'adgroup',
    entityId: adgroup.id,
    entityName: adgroup.name,
    currentValue: current.length,
    newValue: total,
    write: { operation, projectId: scope.project.id, platform: 'apple', params: { adgroupId: adgroup.id }, body },
  });
  const resultBody = result.body as Record<string, any>;
  return { status: result.status, body: { ...resultBody, results: resultBody.platformResponse?.results ?? [] } };
}

function startRun(request: RequestContext, kind: RunKind, scope: AdsScope, options: { dryRun: boolean; maxNewCreatives: number | null }): HandlerResult {
  const layerId = normalizeUuidId(request.body.layerId, 'lyr') ?? request.body.layerId;
  if (layerId !== scope.layer.id) {
    throw notFound(`${scope.platform} ads layer of project ${scope.project.id}`, layerId);
  }

  const mock = request.mock;
  const job = startJob(mock, { organizationId: scope.project.organizationId, kind, stages: runStages, projectId: scope.project.id, at: request.now });
  const run: AdsRun = {
    id: mock.ids.prefixedUuid('run'),
    organizationId: scope.project.organizationId,
    projectId: scope.project.id,
    layerId: scope.layer.id,
    platform: scope.platform,
    kind,
    jobId: job.jobId,
    dryRun: options.dryRun,
    maxNewCreatives: options.maxNewCreatives,
    status: 'running',
    actions: [],
    startedAt: request.now,
    finishedAt: null,
  };
  mock.store.adsRuns.set(run.id, run);

  const verdictId = newVerdictId(mock);
  recordAudit(mock, {
    eventType: 'ads.run.started',
    organizationId: scope.project.organizationId,
    projectId: scope.project.id,
    requestId: request.requestId,
    principal: principalOf(request),
    verdictId,
    data: { runId: run.id, kind, layerId: run.layerId, platform: platformToken(scope.platform), dryRun: run.dryRun, jobId: job.jobId },
    at: request.now,
  });
  return { status: 202, body: { jobId: job.jobId, runId: run.id, kind, status: 'running', dryRun: run.dryRun, locationUrl: `/v1/jobs/${job.jobId}`, verdictId } };
}

function decidePending(request: RequestContext, decision: 'approve' | 'reject'): HandlerResult {
  const scope = adsScope(request, { write: true });
  const pending = findPending(request, scope.project, scope.platform, request.params.pendingId);
  if (pending.status !== 'pending') {
    throw conflict(`Pending action ${pending.id} is already ${pending.status}; only a pending action can be ${decision === 'approve' ? 'approved' : 'rejected'}.`, { status: pending.status });
  }

  const verdictId = newVerdictId(request.mock);
  pending.decidedAt = request.now;
  const body = request.body as { comment?: string; reason?: string } | undefined;
  if (decision === 'approve') {
    pending.status = 'approved';
    pending.comment = body?.comment ?? null;
    scheduleDispatch(request.mock, pending, request.now);
  } else {
    pending.status = 'rejected';
    pending.rejectionReason = body?.reason ?? null;
  }

  recordAudit(request.mock, {
    eventType: decision === 'approve' ? 'ads.pending.approved' : 'ads.pending.rejected',
    organizationId: pending.organizationId,
    projectId: pending.projectId,
    requestId: request.requestId,
    principal: principalOf(request),
    verdictId,
    data: { pendingId: pending.id, actionType: pending.actionType, entityId: pending.entityId, comment: pending.comment, reason: pending.rejectionReason },
    at: request.now,
  });

  if (decision === 'approve') {
    return { status: 200, body: { pendingId: pending.id, status: 'approved', dispatched: false, dispatchedAt: null, verdictId } };
  }
  return { status: 200, body: { pendingId: pending.id, status: 'rejected', reason: pending.rejectionReason, verdictId } };
}

export const adsOperationHandlers: Record<string, Handler> = {
  pushCreative: (request) => creativeWrite(request, 'push'),
  replaceCreative: (request) => creativeWrite(request, 'replace'),
  pruneCreative: (request) => creativeWrite(request, 'prune'),

  unlockCreative(request) {
    const scope = adsScope(request, { write: true });
    syncAdsContent(request.mock, scope.project, request.now);
    const row = findAdsContent(request, scope.project, request.params.adsContentId);
    if (!row.safetyFailed || row.lockedAt === null) {
      throw notFound('Flagged creative', row.id);
    }

    const verdictId = newVerdictId(request.mock);
    row.safetyFailed = false;
    row.lockedAt = null;
    row.unlockedAt = request.now;
    row.updatedAt = request.now;
    const comment = (request.body as { comment?: string } | undefined)?.comment ?? null;
    const data = { adsContentId: row.id, containerId: row.containerId, projectId: row.projectId, platform: platformToken(scope.platform), flagged_reason: row.flaggedReason, comment, verdictId };
    emitEvent(request.mock, 'ads.creative.unlocked', row.organizationId, data, request.now);
    recordAudit(request.mock, { eventType: 'ads.creative.unlocked', organizationId: row.organizationId, projectId: row.projectId, requestId: request.requestId, principal: principalOf(request), verdictId, data, at: request.now });
    return { status: 200, body: { adsContentId: row.id, unlockedAt: new Date(request.now).toISOString(), verdictId } };
  },

  addAppleKeywords: (request) => keywordWrite(request, 'add'),
  updateAppleKeywords: (request) => keywordWrite(request, 'update'),
  deleteAppleKeywords: (request) => keywordWrite(request, 'delete'),

  runOptimizer(request) {
    const body = request.body as { platform: string; dryRun?: boolean };
    const scope = adsScope(request, { write: true, platform: platformFromToken(body.platform) });
    return startRun(request, 'ads_optimizer_run', scope, { dryRun: body.dryRun ?? false, maxNewCreatives: null });
  },

  runContentRefresh(request) {
    const scope = adsScope(request, { write: true });
    return startRun(request, 'content_refresh', scope, { dryRun: false, maxNewCreatives: (request.body as { maxNewCreatives?: number }).maxNewCreatives ?? 3 });
  },

  disableUnderperforming(request) {
    const scope = adsScope(request, { write: true });
    return startRun(request, 'disable_underperforming', scope, { dryRun: (request.body as { dryRun?: boolean }).dryRun ?? false, maxNewCreatives: null });
  },

  approvePendingAction: (request) => decidePending(request, 'approve'),
  rejectPendingAction: (request) => decidePending(request, 'reject'),

  createAdAccountOauthUrl(request) {
    const body = request.body as { platform: string; returnUrl: string };
    const platform = platformFromToken(body.platform);
    const scope = adsScope(request, { write: true, platform });
    assertPublicHttpsUrl('returnUrl', body.returnUrl);

    const connection = startConnection(request.mock, scope.project, platform, body.returnUrl, request.now);
    const url = new URL(`https://ads-connect.layers-mock.test/${platform}/authorize`);
    url.searchParams.set('state', connection.state);
    url.searchParams.set('project', scope.project.id);

    const verdictId = newVerdictId(request.mock);
    recordAudit(request.mock, {
      eventType: 'ads.account.connect_requested',
      organizationId: scope.project.organizationId,
      projectId: scope.project.id,
      requestId: request.requestId,
      principal: principalOf(request),
      verdictId,
      data: { platform: body.platform, returnUrl: body.returnUrl },
      at: request.now,
    });
    return {
      status: 200,
      body: { url: url.toString(), state: connection.state, platform: body.platform, returnUrl: body.returnUrl, expiresAt: new Date(request.now + 3_600_000).toISOString(), verdictId },
    };
  },
};
