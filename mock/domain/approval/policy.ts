// The content review policy of a project. auto_approve: new content is not_required. review_all:
// every new item starts pending. review_first_n: new items start pending until firstN items of
// the project have been approved. Rejections do not count toward firstN, because the older
// approval docs say a rejection does not move the first-N counter. The older approval-policy resource is a
// second view of the same row.
import type { MockContext } from '../../context.ts';
import type { Container, ContentReviewPolicy, Project } from '../../state/types.ts';
import { parseIsoDuration } from '../iso-duration.ts';

export const autoApproveTask = 'content.auto-approve';

export function policyOf(mock: MockContext, projectId: string): ContentReviewPolicy {
  return mock.store.reviewPolicies.get(projectId) ?? { projectId, policy: 'auto_approve', firstN: null, autoApproveAfter: null, updatedAt: 0 };
}

export function approvedCount(mock: MockContext, projectId: string): number {
  let count = 0;
  for (const container of mock.store.containers.values()) {
    if (container.projectId === projectId && container.approvalStatus === 'approved') {
      count += 1;
    }
  }
  return count;
}

export function pendingCount(mock: MockContext, projectId: string): number {
  let count = 0;
  for (const container of mock.store.containers.values()) {
    if (container.projectId === projectId && container.approvalStatus === 'pending') {
      count += 1;
    }
  }
  return count;
}

/** True when content created now in the project would start pending. */
export function reviewRequired(mock: MockContext, projectId: string): boolean {
  const policy = policyOf(mock, projectId);
  if (policy.policy === 'review_all') {
    return true;
  }
  if (policy.policy === 'review_first_n') {
    return approvedCount(mock, projectId) < (policy.firstN ?? 0);
  }
  return false;
}

/** Keeps the project's requiresApproval field equal to what the policy does to new content. */
export function syncRequiresApproval(mock: MockContext, project: Project): void {
  project.requiresApproval = reviewRequired(mock, project.id);
}

/**
 * Sets the approval status of a new or regenerated container from its project's policy, and
 * schedules the timed approval of the older autoApproveAfter setting.
 */
export function enterReview(mock: MockContext, container: Container, at: number): void {
  if (!reviewRequired(mock, container.projectId)) {
    container.approvalStatus = 'not_required';
    return;
  }

  const wasApproved = container.approvalStatus === 'approved';
  container.approvalStatus = 'pending';
  const project = mock.store.projects.get(container.projectId);
  if (wasApproved && project !== undefined) {
    // A regenerated item leaves the approved count, which can reopen a review_first_n gate.
    syncRequiresApproval(mock, project);
  }

  for (const [taskId, task] of mock.store.tasks) {
    if (task.kind === autoApproveTask && task.payload.containerId === container.id) {
      mock.scheduler.cancel(taskId);
    }
  }

  const delay = policyOf(mock, container.projectId).autoApproveAfter;
  const delayMs = delay === null ? null : parseIsoDuration(delay);
  if (delayMs !== null) {
    mock.scheduler.schedule(autoApproveTask, at + delayMs, { containerId: container.id });
  }
}
