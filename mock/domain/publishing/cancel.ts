// Canceling queued posts, shared by the routes that take an account or project out of service:
// revoke, lease release and project archive. A post already publishing goes on (best effort).
import type { MockContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { ScheduledPost } from '../../state/types.ts';
import { emitPostEvent } from './post-events.ts';

export function cancelPost(mock: MockContext, post: ScheduledPost, reason: string | null, at: number): void {
  if (post.taskId !== null) {
    mock.scheduler.cancel(post.taskId);
  }

  post.status = 'canceled';
  post.canceledAt = at;
  post.cancelReason = reason;
  post.taskId = null;
  post.updatedAt = at;

  emitPostEvent(mock, 'post.canceled', post, {
    canceledAt: isoTimestamp(at),
    reason,
  }, at);
}

/** Cancels every queued post that `matches`; returns how many it canceled. */
export function cancelQueuedPosts(mock: MockContext, matches: (post: ScheduledPost) => boolean, reason: string, at: number): number {
  let canceled = 0;
  for (const post of mock.store.scheduledPosts.values()) {
    if (post.status === 'queued' && matches(post)) {
      cancelPost(mock, post, reason, at);
      canceled += 1;
    }
  }
  return canceled;
}
