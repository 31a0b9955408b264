// Optimizer runs, content refresh and disabling underperformers. Each starts a job; when the job
// completes, the run evaluates the layer's ads and proposes actions. A dry run only reports them.
// Otherwise each action passes the authority gate like a partner write: denied on off, queued as
// a pending action on draft, applied on auto. Guardrails that no authority overrides: entities
// younger than 3 days are left alone, top performers and healthy ads are never disabled, and an
// ad set always keeps one active ad.
import type { MockContext } from '../../context.ts';
import { emitEvent } from '../events.ts';
import { registerJobKind } from '../jobs/lifecycle.ts';
import { eligibleRows } from '../metrics/ads-content.ts';
import { dayMs } from '../metrics/intervals.ts';
import { applyWrite, type WriteDescriptor } from './apply.ts';
import { gateLevel } from './gate.ts';
import { dispatchApproved, schedulePendingExpiry } from './pending.ts';
import { classify, pauseCandidates, unitCounters } from './performance.ts';
import { platformToken } from './platforms.ts';
import type { Ad, AdsLayer, AdsRun, AuthorityAxis, PendingAction, RunKind } from './types.ts';

export const runKinds: RunKind[] = ['ads_optimizer_run', 'content_refresh', 'disable_underperforming'];

export const runStages = [
  { name: 'collecting', share: 0.3, cancelable: true },
  { name: 'evaluating', share: 0.4, cancelable: true },
  { name: 'applying', share: 0.3, cancelable: false },
];

const systemActor = { actorType: 'system' as const, actorOrganizationId: null, actorApiKeyId: null };

interface Proposal {
  axis: AuthorityAxis;
  actionType: string;
  ad: Ad;
  write: WriteDescriptor;
  detail: Record<string, unknown>;
}

function gateProposal(mock: MockContext, run: AdsRun, layer: AdsLayer, proposal: Proposal, at: number): Record<string, unknown> {
  const campaign = mock.store.campaigns.get(proposal.ad.campaignId) ?? null;
  const action: Record<string, unknown> = { actionType: proposal.actionType, entityType: 'ad', entityId: proposal.ad.id, ...proposal.detail };

  if (run.dryRun) {
    return { ...action, outcome: 'proposed' };
  }

  const level = gateLevel(mock, layer, campaign, proposal.axis);
  if (level === 'off' || level === 'killed') {
    return { ...action, outcome: 'denied', reason: level === 'killed' ? 'kill_switch_active' : 'authority_axis_off' };
  }

  if (level === 'draft') {
    const pending: PendingAction = {
      id: mock.ids.prefixedUuid('pa'),
      organizationId: run.organizationId,
      projectId: run.projectId,
      platform: run.platform,
      actionType: proposal.actionType,
      entityType: 'ad',
      entityId: proposal.ad.id,
      entityName: proposal.ad.name,
      currentValue: proposal.actionType === 'pause_ad' ? proposal.ad.status : proposal.ad.creatives.map((creative) => creative.adsContentId),
      newValue: proposal.actionType === 'pause_ad' ? 'paused' : proposal.write.body.adsContentId,
      rationale: `Proposed by ${run.kind} ${run.id}: ${JSON.stringify(proposal.detail)}`,
      write: proposal.write,
      status: 'pending',
      verdictId: mock.ids.prefixedUuid('ver'),
      actor: systemActor,
      comment: null,
      rejectionReason: null,
      createdAt: at,
      expiresAt: at + 7 * dayMs,
      decidedAt: null,
      dispatchedAt: null,
      dispatchFailureReason: null,
    };
    mock.store.pendingActions.set(pending.id, pending);
    schedulePendingExpiry(mock, pending);
    return { ...action, outcome: 'queued', pendingId: pending.id };
  }

  const outcome = applyWrite(mock, proposal.write, at, systemActor);
  return outcome.ok ? { ...action, outcome: 'executed' } : { ...action, outcome: 'failed', reason: outcome.reason };
}

function activeAdsOf(mock: MockContext, run: AdsRun): Ad[] {
  return [...mock.store.ads.values()]
    .filter((ad) => ad.projectId === run.projectId && ad.platform === run.platform && ad.status === 'active')
    .sort((left, right) => left.createdAt - right.createdAt);
}

/** Pause proposals for pause candidates, keeping at least one active ad in every ad set. */
function pauseProposals(mock: MockContext, run: AdsRun, at: number, axis: AuthorityAxis, minimumSpendCents: number): Proposal[] {
  const ads = activeAdsOf(mock, run);
  const activeInAdset = new Map<string, number>();
  for (const ad of ads) {
    activeInAdset.set(ad.adsetId, (activeInAdset.get(ad.adsetId) ?? 0) + 1);
  }

  const proposals: Proposal[] = [];
  for (const ad of ads) {
    const { classification, score } = classify(ad, at);
    const spend = unitCounters(ad.id, ad.delivery, ad.createdAt, at, at).spend;
    if (!pauseCandidates.includes(classification) || spend < minimumSpendCents || (activeInAdset.get(ad.adsetId) ?? 0) <= 1) {
      continue;
    }
    activeInAdset.set(ad.adsetId, (activeInAdset.get(ad.adsetId) ?? 0) - 1);
    proposals.push({
      axis,
      actionType: 'pause_ad',
      ad,
      write: { operation: 'pauseAd', projectId: run.projectId, platform: run.platform, params: { adId: ad.id }, body: {} },
      detail: { classification, score },
    });
  }
  return proposals;
}

/** Push proposals: eligible creatives not yet on an ad set go to its first active ad. */
function refreshProposals(mock: MockContext, run: AdsRun, at: number): Proposal[] {
  const project = mock.store.projects.get(run.projectId);
  if (project === undefined) {
    return [];
  }
  const eligible = eligibleRows(mock, project, at);
  const proposals: Proposal[] = [];

  const firstAdOfAdset = new Map<string, Ad>();
  for (const ad of activeAdsOf(mock, run)) {
    if (!firstAdOfAdset.has(ad.adsetId)) {
      firstAdOfAdset.set(ad.adsetId, ad);
    }
  }

  for (const [adsetId, ad] of firstAdOfAdset) {
    const running = new Set([...mock.store.ads.values()].filter((candidate) => candidate.adsetId === adsetId).flatMap((candidate) => candidate.creatives.map((creative) => creative.adsContentId)));
    const fresh = eligible.filter((row) => !running.has(row.id)).slice(0, run.maxNewCreatives ?? 3);
    for (const row of fresh) {
      proposals.push({
        axis: 'creative',
        actionType: 'push_creative',
        ad,
        write: { operation: 'pushCreative', projectId: run.projectId, platform: run.platform, params: { adId: ad.id }, body: { adsContentId: row.id } },
        detail: { adsContentId: row.id },
      });
    }
  }
  return proposals;
}

function completeRun(mock: MockContext, run: AdsRun, at: number): Record<string, unknown> {
  const layer = mock.store.adsLayers.get(run.layerId);
  if (layer === undefined) {
    throw new Error(`Run ${run.id} names layer ${run.layerId}, which does not exist.`);
  }

  let proposals: Proposal[];
  if (run.kind === 'content_refresh') {
    proposals = refreshProposals(mock, run, at);
  } else if (run.kind === 'disable_underperforming') {
    // Content refresh disables only after $5 of spend, and each disable is a creative decision.
    proposals = pauseProposals(mock, run, at, 'creative', 500);
  } else {
    proposals = pauseProposals(mock, run, at, 'structural', 0);
  }

  run.actions = proposals.map((proposal) => gateProposal(mock, run, layer, proposal, at));
  for (const action of run.actions) {
    emitEvent(mock, 'ads.optimizer.action', run.organizationId, { runId: run.id, projectId: run.projectId, platform: platformToken(run.platform), ...action }, at);
  }

  const dispatched = run.kind === 'ads_optimizer_run' && !run.dryRun ? dispatchApproved(mock, run.projectId, run.platform, at) : [];
  run.status = 'completed';
  run.finishedAt = at;

  const changes = run.actions.map((action) => `${String(action.outcome)}: ${String(action.actionType)} on ad ${String(action.entityId)}`);
  if (run.kind === 'ads_optimizer_run') {
    emitEvent(mock, 'ads.optimizer.run.completed', run.organizationId, { runId: run.id, layerId: run.layerId, projectId: run.projectId, platform: platformToken(run.platform), dryRun: run.dryRun, changes, dispatchedPendingIds: dispatched.map((pending) => pending.id) }, at);
  }
  return { runId: run.id, kind: run.kind, dryRun: run.dryRun, actions: run.actions.length, dispatchedPendingActions: dispatched.length };
}

function runOfJob(mock: MockContext, jobId: string): AdsRun | undefined {
  return [...mock.store.adsRuns.values()].find((run) => run.jobId === jobId);
}

for (const kind of runKinds) {
  registerJobKind(kind, {
    onComplete(mock, job, at) {
      const run = runOfJob(mock, job.jobId);
      if (run !== undefined) {
        job.result = completeRun(mock, run, at);
      }
    },
    onCancel(mock, job, at) {
      const run = runOfJob(mock, job.jobId);
      if (run !== undefined) {
        run.status = 'canceled';
        run.finishedAt = at;
      }
    },
  });
}
