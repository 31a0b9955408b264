// Social accounts: the returnUrl allowlist, the OAuth hand-off, reauth, revoke and health.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { allowedReturnUrl, timeFromNow, uploadItem } from './lib/publishing-flows.ts';

export const socialChecks: Check[] = [
  defineCheck({
    id: 'social.return-url-allowlist',
    title: 'An OAuth returnUrl off the key allowlist is refused',
    area: 'social',
    guarantees: ['SOC-RETURN-URL-ALLOWLIST'],
    level: 'documented',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const path = `/v1/projects/${project.id}/social/oauth-url`;

      for (const returnUrl of ['https://not-allowed.layers-kit.invalid/back', 'https://example.com.layers-kit.invalid/back']) {
        const refused = await context.target.call({ method: 'POST', path, body: { platform: 'tiktok', returnUrl } });
        expectErrorCode(refused, 403, 'RETURN_URL_NOT_ALLOWED', `returnUrl ${returnUrl}`);
      }
    },
  }),

  defineCheck({
    id: 'social.oauth-lifecycle',
    title: 'Connect, lose the token, reauthorize, and revoke an account',
    area: 'social',
    guarantees: ['SOC-OAUTH-CONNECT', 'SOC-NEEDS-REAUTH', 'SOC-REVOKE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const control = context.control!;
      const project = (await createProject(target)).response.body;

      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/social/oauth-url`, body: { platform: 'instagram', returnUrl: allowedReturnUrl } });
      expectStatus(started, 200, 'POST …/social/oauth-url');
      const state = started.response.body.state as string;
      const pending = await target.call({ method: 'GET', path: `/v1/social/oauth-status/${state}` });
      expectEqual(pending.response.body.status, 'pending', 'the hand-off is pending before the customer returns', pending);

      const outcome = await control.completeOAuth(state, { handle: 'kit.instagram' });
      const completed = await target.call({ method: 'GET', path: `/v1/social/oauth-status/${state}` });
      expectEqual(completed.response.body.status, 'completed', 'the hand-off completes', completed);
      expectEqual(completed.response.body.socialAccountId, outcome.socialAccountId, 'the status names the connected account', completed);
      const accountId = outcome.socialAccountId as string;

      const listed = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/social-accounts`, query: { platform: 'instagram' } });
      const row = (listed.response.body.items as any[]).find((item) => item.socialAccountId === accountId);
      expectTrue(row !== undefined, 'the new account is listed', listed);
      expectEqual(row.status, 'connected', 'the new account is connected', listed);
      expectEqual(row.handle, 'kit.instagram', 'the handle is the platform account\'s', listed);

      const denied = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/social/oauth-url`, body: { platform: 'tiktok', returnUrl: allowedReturnUrl } });
      const deniedOutcome = await control.completeOAuth(denied.response.body.state as string, { outcome: 'denied' });
      expectTrue(deniedOutcome.landingUrl.includes('layers_oauth_error=access_denied'), `a denied hand-off returns with layers_oauth_error: ${deniedOutcome.landingUrl}`);
      const failed = await target.call({ method: 'GET', path: `/v1/social/oauth-status/${denied.response.body.state as string}` });
      expectEqual(failed.response.body.status, 'failed', 'a denied hand-off reads failed', failed);

      await control.markNeedsReauth(accountId);
      const health = await target.call({ method: 'GET', path: `/v1/social-accounts/${accountId}/health` });
      expectStatus(health, 200, 'GET /v1/social-accounts/{id}/health');
      expectEqual(health.response.body.status, 'reauth_required', 'the account needs reauth once its token stops working', health);
      const needsReauth = await control.events(project.organizationId, ['social_account.needs_reauth']);
      expectTrue(needsReauth.some((event) => event.data.socialAccountId === accountId), 'social_account.needs_reauth is emitted for the account');

      const reauth = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/social/reauth-url`, body: { socialAccountId: accountId, returnUrl: allowedReturnUrl } });
      expectStatus(reauth, 200, 'POST …/social/reauth-url');
      const rebound = await control.completeOAuth(reauth.response.body.state as string);
      expectEqual(rebound.socialAccountId, accountId, 'a reauth keeps the account id');

      const item = await uploadItem(target, project.id);
      const scheduled = await target.call({ method: 'POST', path: `/v1/content/${item.id}/schedule`, body: { scheduledFor: await timeFromNow(control, 3_600_000), targets: [{ socialAccountId: accountId, mode: 'publish' }] } });
      expectStatus(scheduled, 201, 'scheduling a post on the reauthorized account');

      const revoked = await target.call({ method: 'DELETE', path: `/v1/social-accounts/${accountId}` });
      expectStatus(revoked, 200, 'DELETE /v1/social-accounts/{id}');
      expectEqual(revoked.response.body.canceledScheduledPosts, 1, 'revoke cancels the queued post', revoked);
      const post = await target.call({ method: 'GET', path: `/v1/scheduled-posts/${scheduled.response.body.scheduledPosts[0].id as string}` });
      expectEqual(post.response.body.status, 'canceled', 'the queued post is canceled', post);
      const again = await target.call({ method: 'DELETE', path: `/v1/social-accounts/${accountId}` });
      expectErrorCode(again, 404, 'NOT_FOUND', 'revoking a disconnected account');
    },
  }),
];
