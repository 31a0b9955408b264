// Approve and reject. Only a pending container takes a decision: approving or rejecting twice,
// rejecting an approved item, or deciding on content that needs no review is 409 CONFLICT.
import type { MockContext } from '../../context.ts';
import { conflict } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { ApprovalDecision, Container } from '../../state/types.ts';
import { emitEvent } from '../events.ts';
import { autoApproveTask, syncRequiresApproval } from './policy.ts';

export function assertPending(container: Container, action: 'approve' | 'reject'): void {
  if (container.approvalStatus === 'pending') {
    return;
  }
  if (container.approvalStatus === 'not_required') {
    throw conflict(`Container ${container.id} does not require approval, so it cannot be ${action}d. Its project's review policy let it through.`, {
      containerId: container.id,
      approvalStatus: container.approvalStatus,
    });
  }
  throw conflict(`Container ${container.id} is already ${container.approvalStatus}; a review decision is final. Generate new content to review again.`, {
    containerId: container.id,
    approvalStatus: container.approvalStatus,
  });
}

export function approveContainer(mock: MockContext, container: Container, decidedBy: string, note: string | null, at: number): ApprovalDecision {
  const decision: ApprovalDecision = { containerId: container.id, decision: 'approved', decidedBy, decidedAt: at, note, reason: null };

  container.approvalStatus = 'approved';
  container.updatedAt = at;
  mock.store.approvalDecisions.set(container.id, decision);

  const project = mock.store.projects.get(container.projectId);
  if (project !== undefined) {
    syncRequiresApproval(mock, project);
  }

  emitEvent(mock, 'content.approved', container.organizationId, { id: container.id, projectId: container.projectId, approvedAt: isoTimestamp(at), approvedBy: decidedBy }, at);
  return decision;
}

export function rejectContainer(mock: MockContext, container: Container, decidedBy: string, reason: string, at: number): ApprovalDecision {
  const decision: ApprovalDecision = { containerId: container.id, decision: 'rejected', decidedBy, decidedAt: at, note: null, reason };

  container.approvalStatus = 'rejected';
  container.updatedAt = at;
  mock.store.approvalDecisions.set(container.id, decision);

  emitEvent(mock, 'content.rejected', container.organizationId, { id: container.id, projectId: container.projectId, rejectedAt: isoTimestamp(at), rejectedBy: decidedBy, reason }, at);
  return decision;
}

export function registerApprovalTasks(mock: MockContext): void {
  mock.scheduler.register(autoApproveTask, (scheduled, dueAt) => {
    const container = mock.store.containers.get(String(scheduled.payload.containerId));
    if (container !== undefined && container.approvalStatus === 'pending') {
      approveContainer(mock, container, 'auto_approve_after', null, dueAt);
    }
  });
}
