// The post.* webhook events. Every one names the post, its container, account and project; each
// type adds its own fields.
import type { MockContext } from '../../context.ts';
import type { ScheduledPost } from '../../state/types.ts';
import { emitEvent } from '../events.ts';

export function emitPostEvent(mock: MockContext, type: string, post: ScheduledPost, fields: Record<string, unknown>, at: number): void {
  emitEvent(mock, type, post.organizationId, {
    scheduledPostId: post.id,
    containerId: post.containerId,
    socialAccountId: post.socialAccountId,
    projectId: post.projectId,
    ...fields,
  }, at);
}
