// Leased TikTok accounts: request, read a request, list and release.
import { principalOf, type Handler } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUlidId, normalizeUuidId } from '../../state/ids.ts';
import type { LeaseRequest } from '../../state/types.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { cancelQueuedPosts } from '../publishing/cancel.ts';
import { findSocialAccount } from '../social/accounts.ts';
import { leaseAdvanceTask, leasedAccountRepresentation, leaseRequestRepresentation, leaseSchedule } from './lifecycle.ts';

export const leasedHandlers: Record<string, Handler> = {
  requestLeasedAccounts(request) {
    const principal = principalOf(request);
    const project = findProject(request, request.params.projectId);
    const body = request.body as { projectId: string; count: number; niche: LeaseRequest['niche']; target?: string; note?: string };

    assertActive(project);
    if (normalizeUuidId(body.projectId, 'prj') !== project.id) {
      throw validationError('projectId', `must equal the project in the path (${project.id}).`);
    }

    const leaseRequest: LeaseRequest = {
      id: request.mock.ids.prefixedUlid('lreq', request.now),
      organizationId: principal.organization.id,
      projectId: project.id,
      count: body.count,
      niche: structuredClone(body.niche),
      target: body.target ?? null,
      note: body.note ?? null,
      status: 'requested',
      assignedSocialAccountIds: [],
      failureReason: null,
      submittedAt: request.now,
      inReviewAt: null,
      provisioningAt: null,
      assignedAt: null,
      failedAt: null,
      updatedAt: request.now,
    };
    request.mock.store.leaseRequests.set(leaseRequest.id, leaseRequest);
    request.mock.scheduler.schedule(leaseAdvanceTask, request.now + leaseSchedule.in_review, { requestId: leaseRequest.id });

    return { status: 201, body: leaseRequestRepresentation(leaseRequest) };
  },

  getLeaseRequest(request) {
    const project = findProject(request, request.params.projectId);
    const id = normalizeUlidId(String(request.params.requestId), 'lreq') ?? String(request.params.requestId);
    const leaseRequest = request.mock.store.leaseRequests.get(id);

    if (leaseRequest === undefined || leaseRequest.projectId !== project.id) {
      throw notFound('Lease request', id);
    }
    return { status: 200, body: leaseRequestRepresentation(leaseRequest) };
  },

  listLeasedAccounts(request) {
    const project = findProject(request, request.params.projectId);
    const statusFilter = request.query.status ?? 'assigned';
    const now = request.now;

    const rows = [...request.mock.store.socialAccounts.values()].filter(
      (account) => account.projectId === project.id && account.leased && (statusFilter === 'assigned' ? account.status !== 'disconnected' : account.status === 'disconnected'),
    );

    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (account) => ({ createdAt: account.createdAt, id: account.id }) });
    return { status: 200, body: { items: page.items.map((account) => leasedAccountRepresentation(account, account.createdAt, now)), nextCursor: page.nextCursor } };
  },

  releaseLeasedAccount(request) {
    const account = findSocialAccount(request, request.params.socialAccountId);
    if (!account.leased) {
      throw conflict(`Social account ${account.id} is not leased. Revoke a connected account with DELETE /v1/social-accounts/${account.id}.`, { socialAccountId: account.id, leased: false });
    }
    if (account.status === 'disconnected') {
      throw notFound('Leased account', account.id);
    }

    const now = request.now;
    const canceledScheduledPosts = cancelQueuedPosts(request.mock, (post) => post.socialAccountId === account.id, 'leased_account_released', now);
    account.status = 'disconnected';
    account.disconnectedAt = now;
    account.disconnectedReason = 'released_by_partner';
    account.updatedAt = now;

    return {
      status: 200,
      body: { socialAccountId: account.id, status: 'disconnected', disconnectedReason: 'released_by_partner', canceledScheduledPosts, disconnectedAt: isoTimestamp(now) },
    };
  },
};
