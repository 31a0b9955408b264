import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { ScheduledPost } from '../../state/types.ts';

export function postRepresentation(post: ScheduledPost): Record<string, unknown> {
  return {
    id: post.id,
    containerId: post.containerId,
    projectId: post.projectId,
    socialAccountId: post.socialAccountId,
    platform: post.platform,
    mode: post.mode,
    status: post.status,
    scheduledFor: isoTimestamp(post.scheduledFor),
    captionOverride: post.captionOverride,
    firstCommentOverride: post.firstCommentOverride,
    externalId: post.externalId,
    externalUrl: post.externalUrl,
    attemptedAt: nullableIso(post.attemptedAt),
    publishedAt: nullableIso(post.publishedAt),
    canceledAt: nullableIso(post.canceledAt),
    cancelReason: post.cancelReason,
    lastError: post.lastError,
    createdAt: isoTimestamp(post.createdAt),
    updatedAt: isoTimestamp(post.updatedAt),
  };
}
