// Approval: approve, reject, and the review policy in its newer (content-review-policy) and older
// (approval-policy) forms, which read and write the same row.
import { principalOf, type Handler, type MockContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { ContentReviewPolicy, Project, ReviewPolicyName } from '../../state/types.ts';
import { findContainer } from '../content/find.ts';
import { parseIsoDuration } from '../iso-duration.ts';
import { findProject } from '../projects/rules.ts';
import { approveContainer, assertPending, rejectContainer } from './decisions.ts';
import { pendingCount, policyOf, reviewRequired, syncRequiresApproval } from './policy.ts';

function reviewPolicyView(mock: MockContext, policy: ContentReviewPolicy): Record<string, unknown> {
  const body: Record<string, unknown> = { projectId: policy.projectId, policy: policy.policy };
  if (policy.policy === 'review_first_n') {
    body.firstN = policy.firstN;
  }
  body.pendingCount = pendingCount(mock, policy.projectId);
  if (mock.store.reviewPolicies.has(policy.projectId)) {
    body.updatedAt = isoTimestamp(policy.updatedAt);
  }
  return body;
}

function approvalPolicyView(mock: MockContext, policy: ContentReviewPolicy): Record<string, unknown> {
  const stored = mock.store.reviewPolicies.has(policy.projectId);
  return {
    projectId: policy.projectId,
    requiresApproval: reviewRequired(mock, policy.projectId),
    firstNPostsBlocked: policy.policy === 'review_first_n' ? policy.firstN : null,
    autoApproveAfter: policy.autoApproveAfter,
    currentBlockedCount: pendingCount(mock, policy.projectId),
    updatedAt: stored ? isoTimestamp(policy.updatedAt) : null,
  };
}

function savePolicy(mock: MockContext, project: Project, next: ContentReviewPolicy): void {
  mock.store.reviewPolicies.set(project.id, next);
  syncRequiresApproval(mock, project);
}

export const approvalHandlers: Record<string, Handler> = {
  approveContent(request) {
    const container = findContainer(request);
    assertPending(container, 'approve');

    const note = (request.body as { note?: string } | undefined)?.note ?? null;
    const decision = approveContainer(request.mock, container, principalOf(request).apiKey.id, note, request.now);

    return {
      status: 200,
      body: { id: container.id, projectId: container.projectId, approvalStatus: 'approved', approvedAt: isoTimestamp(decision.decidedAt), approvedBy: decision.decidedBy, note },
    };
  },

  rejectContent(request) {
    const container = findContainer(request);
    assertPending(container, 'reject');

    const reason = (request.body as { reason: string }).reason;
    const decision = rejectContainer(request.mock, container, principalOf(request).apiKey.id, reason, request.now);

    return {
      status: 200,
      body: { id: container.id, projectId: container.projectId, approvalStatus: 'rejected', rejectedAt: isoTimestamp(decision.decidedAt), rejectedBy: decision.decidedBy, reason },
    };
  },

  getContentReviewPolicy(request) {
    const project = findProject(request, request.params.projectId);
    return { status: 200, body: reviewPolicyView(request.mock, policyOf(request.mock, project.id)) };
  },

  patchContentReviewPolicy(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { policy: ReviewPolicyName; firstN?: number };
    const current = policyOf(request.mock, project.id);

    savePolicy(request.mock, project, {
      projectId: project.id,
      policy: body.policy,
      firstN: body.policy === 'review_first_n' ? (body.firstN as number) : null,
      autoApproveAfter: current.autoApproveAfter,
      updatedAt: request.now,
    });
    return { status: 200, body: reviewPolicyView(request.mock, policyOf(request.mock, project.id)) };
  },

  getApprovalPolicy(request) {
    const project = findProject(request, request.params.projectId);
    return { status: 200, body: approvalPolicyView(request.mock, policyOf(request.mock, project.id)) };
  },

  patchApprovalPolicy(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { requiresApproval?: boolean; firstNPostsBlocked?: number | null; autoApproveAfter?: string | null };
    const current = policyOf(request.mock, project.id);

    if (typeof body.autoApproveAfter === 'string' && parseIsoDuration(body.autoApproveAfter) === null) {
      throw validationError('autoApproveAfter', `must be an ISO-8601 duration in days, hours, minutes or seconds such as PT24H, P7D or PT30M; ${JSON.stringify(body.autoApproveAfter)} is not one.`);
    }

    const requiresApproval = body.requiresApproval ?? current.policy !== 'auto_approve';
    const firstN = 'firstNPostsBlocked' in body ? body.firstNPostsBlocked ?? null : current.firstN;
    let policy: ReviewPolicyName = 'auto_approve';
    if (requiresApproval) {
      policy = firstN !== null && firstN > 0 ? 'review_first_n' : 'review_all';
    }

    savePolicy(request.mock, project, {
      projectId: project.id,
      policy,
      firstN: policy === 'review_first_n' ? firstN : null,
      autoApproveAfter: 'autoApproveAfter' in body ? body.autoApproveAfter ?? null : current.autoApproveAfter,
      updatedAt: request.now,
    });
    return { status: 200, body: approvalPolicyView(request.mock, policyOf(request.mock, project.id)) };
  },
};
