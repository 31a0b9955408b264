// Examples for approval, social accounts, publishing, leased accounts, engagement and the content
// upload, asset, source and regenerate routes. Without the mock's control surface no social
// account can be connected, so the routes that need one are sent with a well-formed id the target
// does not know and expect 404 or 422 instead.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { expectStatus, fail } from '../lib/assert.ts';
import { allowedReturnUrl, connectAccount, setReviewPolicy, timeFromNow, uploadItem } from '../lib/publishing-flows.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

const unknownAccountId = `sa_${randomUUID()}`;
const unknownPostId = `sp_${randomUUID()}`;

/** Returns the time one hour ahead, far enough that a scheduled post stays queued while the walk runs. */
function inOneHour(context: ExampleContext): Promise<string> {
  return timeFromNow(context.control, 60 * 60 * 1000);
}

async function projectId(context: ExampleContext): Promise<string> {
  return (await context.resource('project')).id as string;
}

async function reviewProject(context: ExampleContext): Promise<any> {
  const project = await context.fresh('project');
  await setReviewPolicy(context.target, project.id, { policy: 'review_all' });
  return project;
}

async function pendingContainer(context: ExampleContext): Promise<any> {
  const project = await context.resource('reviewProject');
  return uploadItem(context.target, project.id, 'Waiting for review');
}

/** Connects an account to the shared project; returns null when the target has no control surface. */
async function socialAccount(context: ExampleContext): Promise<string | null> {
  if (context.control === null) {
    return null;
  }
  return connectAccount(context.target, context.control, await projectId(context));
}

async function scheduledPost(context: ExampleContext): Promise<any> {
  const accountId = await context.resource<string | null>('socialAccount');
  if (accountId === null) {
    return null;
  }
  const container = await context.resource('uploadedContainer');
  const scheduled = await context.target.call({
    method: 'POST',
    path: `/v1/content/${container.id}/schedule`,
    body: { scheduledFor: await inOneHour(context), targets: [{ socialAccountId: accountId, mode: 'publish' }] },
  });
  expectStatus(scheduled, 201, 'scheduling an example post');
  return scheduled.response.body.scheduledPosts[0];
}

async function oauthState(context: ExampleContext): Promise<string | null> {
  const started = await context.target.call({ method: 'POST', path: `/v1/projects/${await projectId(context)}/social/oauth-url`, body: { platform: 'instagram', returnUrl: allowedReturnUrl } });
  return started.response.status === 200 ? (started.response.body.state as string) : null;
}

async function leaseRequest(context: ExampleContext): Promise<any> {
  const id = await projectId(context);
  const requested = await context.target.call({ method: 'POST', path: `/v1/projects/${id}/leased-accounts/request`, body: { projectId: id, count: 1, niche: { vertical: 'Fitness', language: 'en', geo: ['US'] } } });
  expectStatus(requested, 201, 'requesting an example lease');
  return requested.response.body;
}

/** Leases an account by advancing the mock clock past the lease schedule; returns null without control. */
async function leasedAccount(context: ExampleContext): Promise<string | null> {
  if (context.control === null) {
    return null;
  }
  const request = await context.fresh('leaseRequest');
  await context.control.advanceClock(15 * 60 * 1000);
  const read = await context.target.call({ method: 'GET', path: `/v1/projects/${request.projectId}/leased-accounts/requests/${request.requestId}` });
  expectStatus(read, 200, 'reading the example lease request');
  const assigned = read.response.body.assignedSocialAccountIds as string[];
  if (assigned.length === 0) {
    fail(`Lease request ${String(request.requestId)} was ${String(read.response.body.status)} after 15 minutes of mock time, not assigned.`, read);
  }
  return assigned[0] as string;
}

/** Generates a container and waits until it completes, for regenerate. */
async function completedGenerated(context: ExampleContext): Promise<string> {
  const started = await context.target.call({ method: 'POST', path: `/v1/projects/${await projectId(context)}/content/slideshow-builder`, body: { hook: 'Regenerate me' } });
  expectStatus(started, 202, 'starting a generation to regenerate');
  const containerId = started.response.body.containerIds[0] as string;

  const deadline = Date.now() + (context.control === null ? 300_000 : 10_000);
  for (;;) {
    const progress = await context.target.call({ method: 'GET', path: `/v1/content/${containerId}/progress` });
    if (progress.response.body?.status === 'completed') {
      return containerId;
    }
    if (Date.now() > deadline) {
      fail(`Container ${containerId} did not complete in time.`, progress);
    }
    await sleep(context.control === null ? 2000 : 200);
  }
}

async function uploadSession(context: ExampleContext): Promise<any> {
  const session = await context.target.call({
    method: 'POST',
    path: `/v1/projects/${await projectId(context)}/content/uploads`,
    body: { files: [{ filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: 1_048_576 }] },
  });
  expectStatus(session, 201, 'starting an example upload session');
  return session.response.body;
}

export const publishingExamples: ExampleArea = {
  resources: { reviewProject, pendingContainer, socialAccount, scheduledPost, oauthState, leaseRequest, leasedAccount, completedGenerated, uploadSession },

  examples: {
    approveContent: async (context) => ({ method: 'POST', path: `/v1/content/${(await context.fresh('pendingContainer')).id}/approve`, body: { note: 'Looks good' } }),
    rejectContent: async (context) => ({ method: 'POST', path: `/v1/content/${(await context.fresh('pendingContainer')).id}/reject`, body: { reason: 'Off brand' } }),
    getContentReviewPolicy: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('reviewProject')).id}/content-review-policy` }),
    patchContentReviewPolicy: async (context) => ({ method: 'PATCH', path: `/v1/projects/${(await context.resource('reviewProject')).id}/content-review-policy`, body: { policy: 'review_all' } }),
    getApprovalPolicy: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('reviewProject')).id}/approval-policy` }),
    patchApprovalPolicy: async (context) => ({ method: 'PATCH', path: `/v1/projects/${(await context.resource('reviewProject')).id}/approval-policy`, body: { requiresApproval: true, firstNPostsBlocked: 0 } }),

    createSocialOAuthUrl: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${await projectId(context)}/social/oauth-url`,
      body: { platform: 'tiktok', returnUrl: allowedReturnUrl, usageNote: 'conformance walk' },
      // Another target's key may not list example.com among its return domains.
      expect: context.control === null ? [200, 403] : [200],
    }),
    createSocialReauthUrl: async (context) => {
      const accountId = await context.resource<string | null>('socialAccount');
      return { method: 'POST', path: `/v1/projects/${await projectId(context)}/social/reauth-url`, body: { socialAccountId: accountId ?? unknownAccountId, returnUrl: allowedReturnUrl }, expect: accountId === null ? [403, 404] : [200] };
    },
    getSocialOAuthStatus: async (context) => {
      const state = await context.resource<string | null>('oauthState');
      return { method: 'GET', path: `/v1/social/oauth-status/${state ?? 'st_unknownunknownunknown'}`, expect: state === null ? [404] : [200] };
    },
    listSocialAccounts: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/social-accounts`, query: { platform: 'tiktok', leased: false, limit: 10 } }),
    revokeSocialAccount: async (context) => {
      const accountId = await context.fresh<string | null>('socialAccount');
      return { method: 'DELETE', path: `/v1/social-accounts/${accountId ?? unknownAccountId}`, expect: accountId === null ? [404] : [200] };
    },
    getSocialAccountHealth: async (context) => {
      const accountId = await context.resource<string | null>('socialAccount');
      return { method: 'GET', path: `/v1/social-accounts/${accountId ?? unknownAccountId}/health`, expect: accountId === null ? [404] : [200] };
    },

    scheduleContent: async (context) => {
      const accountId = await context.resource<string | null>('socialAccount');
      const container = await context.resource('uploadedContainer');
      return {
        method: 'POST',
        path: `/v1/content/${container.id}/schedule`,
        body: { scheduledFor: await inOneHour(context), targets: [{ socialAccountId: accountId ?? unknownAccountId, mode: 'draft', captionOverride: 'Scheduled by the walk' }] },
        expect: accountId === null ? [422] : [201],
      };
    },
    publishContent: async (context) => {
      const accountId = await context.resource<string | null>('socialAccount');
      const container = await context.resource('uploadedContainer');
      return { method: 'POST', path: `/v1/content/${container.id}/publish`, body: { targets: [{ socialAccountId: accountId ?? unknownAccountId, mode: 'publish' }] }, expect: accountId === null ? [422] : [201] };
    },
    listScheduledPosts: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/scheduled-posts`, query: { status: ['queued', 'published'], limit: 10 } }),
    getScheduledPost: async (context) => {
      const post = await context.resource('scheduledPost');
      return { method: 'GET', path: `/v1/scheduled-posts/${post?.id ?? unknownPostId}`, expect: post === null ? [404] : [200] };
    },
    rescheduleScheduledPost: async (context) => {
      const post = await context.fresh('scheduledPost');
      return { method: 'POST', path: `/v1/scheduled-posts/${post?.id ?? unknownPostId}/reschedule`, body: { scheduledFor: await timeFromNow(context.control, 2 * 60 * 60 * 1000) }, expect: post === null ? [404] : [200] };
    },
    cancelScheduledPost: async (context) => {
      const post = await context.fresh('scheduledPost');
      return { method: 'DELETE', path: `/v1/scheduled-posts/${post?.id ?? unknownPostId}`, body: { reason: 'walk' }, expect: post === null ? [404] : [200] };
    },

    requestLeasedAccounts: async (context) => {
      const id = await projectId(context);
      return { method: 'POST', path: `/v1/projects/${id}/leased-accounts/request`, body: { projectId: id, count: 2, niche: { vertical: 'Cooking', audience: 'busy parents' }, note: 'walk' } };
    },
    getLeaseRequest: async (context) => {
      const request = await context.resource('leaseRequest');
      return { method: 'GET', path: `/v1/projects/${request.projectId}/leased-accounts/requests/${request.requestId}` };
    },
    listLeasedAccounts: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/leased-accounts`, query: { status: 'assigned' } }),
    releaseLeasedAccount: async (context) => {
      const accountId = await context.resource<string | null>('leasedAccount');
      return { method: 'DELETE', path: `/v1/leased-accounts/${accountId ?? unknownAccountId}`, expect: accountId === null ? [404] : [200] };
    },

    getEngagement: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/engagement` }),
    patchEngagement: async (context) => ({
      method: 'PATCH',
      path: `/v1/projects/${await projectId(context)}/engagement`,
      body: { enabled: true, firstComment: { targets: ['tiktok'], commentTemplate: 'Link in bio', strategy: 'literal' }, replyToComments: { autoReplyDelay: 'PT5M', maxPerPostPerHour: 10 } },
    }),

    createUploadSession: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${await projectId(context)}/content/uploads`,
      body: { files: [{ filename: 'one.jpg', contentType: 'image/jpeg', sizeBytes: 200_000 }, { filename: 'two.png', contentType: 'image/png', sizeBytes: 300_000 }], grouping: 'slideshow' },
    }),
    finalizeUpload: async (context) => ({ method: 'POST', path: `/v1/content/${(await context.fresh('uploadSession')).containers[0].containerId}/finalize-upload`, body: { caption: 'Finalized by the walk' } }),
    getContentAsset: async (context) => {
      const container = await context.resource('uploadedContainer');
      return { method: 'GET', path: `/v1/content/${container.id}/assets/${container.assets[0].assetId}` };
    },
    listSourceRecommendations: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/content/source-recommendations`, query: { keyword: 'meal prep', kind: 'video', limit: 3 } }),
    regenerateContent: async (context) => ({ method: 'POST', path: `/v1/content/${await context.resource('completedGenerated')}/regenerate`, body: { hook: 'A fresher hook' } }),
  },
};
