// The bucket-mode authority gate every ads write passes. Each axis gets its level from the
// campaign's authority, or from the layer defaults when the campaign has none or is being created.
// off denies the write with 403 AUTHORITY_DENIED, draft queues a pending action to approve, and
// auto applies it at once. An active layer kill switch denies every write. Every decision gets a
// verdictId, an audit row with the partner as actor, and an ads.write.* event.
import { principalOf, type HandlerResult, type MockContext, type RequestContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { Project } from '../../state/types.ts';
import { recordAudit } from '../audit/record.ts';
import { emitEvent } from '../events.ts';
import { registerJobKind, startJob } from '../jobs/lifecycle.ts';
import { applyWrite, type WriteDescriptor } from './apply.ts';
import { schedulePendingExpiry } from './pending.ts';
import { platformToken } from './platforms.ts';
import { effectiveAuthority } from './representation.ts';
import type { ActorRef, AdsLayer, AuthorityAxis, AuthorityLevel, Campaign, PendingAction } from './types.ts';

export const adsWriteJobKind = 'ads_write';
export const pendingLifetimeMs = 7 * 24 * 3_600_000;

export function newVerdictId(mock: MockContext): string {
  return mock.ids.prefixedUuid('ver');
}

export function partnerActor(request: RequestContext): ActorRef {
  const principal = principalOf(request);
  return { actorType: 'partner', actorOrganizationId: principal.keyOrganization.id, actorApiKeyId: principal.apiKey.id };
}

/** Returns the level that applies to the axis, or "killed" when the layer's kill switch is on. */
export function gateLevel(mock: MockContext, layer: AdsLayer, campaign: Campaign | null, axis: AuthorityAxis): AuthorityLevel | 'killed' {
  if (mock.config.defects.has('ads-authority-ignored')) {
    return 'auto';
  }
  if (layer.killSwitchActive) {
    return 'killed';
  }
  const authority = campaign === null ? layer.defaults : effectiveAuthority(mock, campaign).authority;
  return authority[axis];
}

export interface GatedWrite {
  project: Project;
  layer: AdsLayer;
  /** The campaign whose authority applies; null for a create, which the layer defaults govern. */
  campaign: Campaign | null;
  axis: AuthorityAxis;
  actionType: string;
  entityType: PendingAction['entityType'];
  entityId: string;
  entityName: string;
  currentValue: unknown;
  newValue: unknown;
  write: WriteDescriptor;
}

function eventData(gated: GatedWrite, verdictId: string, actor: ActorRef): Record<string, unknown> {
  return {
    verdictId,
    projectId: gated.project.id,
    platform: platformToken(gated.layer.platform),
    operation: gated.write.operation,
    actionType: gated.actionType,
    axis: gated.axis,
    entityType: gated.entityType,
    entityId: gated.entityId,
    actorType: actor.actorType,
    actorOrganizationId: actor.actorOrganizationId,
    actorApiKeyId: actor.actorApiKeyId,
  };
}

/** Runs a partner write through the gate and returns its 202 response, or throws the denial. */
export function runGatedWrite(request: RequestContext, gated: GatedWrite): HandlerResult {
  const mock = request.mock;
  const principal = principalOf(request);
  const actor = partnerActor(request);
  const verdictId = newVerdictId(mock);
  const level = gateLevel(mock, gated.layer, gated.campaign, gated.axis);
  const data = eventData(gated, verdictId, actor);
  const audit = { organizationId: gated.project.organizationId, projectId: gated.project.id, requestId: request.requestId, principal, verdictId, at: request.now };

  if (level === 'off' || level === 'killed') {
    const reason = level === 'killed' ? 'kill_switch_active' : 'authority_axis_off';
    recordAudit(mock, { ...audit, eventType: 'ads.write.denied', data: { ...data, reason } });
    emitEvent(mock, 'ads.write.denied', gated.project.organizationId, { ...data, reason }, request.now);
    const message =
      level === 'killed'
        ? `The ${gated.layer.platform} ads layer of project ${gated.project.id} has its kill switch on, so every write is denied. Only the customer can turn it off.`
        : `The ${gated.axis} authority axis is off for ${gated.entityType} ${gated.entityId}, so ${gated.actionType} is denied. The customer must raise the axis to draft or auto.`;
    throw new ApiError('AUTHORITY_DENIED', { reason: message }, { reason, axis: gated.axis, verdictId });
  }

  if (level === 'draft') {
    const pending: PendingAction = {
      id: mock.ids.prefixedUuid('pa'),
      organizationId: gated.project.organizationId,
      projectId: gated.project.id,
      platform: gated.layer.platform,
      actionType: gated.actionType,
      entityType: gated.entityType,
      entityId: gated.entityId,
      entityName: gated.entityName,
      currentValue: gated.currentValue,
      newValue: gated.newValue,
      rationale: `Partner write ${gated.write.operation} queued because the ${gated.axis} axis is in draft.`,
      write: gated.write,
      status: 'pending',
      verdictId,
      actor,
      comment: null,
      rejectionReason: null,
      createdAt: request.now,
      expiresAt: request.now + pendingLifetimeMs,
      decidedAt: null,
      dispatchedAt: null,
      dispatchFailureReason: null,
    };
    mock.store.pendingActions.set(pending.id, pending);
    schedulePendingExpiry(mock, pending);
    recordAudit(mock, { ...audit, eventType: 'ads.write.queued', data: { ...data, pendingId: pending.id } });
    return { status: 202, body: { status: 'pending_approval', verdictId, jobId: null, pendingId: pending.id, platformResponse: null } };
  }

  const outcome = applyWrite(mock, gated.write, request.now, actor);
  if (!outcome.ok) {
    throw new ApiError('PLATFORM_REJECTED', { reason: `The platform rejected ${gated.actionType}: ${outcome.reason}` }, { platformCode: 'INVALID_STATE', verdictId });
  }

  const job = startJob(mock, { organizationId: gated.project.organizationId, kind: adsWriteJobKind, stages: [{ name: 'dispatching', share: 1, cancelable: false }], projectId: gated.project.id, at: request.now });
  recordAudit(mock, { ...audit, eventType: 'ads.write.executed', data: { ...data, jobId: job.jobId, platformResponse: outcome.platformResponse } });
  emitEvent(mock, 'ads.write.executed', gated.project.organizationId, { ...data, jobId: job.jobId }, request.now);
  return { status: 202, body: { status: 'dispatched', verdictId, jobId: job.jobId, pendingId: null, platformResponse: outcome.platformResponse } };
}

registerJobKind(adsWriteJobKind, {
  onComplete(mock, job) {
    const row = mock.store.auditLog.find((entry) => entry.eventType === 'ads.write.executed' && entry.data.jobId === job.jobId);
    job.result = { verdictId: row?.verdictId ?? null, platformResponse: row?.data.platformResponse ?? null };
  },
});
