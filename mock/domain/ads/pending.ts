// Pending actions: writes queued by a draft axis. Approval does not dispatch at once: an approved
// action runs on the next optimizer tick (every 6 hours, at 00, 06, 12 and 18 UTC) or when a
// manual optimizer run of its layer completes. A pending action that is not decided within 7 days
// is rejected.
import type { MockContext } from '../../context.ts';
import { recordAudit, type AuditInput } from '../audit/record.ts';
import { emitEvent } from '../events.ts';
import { applyWrite } from './apply.ts';
import { platformToken } from './platforms.ts';
import type { AdsPlatform, PendingAction } from './types.ts';

export const pendingExpireTask = 'ads.pending.expire';
export const pendingDispatchTask = 'ads.pending.dispatch';
export const optimizerTickMs = 6 * 3_600_000;

export function schedulePendingExpiry(mock: MockContext, pending: PendingAction): void {
  mock.scheduler.schedule(pendingExpireTask, pending.expiresAt, { pendingId: pending.id });
}

/** Returns the first optimizer tick strictly after `at`. */
export function nextOptimizerTick(at: number): number {
  return (Math.floor(at / optimizerTickMs) + 1) * optimizerTickMs;
}

export function scheduleDispatch(mock: MockContext, pending: PendingAction, at: number): void {
  mock.scheduler.schedule(pendingDispatchTask, nextOptimizerTick(at), { projectId: pending.projectId, platform: pending.platform });
}

function auditActor(pending: PendingAction): Pick<AuditInput, 'actorType' | 'actorApiKeyId' | 'actorOrganizationId'> {
  return { actorType: pending.actor.actorType, actorApiKeyId: pending.actor.actorApiKeyId, actorOrganizationId: pending.actor.actorOrganizationId };
}

/** Dispatches every approved action of the project's layer, oldest first. */
export function dispatchApproved(mock: MockContext, projectId: string, platform: AdsPlatform, at: number): PendingAction[] {
  const approved = [...mock.store.pendingActions.values()]
    .filter((pending) => pending.projectId === projectId && pending.platform === platform && pending.status === 'approved')
    // A stable sort on creation time keeps the table's insertion order for ties, so actions queued
    // in the same millisecond dispatch in the order they were queued.
    .sort((left, right) => left.createdAt - right.createdAt);

  for (const pending of approved) {
    const outcome = applyWrite(mock, pending.write, at, pending.actor);
    const data = { pendingId: pending.id, verdictId: pending.verdictId, projectId, platform: platformToken(platform), actionType: pending.actionType, entityType: pending.entityType, entityId: pending.entityId };

    if (outcome.ok) {
      pending.status = 'dispatched';
      pending.dispatchedAt = at;
      emitEvent(mock, 'approval.dispatched', pending.organizationId, { ...data, dispatchedAt: new Date(at).toISOString() }, at);
      emitEvent(mock, 'ads.write.executed', pending.organizationId, { ...data, operation: pending.write.operation, ...auditActor(pending) }, at);
      recordAudit(mock, { eventType: 'ads.pending.dispatched', organizationId: pending.organizationId, projectId, verdictId: pending.verdictId, ...auditActor(pending), data: { ...data, platformResponse: outcome.platformResponse }, at });
    } else {
      pending.status = 'dispatch_failed';
      pending.dispatchFailureReason = outcome.reason;
      emitEvent(mock, 'approval.dispatch_failed', pending.organizationId, { ...data, reason: outcome.reason }, at);
      recordAudit(mock, { eventType: 'ads.pending.dispatch_failed', organizationId: pending.organizationId, projectId, verdictId: pending.verdictId, ...auditActor(pending), data: { ...data, reason: outcome.reason }, at });
    }
  }
  return approved;
}

export function registerPendingTasks(mock: MockContext): void {
  mock.scheduler.register(pendingExpireTask, (task, dueAt) => {
    const pending = mock.store.pendingActions.get(String(task.payload.pendingId));
    if (pending === undefined || pending.status !== 'pending') {
      return;
    }
    pending.status = 'rejected';
    pending.rejectionReason = 'expired';
    pending.decidedAt = dueAt;
    recordAudit(mock, { eventType: 'ads.pending.expired', organizationId: pending.organizationId, projectId: pending.projectId, verdictId: pending.verdictId, actorType: 'system', data: { pendingId: pending.id }, at: dueAt });
  });

  mock.scheduler.register(pendingDispatchTask, (task, dueAt) => {
    dispatchApproved(mock, String(task.payload.projectId), task.payload.platform as AdsPlatform, dueAt);
  });
}
