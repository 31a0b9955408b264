// Approval: the gate on schedule and publish, final decisions, and the review policy in both of its
// forms.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { connectAccount, setReviewPolicy, timeFromNow, uploadItem } from './lib/publishing-flows.ts';
import type { TargetClient } from './lib/target.ts';

async function countPosts(target: TargetClient, projectId: string): Promise<number> {
  const list = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/scheduled-posts`, query: { limit: 100 } });
  expectStatus(list, 200, 'GET …/scheduled-posts');
  return (list.response.body.items as unknown[]).length;
}

export const approvalChecks: Check[] = [
  defineCheck({
    id: 'approval.gate',
    title: 'Pending content cannot be published until approved, and rejected content never',
    area: 'approval',
    guarantees: ['APPR-GATE-PENDING', 'APPR-GATE-REJECTED', 'APPR-DECISION-FINAL'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      await setReviewPolicy(target, project.id, { policy: 'review_all' });
      const accountId = await connectAccount(target, context.control!, project.id);
      const targets = [{ socialAccountId: accountId, mode: 'publish' }];

      const pending = await uploadItem(target, project.id);
      expectEqual(pending.approvalStatus, 'pending', 'content of a review_all project starts pending');

      const refused = await target.call({ method: 'POST', path: `/v1/content/${pending.id}/publish`, body: { targets } });
      expectErrorCode(refused, 403, 'APPROVAL_REQUIRED', 'publishing pending content');
      expectEqual(refused.response.body.error.details?.approvalStatus, 'pending', 'the refusal names the approval status', refused);
      const scheduled = await target.call({ method: 'POST', path: `/v1/content/${pending.id}/schedule`, body: { scheduledFor: await timeFromNow(context.control, 3_600_000), targets } });
      expectErrorCode(scheduled, 403, 'APPROVAL_REQUIRED', 'scheduling pending content');
      expectEqual(await countPosts(target, project.id), 0, 'a refused publish creates no post');

      const approved = await target.call({ method: 'POST', path: `/v1/content/${pending.id}/approve`, body: { note: 'Ship it' } });
      expectStatus(approved, 200, 'approving pending content');
      expectEqual(approved.response.body.approvalStatus, 'approved', 'approve returns approvalStatus approved', approved);
      const again = await target.call({ method: 'POST', path: `/v1/content/${pending.id}/approve`, body: {} });
      expectErrorCode(again, 409, 'CONFLICT', 'approving twice');

      const published = await target.call({ method: 'POST', path: `/v1/content/${pending.id}/publish`, body: { targets } });
      expectStatus(published, 201, 'publishing the same content once approved');
      expectEqual((published.response.body.scheduledPosts as unknown[]).length, 1, 'one post per target', published);

      const doomed = await uploadItem(target, project.id, 'Will be rejected');
      const rejected = await target.call({ method: 'POST', path: `/v1/content/${doomed.id}/reject`, body: { reason: 'Off brand' } });
      expectStatus(rejected, 200, 'rejecting pending content');
      expectEqual(rejected.response.body.reason, 'Off brand', 'the rejection keeps its reason', rejected);

      for (const action of ['publish', 'schedule']) {
        const body = action === 'publish' ? { targets } : { scheduledFor: await timeFromNow(context.control, 3_600_000), targets };
        const blocked = await target.call({ method: 'POST', path: `/v1/content/${doomed.id}/${action}`, body });
        expectErrorCode(blocked, 409, 'CONTENT_REJECTED', `${action} of rejected content`);
      }
      const approveRejected = await target.call({ method: 'POST', path: `/v1/content/${doomed.id}/approve`, body: {} });
      expectErrorCode(approveRejected, 409, 'CONFLICT', 'approving rejected content');
      expectEqual(await countPosts(target, project.id), 1, 'only the approved content has a post');
    },
  }),

  defineCheck({
    id: 'approval.review-policy',
    title: 'The review policy decides how new content starts, in both of its forms',
    area: 'approval',
    guarantees: ['APPR-REVIEW-POLICY', 'APPR-LEGACY-POLICY'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const policyPath = `/v1/projects/${project.id}/content-review-policy`;

      const initial = await target.call({ method: 'GET', path: policyPath });
      expectStatus(initial, 200, 'GET …/content-review-policy');
      expectEqual(initial.response.body.policy, 'auto_approve', 'a new project auto-approves', initial);
      expectEqual((await uploadItem(target, project.id)).approvalStatus, 'not_required', 'auto_approve content needs no review');

      const forbidden = await target.call({ method: 'PATCH', path: policyPath, body: { policy: 'review_all', firstN: 3 } });
      expectErrorCode(forbidden, 422, 'VALIDATION', 'firstN with review_all');
      const missing = await target.call({ method: 'PATCH', path: policyPath, body: { policy: 'review_first_n' } });
      expectErrorCode(missing, 422, 'VALIDATION', 'review_first_n without firstN');

      await setReviewPolicy(target, project.id, { policy: 'review_first_n', firstN: 2 });
      for (let index = 0; index < 2; index += 1) {
        const item = await uploadItem(target, project.id);
        expectEqual(item.approvalStatus, 'pending', `item ${index + 1} of the first 2 starts pending`);
        const approved = await target.call({ method: 'POST', path: `/v1/content/${item.id}/approve`, body: {} });
        expectStatus(approved, 200, 'approving one of the first N');
      }
      expectEqual((await uploadItem(target, project.id)).approvalStatus, 'not_required', 'after firstN approvals new content needs no review');

      const legacy = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/approval-policy` });
      expectStatus(legacy, 200, 'GET …/approval-policy');
      expectEqual(legacy.response.body.firstNPostsBlocked, 2, 'the older form shows firstN as firstNPostsBlocked', legacy);
      expectEqual(legacy.response.body.requiresApproval, false, 'the older form says new content needs no review now', legacy);

      const switched = await target.call({ method: 'PATCH', path: `/v1/projects/${project.id}/approval-policy`, body: { requiresApproval: true, firstNPostsBlocked: null } });
      expectStatus(switched, 200, 'PATCH …/approval-policy');
      const newer = await target.call({ method: 'GET', path: policyPath });
      expectEqual(newer.response.body.policy, 'review_all', 'requiresApproval true without firstN reads back as review_all', newer);
      expectTrue(!('firstN' in newer.response.body), 'review_all carries no firstN', newer);
      expectEqual((await uploadItem(target, project.id)).approvalStatus, 'pending', 'content created under review_all starts pending');
    },
  }),
];
