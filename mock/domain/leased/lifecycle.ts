// A lease request moves on the mock clock through the changelog's vocabulary: requested, then
// in_review after 1 minute, provisioning after 5 and assigned after 15, when the accounts appear.
// Layers fulfils real requests by hand within about 48 business hours; the mock compresses that
// so a test can advance the clock past it. A note containing the failure marker makes provisioning
// end in failed instead.
import type { MockContext } from '../../context.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { LeaseRequest, SocialAccount } from '../../state/types.ts';
import { failureMarker } from '../content/generation.ts';
import { emitEvent } from '../events.ts';
import { createSocialAccount } from '../social/accounts.ts';

export const leaseAdvanceTask = 'lease.advance';

/** Offsets from submission at which a request enters each later status. */
export const leaseSchedule = { in_review: 60_000, provisioning: 300_000, assigned: 900_000 } as const;

/** $150 a month per leased account, charged on assignment (the docs' monthlyPriceCents). */
export const monthlyPriceCents = 15_000;

const monthMs = 30 * 24 * 60 * 60 * 1000;

export function leaseRequestRepresentation(request: LeaseRequest): Record<string, unknown> {
  return {
    requestId: request.id,
    projectId: request.projectId,
    status: request.status,
    count: request.count,
    niche: structuredClone(request.niche),
    target: request.target,
    note: request.note,
    assignedSocialAccountIds: [...request.assignedSocialAccountIds],
    monthlyPriceCents,
    failureReason: request.failureReason,
    submittedAt: isoTimestamp(request.submittedAt),
    inReviewAt: nullableIso(request.inReviewAt),
    provisioningAt: nullableIso(request.provisioningAt),
    assignedAt: nullableIso(request.assignedAt),
    failedAt: nullableIso(request.failedAt),
    updatedAt: isoTimestamp(request.updatedAt),
  };
}

export function leasedAccountRepresentation(account: SocialAccount, assignedAt: number, now: number): Record<string, unknown> {
  const active = account.status !== 'disconnected';
  const periods = Math.floor(Math.max(0, now - assignedAt) / monthMs) + 1;

  return {
    socialAccountId: account.id,
    projectId: account.projectId,
    leaseRequestId: account.leaseRequestId,
    platform: account.platform,
    handle: account.handle,
    followers: account.followers,
    status: active ? 'assigned' : 'disconnected',
    assignedAt: isoTimestamp(assignedAt),
    nextRenewalAt: active ? isoTimestamp(assignedAt + periods * monthMs) : null,
    disconnectedAt: nullableIso(account.disconnectedAt),
    monthlyPriceCents,
  };
}

function assign(mock: MockContext, request: LeaseRequest, at: number): void {
  for (let index = 0; index < request.count; index += 1) {
    const account = createSocialAccount(mock, {
      organizationId: request.organizationId,
      projectId: request.projectId,
      platform: 'tiktok',
      handle: `${request.niche.vertical.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 16)}_${mock.ids.bytes(3).toString('hex')}`,
      leased: true,
      leaseRequestId: request.id,
      scopes: [],
      at,
    });
    request.assignedSocialAccountIds.push(account.id);
  }

  request.status = 'assigned';
  request.assignedAt = at;
  emitEvent(mock, 'lease_request.assigned', request.organizationId, {
    requestId: request.id,
    projectId: request.projectId,
    status: 'assigned',
    assignedSocialAccountIds: [...request.assignedSocialAccountIds],
    assignedAt: isoTimestamp(at),
  }, at);
}

function fail(mock: MockContext, request: LeaseRequest, at: number): void {
  request.status = 'failed';
  request.failedAt = at;
  request.failureReason = `Provisioning failed because the note contains the ${failureMarker} marker.`;
  // The webhook catalogue names lease_request.rejected, not .failed; the changelog's status is failed.
  emitEvent(mock, 'lease_request.rejected', request.organizationId, {
    requestId: request.id,
    projectId: request.projectId,
    status: 'failed',
    reason: request.failureReason,
    failedAt: isoTimestamp(at),
  }, at);
}

function advance(mock: MockContext, request: LeaseRequest, at: number): void {
  request.updatedAt = at;

  if (request.status === 'requested') {
    request.status = 'in_review';
    request.inReviewAt = at;
    mock.scheduler.schedule(leaseAdvanceTask, request.submittedAt + leaseSchedule.provisioning, { requestId: request.id });
    return;
  }
  if (request.status === 'in_review') {
    request.status = 'provisioning';
    request.provisioningAt = at;
    mock.scheduler.schedule(leaseAdvanceTask, request.submittedAt + leaseSchedule.assigned, { requestId: request.id });
    return;
  }
  if (request.status === 'provisioning') {
    if (request.note?.includes(failureMarker) === true) {
      fail(mock, request, at);
    } else {
      assign(mock, request, at);
    }
  }
}

export function registerLeaseTasks(mock: MockContext): void {
  mock.scheduler.register(leaseAdvanceTask, (task, dueAt) => {
    const request = mock.store.leaseRequests.get(String(task.payload.requestId));
    if (request !== undefined) {
      advance(mock, request, dueAt);
    }
  });
}
