// Request sequences the approval, social, publishing and leased checks share. Connecting an
// account needs the mock's control surface, which acts as the end customer on the platform.
import { expectStatus, fail } from './assert.ts';
import type { ControlClient } from './control.ts';
import type { TargetClient } from './target.ts';

/** A returnUrl on the mock's default allowlist of return domains. */
export const allowedReturnUrl = 'https://example.com/layers/return';

/**
 * Returns the ISO time `offsetMs` after the target's now. That is the mock clock when there is a
 * control surface, because checks advance it past wall time, and wall time otherwise.
 */
export async function timeFromNow(control: ControlClient | null, offsetMs: number): Promise<string> {
  const now = control === null ? Date.now() : await control.now();
  return new Date(now + offsetMs).toISOString();
}

/** Connects a new account to the project through oauth-url and the control surface. */
export async function connectAccount(target: TargetClient, control: ControlClient, projectId: string, platform: 'tiktok' | 'instagram' = 'tiktok'): Promise<string> {
  const started = await target.call({ method: 'POST', path: `/v1/projects/${projectId}/social/oauth-url`, body: { platform, returnUrl: allowedReturnUrl } });
  expectStatus(started, 200, 'POST …/social/oauth-url');

  const outcome = await control.completeOAuth(started.response.body.state as string);
  if (outcome.socialAccountId === null) {
    fail(`Completing OAuth state ${String(started.response.body.state)} connected no account: ${JSON.stringify(outcome)}`);
  }
  return outcome.socialAccountId;
}

/** Uploads a one-image item, which is born completed; its approval status follows the project's policy. */
export async function uploadItem(target: TargetClient, projectId: string, caption = 'Kit upload'): Promise<any> {
  const upload = await target.call({
    method: 'POST',
    path: `/v1/projects/${projectId}/content/upload`,
    body: { media: [{ url: 'https://cdn.layers-kit.invalid/kit/photo.jpg' }], caption },
  });
  expectStatus(upload, 201, 'POST …/content/upload');
  return upload.response.body;
}

/** Sets the project's content review policy. */
export async function setReviewPolicy(target: TargetClient, projectId: string, body: { policy: string; firstN?: number }): Promise<void> {
  const patched = await target.call({ method: 'PATCH', path: `/v1/projects/${projectId}/content-review-policy`, body });
  expectStatus(patched, 200, `PATCH …/content-review-policy to ${body.policy}`);
}
