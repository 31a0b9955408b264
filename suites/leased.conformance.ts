// Leased accounts: the request's status vocabulary on the clock, its webhooks, and release.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { timeFromNow, uploadItem } from './lib/publishing-flows.ts';
import type { TargetClient } from './lib/target.ts';

async function readRequest(target: TargetClient, projectId: string, requestId: string): Promise<any> {
  const read = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/leased-accounts/requests/${requestId}` });
  expectStatus(read, 200, 'GET …/leased-accounts/requests/{id}');
  return read.response.body;
}

export const leasedChecks: Check[] = [
  defineCheck({
    id: 'leased.request-lifecycle',
    title: 'A lease request moves from requested to assigned on the clock, and released accounts disconnect',
    area: 'leased',
    guarantees: ['LEASE-STATUS-VOCAB', 'LEASE-WEBHOOKS', 'LEASE-RELEASE'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const control = context.control!;
      const project = (await createProject(target)).response.body;
      const requestPath = `/v1/projects/${project.id}/leased-accounts/request`;

      const mismatched = await target.call({ method: 'POST', path: requestPath, body: { projectId: 'prj_00000000-0000-4000-8000-000000000000', count: 1, niche: { vertical: 'Travel' } } });
      expectErrorCode(mismatched, 422, 'VALIDATION', 'a body projectId that differs from the path');

      const created = await target.call({ method: 'POST', path: requestPath, body: { projectId: project.id, count: 2, niche: { vertical: 'Home cooking', language: 'en', geo: ['US', 'CA'] } } });
      expectStatus(created, 201, 'POST …/leased-accounts/request');
      const requestId = created.response.body.requestId as string;
      expectEqual(created.response.body.status, 'requested', 'a new request is requested');

      const seen: string[] = [created.response.body.status];
      for (const step of [60_000, 240_000, 600_000]) {
        await control.advanceClock(step);
        seen.push((await readRequest(target, project.id, requestId)).status);
      }
      expectEqual(seen, ['requested', 'in_review', 'provisioning', 'assigned'], 'the request moves through the changelog vocabulary');

      const assigned = await readRequest(target, project.id, requestId);
      const accountIds = assigned.assignedSocialAccountIds as string[];
      expectEqual(accountIds.length, 2, 'count accounts are assigned');
      const social = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/social-accounts`, query: { leased: true } });
      expectEqual((social.response.body.items as any[]).map((item) => item.socialAccountId).sort(), [...accountIds].sort(), 'the assigned accounts are listed as leased social accounts', social);

      const events = await control.events(project.organizationId, ['lease_request.assigned']);
      const mine = events.filter((event) => event.data.requestId === requestId);
      expectEqual(mine.length, 1, 'lease_request.assigned is emitted once');
      expectEqual([...(mine[0]?.data.assignedSocialAccountIds ?? [])].sort(), [...accountIds].sort(), 'the webhook names the assigned accounts');

      const doomed = await target.call({ method: 'POST', path: requestPath, body: { projectId: project.id, count: 1, niche: { vertical: 'Finance' }, note: 'please fail [mock:fail]' } });
      await control.advanceClock(900_000);
      const failed = await readRequest(target, project.id, doomed.response.body.requestId as string);
      expectEqual(failed.status, 'failed', 'a request that cannot be provisioned ends failed');
      const rejectedEvents = await control.events(project.organizationId, ['lease_request.rejected']);
      expectTrue(rejectedEvents.some((event) => event.data.requestId === failed.requestId), 'a failed request emits lease_request.rejected');

      const leasedId = accountIds[0] as string;
      const revoke = await target.call({ method: 'DELETE', path: `/v1/social-accounts/${leasedId}` });
      expectErrorCode(revoke, 409, 'CONFLICT', 'revoking a leased account as if it were connected');

      const item = await uploadItem(target, project.id);
      const scheduled = await target.call({ method: 'POST', path: `/v1/content/${item.id}/schedule`, body: { scheduledFor: await timeFromNow(control, 3_600_000), targets: [{ socialAccountId: leasedId, mode: 'publish' }] } });
      expectStatus(scheduled, 201, 'scheduling a post on a leased account');

      const released = await target.call({ method: 'DELETE', path: `/v1/leased-accounts/${leasedId}`, body: { reason: 'season over' } });
      expectStatus(released, 200, 'DELETE /v1/leased-accounts/{id}');
      expectEqual(released.response.body.canceledScheduledPosts, 1, 'a release cancels the queued post of the account', released);
      expectEqual(released.response.body.disconnectedReason, 'released_by_partner', 'a release records its reason', released);
      const active = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/leased-accounts` });
      expectEqual((active.response.body.items as any[]).map((item) => item.socialAccountId), [accountIds[1]], 'the released account leaves the assigned list', active);
      const gone = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/leased-accounts`, query: { status: 'disconnected' } });
      expectEqual((gone.response.body.items as any[]).map((item) => item.socialAccountId), [leasedId], 'the released account is listed as disconnected', gone);
      const again = await target.call({ method: 'DELETE', path: `/v1/leased-accounts/${leasedId}` });
      expectErrorCode(again, 404, 'NOT_FOUND', 'releasing twice');
    },
  }),
];
