// Scheduling a container to one or more accounts. Every target is checked before any post is
// created, so a request creates all its posts or none (the docs: atomic, no partial success).
import { principalOf, type HandlerResult, type MockContext, type RequestContext } from '../../context.ts';
import { ApiError, conflict, validationError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Container, ScheduledPost, SocialAccount } from '../../state/types.ts';
import { assertActive } from '../projects/rules.ts';
import { schedulePublish } from './lifecycle.ts';
import { emitPostEvent } from './post-events.ts';
import { postRepresentation } from './representation.ts';

/** How far in the past scheduledFor may be, for clock skew; such a post goes out at once. */
export const scheduleSkewMs = 30_000;

/** How far ahead a post may be scheduled. */
export const maxScheduleAheadMs = 365 * 24 * 60 * 60 * 1000;

export interface ScheduleTarget {
  socialAccountId: string;
  mode: 'publish' | 'draft';
  captionOverride?: string;
  firstCommentOverride?: string;
  tiktokMusic?: string;
  shareReelToFeed?: boolean;
}

/** Enforces the approval gate: rejected content never goes out, and pending content waits for approval. */
export function assertPublishable(mock: MockContext, container: Container): void {
  const gateOn = !mock.config.defects.has('approval-gate-ignored');
  if (gateOn && container.approvalStatus === 'rejected') {
    throw new ApiError('CONTENT_REJECTED', { containerId: container.id }, { containerId: container.id, approvalStatus: 'rejected' });
  }
  if (container.status !== 'completed') {
    throw conflict(`Container ${container.id} is ${container.status}; only completed content can be scheduled. Poll GET /v1/content/${container.id}/progress until it completes.`, {
      containerId: container.id,
      status: container.status,
    });
  }
  if (gateOn && container.approvalStatus === 'pending') {
    throw new ApiError('APPROVAL_REQUIRED', { containerId: container.id, approvalStatus: 'pending' }, { containerId: container.id, approvalStatus: 'pending' });
  }
}

function resolveTargets(request: RequestContext, container: Container, targets: ScheduleTarget[]): SocialAccount[] {
  const seen = new Set<string>();

  return targets.map((target, index) => {
    const path = `targets.${index}`;
    const accountId = normalizeUuidId(target.socialAccountId, 'sa') as string;
    const account = request.mock.store.socialAccounts.get(accountId);

    if (account === undefined || account.projectId !== container.projectId || account.organizationId !== container.organizationId) {
      throw validationError(`${path}.socialAccountId`, `is not a social account of project ${container.projectId}. List them with GET /v1/projects/${container.projectId}/social-accounts.`);
    }
    if (account.status === 'disconnected') {
      throw validationError(`${path}.socialAccountId`, `names account ${account.id}, which is disconnected. Connect it again with oauth-url first.`);
    }
    if (seen.has(account.id)) {
      throw validationError(`${path}.socialAccountId`, `repeats account ${account.id}; name each account once.`);
    }
    seen.add(account.id);

    if (target.tiktokMusic !== undefined && (account.platform !== 'tiktok' || target.mode !== 'publish')) {
      throw validationError(`${path}.tiktokMusic`, 'is allowed only on TikTok targets with mode publish.');
    }
    if (target.shareReelToFeed !== undefined && (account.platform !== 'instagram' || target.mode !== 'publish' || container.preview?.kind !== 'video')) {
      throw validationError(`${path}.shareReelToFeed`, 'is allowed only on Instagram targets with mode publish and video content.');
    }
    return account;
  });
}

/** Checks the container, the time and every target, then creates one queued post per target. */
export function createScheduledPosts(request: RequestContext, container: Container, targets: ScheduleTarget[], scheduledFor: number): HandlerResult {
  const mock = request.mock;
  const now = request.now;
  const project = mock.store.projects.get(container.projectId);

  if (project !== undefined) {
    assertActive(project);
  }
  assertPublishable(mock, container);
  if (scheduledFor < now - scheduleSkewMs) {
    throw validationError('scheduledFor', `must be in the future; ${isoTimestamp(scheduledFor)} is more than 30 s before now (${isoTimestamp(now)}).`);
  }
  if (scheduledFor > now + maxScheduleAheadMs) {
    throw validationError('scheduledFor', 'must be at most 365 days ahead.');
  }
  const accounts = resolveTargets(request, container, targets);

  const posts = targets.map((target, index) => {
    const account = accounts[index] as SocialAccount;
    const post: ScheduledPost = {
      id: mock.ids.prefixedUuid('sp'),
      organizationId: principalOf(request).organization.id,
      projectId: container.projectId,
      containerId: container.id,
      socialAccountId: account.id,
      platform: account.platform,
      mode: target.mode,
      status: 'queued',
      scheduledFor: Math.max(scheduledFor, now),
      captionOverride: target.captionOverride ?? null,
      firstCommentOverride: target.firstCommentOverride ?? null,
      tiktokMusic: target.tiktokMusic ?? null,
      shareReelToFeed: target.shareReelToFeed ?? null,
      externalId: null,
      externalUrl: null,
      attemptedAt: null,
      publishedAt: null,
      canceledAt: null,
      cancelReason: null,
      lastError: null,
      taskId: null,
      createdAt: now,
      updatedAt: now,
    };
    mock.store.scheduledPosts.set(post.id, post);
    schedulePublish(mock, post, now);

    emitPostEvent(mock, 'post.scheduled', post, {
      scheduledFor: isoTimestamp(post.scheduledFor),
    }, now);
    return post;
  });

  return { status: 201, body: { containerId: container.id, scheduledPosts: posts.map(postRepresentation) } };
}
