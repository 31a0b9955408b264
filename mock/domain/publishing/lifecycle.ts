// The scheduled-post lifecycle on the mock clock: queued until scheduledFor, then publishing for
// publishDurationMs, then published (mode publish), draft (mode draft) or failed. At scheduledFor
// the gate is checked again, as the docs describe for the publish-due step: the account must still
// be connected and the content still completed and not waiting for or refused in review.
import type { MockContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { ScheduledPost } from '../../state/types.ts';
import { failureMarker } from '../content/generation.ts';
import { emitPostEvent } from './post-events.ts';

export const publishDueTask = 'post.publish-due';
export const publishFinishTask = 'post.publish-finish';

/** Mock time between the start of publishing and its outcome. */
export const publishDurationMs = 5000;

/** The delay publish adds before posting: the window in which the post can still be canceled. */
export const publishCancelWindowMs = 30_000;

const externalHost = 'https://social.layers-mock.test';

export function schedulePublish(mock: MockContext, post: ScheduledPost, at: number): void {
  if (mock.config.defects.has('scheduled-posts-stuck')) {
    return;
  }
  post.taskId = mock.scheduler.schedule(publishDueTask, Math.max(post.scheduledFor, at), { scheduledPostId: post.id });
}

function failPost(mock: MockContext, post: ScheduledPost, error: { code: string; message: string }, at: number): void {
  post.status = 'failed';
  post.lastError = error;
  post.taskId = null;
  post.updatedAt = at;
  emitPostEvent(mock, 'post.failed', post, { error }, at);
}

/** Finds why a due post cannot go out; returns null when it can. */
function gateFailure(mock: MockContext, post: ScheduledPost): { code: string; message: string } | null {
  const account = mock.store.socialAccounts.get(post.socialAccountId);
  const container = mock.store.containers.get(post.containerId);

  if (account === undefined || account.status === 'disconnected') {
    return { code: 'ACCOUNT_DISCONNECTED', message: `Social account ${post.socialAccountId} is disconnected; connect an account and schedule again.` };
  }
  if (account.status === 'reauth_required') {
    return { code: 'CREDENTIAL_INVALID', message: `The token of social account ${account.id} is no longer valid; reauthorize it with POST /v1/projects/${account.projectId}/social/reauth-url.` };
  }
  if (container === undefined || container.status !== 'completed') {
    return { code: 'CONTENT_NOT_READY', message: `Container ${post.containerId} is not completed; wait for its generation and schedule again.` };
  }
  if (container.approvalStatus === 'pending') {
    return { code: 'APPROVAL_REQUIRED', message: `Container ${container.id} is pending review; approve it before it can be published.` };
  }
  if (container.approvalStatus === 'rejected') {
    return { code: 'CONTENT_REJECTED', message: `Container ${container.id} was rejected in review and cannot be published.` };
  }
  return null;
}

function startPublishing(mock: MockContext, post: ScheduledPost, at: number): void {
  post.attemptedAt = at;
  post.updatedAt = at;

  const failure = gateFailure(mock, post);
  if (failure !== null) {
    failPost(mock, post, failure, at);
    return;
  }

  post.status = 'publishing';
  post.taskId = mock.scheduler.schedule(publishFinishTask, at + publishDurationMs, { scheduledPostId: post.id });
}

function finishPublishing(mock: MockContext, post: ScheduledPost, at: number): void {
  if (post.captionOverride?.includes(failureMarker) === true) {
    failPost(mock, post, { code: 'PLATFORM_REJECTED', message: `The platform rejected the post because its caption contains the ${failureMarker} marker.` }, at);
    return;
  }

  post.taskId = null;
  post.updatedAt = at;
  if (post.mode === 'draft') {
    // NOTE: the webhook catalogue has no event for a draft delivered to the creator's inbox, so a
    // draft emits nothing here; poll GET /v1/scheduled-posts/{id} for it.
    post.status = 'draft';
    return;
  }

  const account = mock.store.socialAccounts.get(post.socialAccountId);
  const externalId = String(7_300_000_000_000_000_000n + BigInt(mock.ids.bytes(6).readUIntBE(0, 6)));
  post.status = 'published';
  post.publishedAt = at;
  post.externalId = externalId;
  post.externalUrl = `${externalHost}/${post.platform}/@${account?.handle ?? 'account'}/${externalId}`;

  emitPostEvent(mock, 'post.published', post, {
    externalId: post.externalId,
    externalUrl: post.externalUrl,
    publishedAt: isoTimestamp(at),
  }, at);
}

export function registerPublishingTasks(mock: MockContext): void {
  mock.scheduler.register(publishDueTask, (task, dueAt) => {
    const post = mock.store.scheduledPosts.get(String(task.payload.scheduledPostId));
    if (post !== undefined && post.status === 'queued') {
      startPublishing(mock, post, dueAt);
    }
  });

  mock.scheduler.register(publishFinishTask, (task, dueAt) => {
    const post = mock.store.scheduledPosts.get(String(task.payload.scheduledPostId));
    if (post !== undefined && post.status === 'publishing') {
      finishPublishing(mock, post, dueAt);
    }
  });
}
