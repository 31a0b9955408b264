// Scheduling and publishing: schedule, publish now, list, read, reschedule and cancel.
import { principalOf, type Handler, type MockContext, type RequestContext } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project, ScheduledPost } from '../../state/types.ts';
import { findContainer } from '../content/find.ts';
import { onProjectArchived } from '../projects/handlers.ts';
import { findProject } from '../projects/rules.ts';
import { cancelPost, cancelQueuedPosts } from './cancel.ts';
import { publishCancelWindowMs, schedulePublish } from './lifecycle.ts';
import { postRepresentation } from './representation.ts';
import { createScheduledPosts, type ScheduleTarget } from './schedule.ts';

/** The earliest a reschedule may move a post to, from now. */
const rescheduleLeadMs = 30_000;

function findPost(request: RequestContext): ScheduledPost {
  const principal = principalOf(request);
  const id = normalizeUuidId(String(request.params.scheduledPostId), 'sp') ?? String(request.params.scheduledPostId);
  const post = request.mock.store.scheduledPosts.get(id);

  if (post === undefined || post.organizationId !== principal.organization.id) {
    throw notFound('Scheduled post', id);
  }
  return post;
}

function assertQueued(post: ScheduledPost, action: string): void {
  if (post.status !== 'queued') {
    throw conflict(`Scheduled post ${post.id} is ${post.status}; only a queued post can be ${action}.`, { scheduledPostId: post.id, status: post.status });
  }
}

onProjectArchived((mock: MockContext, project: Project, at: number) =>
  cancelQueuedPosts(mock, (post) => post.projectId === project.id, 'project_archived', at),
);

export const publishingHandlers: Record<string, Handler> = {
  scheduleContent(request) {
    const container = findContainer(request);
    const body = request.body as { scheduledFor: string; targets: ScheduleTarget[] };
    return createScheduledPosts(request, container, body.targets, Date.parse(body.scheduledFor));
  },

  publishContent(request) {
    const container = findContainer(request);
    const body = request.body as { targets: ScheduleTarget[] };
    return createScheduledPosts(request, container, body.targets, request.now + publishCancelWindowMs);
  },

  listScheduledPosts(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const until = query.until === undefined ? undefined : Date.parse(query.until);
    const accountFilter = query.socialAccountId === undefined ? undefined : normalizeUuidId(String(query.socialAccountId), 'sa');

    const rows = [...request.mock.store.scheduledPosts.values()].filter(
      (post) =>
        post.projectId === project.id &&
        (query.status === undefined || (query.status as string[]).includes(post.status)) &&
        (accountFilter === undefined || post.socialAccountId === accountFilter) &&
        (since === undefined || post.scheduledFor >= since) &&
        (until === undefined || post.scheduledFor <= until),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (post) => ({ createdAt: post.scheduledFor, id: post.id }) });
    return { status: 200, body: { items: page.items.map(postRepresentation), nextCursor: page.nextCursor } };
  },

  getScheduledPost(request) {
    return { status: 200, body: postRepresentation(findPost(request)) };
  },

  rescheduleScheduledPost(request) {
    const post = findPost(request);
    const scheduledFor = Date.parse((request.body as { scheduledFor: string }).scheduledFor);
    assertQueued(post, 'rescheduled');
    if (scheduledFor < request.now + rescheduleLeadMs) {
      throw validationError('scheduledFor', `must be at least 30 s in the future; ${isoTimestamp(scheduledFor)} is not (now is ${isoTimestamp(request.now)}).`);
    }

    if (post.taskId !== null) {
      request.mock.scheduler.cancel(post.taskId);
    }
    post.scheduledFor = scheduledFor;
    post.updatedAt = request.now;
    schedulePublish(request.mock, post, request.now);
    return { status: 200, body: postRepresentation(post) };
  },

  cancelScheduledPost(request) {
    const post = findPost(request);
    assertQueued(post, 'canceled');

    cancelPost(request.mock, post, (request.body as { reason?: string } | undefined)?.reason ?? null, request.now);
    return { status: 200, body: postRepresentation(post) };
  },
};
