// Scheduling and publishing: the post lifecycle on the mock clock and its webhooks, cancel and
// reschedule, atomic targets, and the archive of a project.
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import { connectAccount, timeFromNow, uploadItem } from './lib/publishing-flows.ts';
import type { TargetClient } from './lib/target.ts';

async function readPost(target: TargetClient, id: string): Promise<any> {
  const post = await target.call({ method: 'GET', path: `/v1/scheduled-posts/${id}` });
  expectStatus(post, 200, 'GET /v1/scheduled-posts/{id}');
  return post.response.body;
}

async function schedule(target: TargetClient, containerId: string, scheduledFor: string, targets: unknown[]): Promise<any[]> {
  const scheduled = await target.call({ method: 'POST', path: `/v1/content/${containerId}/schedule`, body: { scheduledFor, targets } });
  expectStatus(scheduled, 201, 'POST /v1/content/{id}/schedule');
  return scheduled.response.body.scheduledPosts as any[];
}

export const publishingChecks: Check[] = [
  defineCheck({
    id: 'publishing.lifecycle',
    title: 'A scheduled post moves through its states on the clock and emits its webhooks',
    area: 'publishing',
    guarantees: ['POST-LIFECYCLE', 'POST-WEBHOOKS'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const control = context.control!;
      const project = (await createProject(target)).response.body;
      const accountId = await connectAccount(target, control, project.id);
      const item = await uploadItem(target, project.id);

      const [post] = await schedule(target, item.id, await timeFromNow(control, 120_000), [{ socialAccountId: accountId, mode: 'publish', captionOverride: 'On the clock' }]);
      expectEqual(post.status, 'queued', 'a new post is queued');

      await control.advanceClock(60_000);
      expectEqual((await readPost(target, post.id)).status, 'queued', 'the post stays queued before scheduledFor');

      await control.advanceClock(60_000);
      const publishing = await readPost(target, post.id);
      expectEqual(publishing.status, 'publishing', 'at scheduledFor the post is publishing');
      expectTrue(publishing.attemptedAt !== null, 'attemptedAt is set once publishing starts');

      await control.advanceClock(10_000);
      const published = await readPost(target, post.id);
      expectEqual(published.status, 'published', 'the post is published after the publish step');
      expectTrue(typeof published.externalId === 'string' && typeof published.externalUrl === 'string', 'a published post has externalId and externalUrl');

      const events = await control.events(project.organizationId, ['post.scheduled', 'post.published']);
      const mine = events.filter((event) => event.data.scheduledPostId === post.id);
      expectEqual(mine.map((event) => event.type), ['post.scheduled', 'post.published'], 'the post emits post.scheduled then post.published, once each');
      for (const event of mine) {
        expectEqual(event.data.containerId, item.id, `${event.type} names the container`);
        expectEqual(event.data.organizationId, project.organizationId, `${event.type} carries data.organizationId`);
      }
      expectEqual(mine[1]?.data.externalId, published.externalId, 'post.published carries the externalId of the post');
    },
  }),

  defineCheck({
    id: 'publishing.cancel-reschedule',
    title: 'Only queued posts move or cancel; one bad target rejects the whole schedule; archive cancels',
    area: 'publishing',
    guarantees: ['POST-CANCEL-RESCHEDULE', 'POST-ATOMIC-TARGETS', 'POST-ARCHIVE-CANCELS', 'POST-WEBHOOKS'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const control = context.control!;
      const project = (await createProject(target)).response.body;
      const accountId = await connectAccount(target, control, project.id);
      const otherAccountId = await connectAccount(target, control, project.id, 'instagram');
      const item = await uploadItem(target, project.id);
      const [post] = await schedule(target, item.id, await timeFromNow(control, 3_600_000), [{ socialAccountId: accountId, mode: 'publish' }]);

      // Any time less than 30 s ahead is rejected and leaves the post as it was; later times move it.
      // Exactly 30 s is left out, because the clock runs on between reading it and the request.
      await assertProperty(context, [fc.integer({ min: -120, max: 6 * 3600 }).filter((seconds) => seconds !== 30)], async (offsetSeconds) => {
        const before = await readPost(target, post.id);
        const scheduledFor = await timeFromNow(control, offsetSeconds * 1000);
        const moved = await target.call({ method: 'POST', path: `/v1/scheduled-posts/${post.id}/reschedule`, body: { scheduledFor } });

        if (offsetSeconds < 30) {
          expectErrorCode(moved, 422, 'VALIDATION', `rescheduling ${offsetSeconds} s ahead`);
          expectEqual((await readPost(target, post.id)).scheduledFor, before.scheduledFor, 'a refused reschedule changes nothing');
        } else {
          expectStatus(moved, 200, `rescheduling ${offsetSeconds} s ahead`);
          expectEqual(moved.response.body.scheduledFor, scheduledFor, 'the post takes the new time', moved);
        }
      }, { numRuns: Math.min(context.numRuns, 12) });

      const canceled = await target.call({ method: 'DELETE', path: `/v1/scheduled-posts/${post.id}`, body: { reason: 'changed plans' } });
      expectStatus(canceled, 200, 'DELETE /v1/scheduled-posts/{id}');
      expectEqual(canceled.response.body.status, 'canceled', 'the post is canceled', canceled);
      const cancelAgain = await target.call({ method: 'DELETE', path: `/v1/scheduled-posts/${post.id}` });
      expectErrorCode(cancelAgain, 409, 'CONFLICT', 'canceling a canceled post');
      const moveCanceled = await target.call({ method: 'POST', path: `/v1/scheduled-posts/${post.id}/reschedule`, body: { scheduledFor: await timeFromNow(control, 7_200_000) } });
      expectErrorCode(moveCanceled, 409, 'CONFLICT', 'rescheduling a canceled post');
      const canceledEvents = await control.events(project.organizationId, ['post.canceled']);
      expectTrue(canceledEvents.some((event) => event.data.scheduledPostId === post.id), 'post.canceled is emitted for the post');

      const countBefore = (await target.call({ method: 'GET', path: `/v1/projects/${project.id}/scheduled-posts` })).response.body.items.length as number;
      const unknownAccount = 'sa_00000000-0000-4000-8000-000000000000';
      const mixed = await target.call({
        method: 'POST',
        path: `/v1/content/${item.id}/schedule`,
        body: { scheduledFor: await timeFromNow(control, 3_600_000), targets: [{ socialAccountId: otherAccountId, mode: 'publish' }, { socialAccountId: unknownAccount, mode: 'publish' }] },
      });
      expectErrorCode(mixed, 422, 'VALIDATION', 'a schedule with one unknown account');
      expectEqual(mixed.response.body.error.details.issues[0].path, 'targets.1.socialAccountId', 'the refusal names the bad target', mixed);
      const countAfter = (await target.call({ method: 'GET', path: `/v1/projects/${project.id}/scheduled-posts` })).response.body.items.length as number;
      expectEqual(countAfter, countBefore, 'a rejected schedule creates no post for the valid target either');

      await schedule(target, item.id, await timeFromNow(control, 3_600_000), [{ socialAccountId: accountId, mode: 'draft' }, { socialAccountId: otherAccountId, mode: 'publish' }]);
      const archived = await target.call({ method: 'DELETE', path: `/v1/projects/${project.id}` });
      expectStatus(archived, 200, 'archiving the project');
      expectEqual(archived.response.body.canceledScheduledPosts, 2, 'archive cancels the two queued posts', archived);
      const remaining = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/scheduled-posts`, query: { status: 'queued' } });
      expectEqual(remaining.response.body.items.length, 0, 'no queued post is left', remaining);
    },
  }),
];
