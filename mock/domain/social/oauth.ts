// The OAuth hand-off. oauth-url and reauth-url open a session keyed by its state; the end customer
// would authorize on the platform and come back to returnUrl. The mock talks to no platform, so a
// session completes only through POST /_mock/social/oauth/{state}/complete. A session expires 10
// minutes after it starts, and only the API key that started it can read its status.
import { principalOf, type MockContext, type RequestContext } from '../../context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { OAuthSession, SocialPlatform } from '../../state/types.ts';
import { assertAllowedReturnUrl } from '../return-url.ts';
import { createSocialAccount, emitConnected, rebindToken } from './accounts.ts';

export const oauthSessionTtlMs = 10 * 60 * 1000;

/** The host of the mock's authorize URLs, a reserved .test name that never resolves. */
export const authorizeHost = 'https://auth.layers-mock.test';

export const defaultScopes: Record<SocialPlatform, string[]> = {
  tiktok: ['user.info.basic', 'video.upload', 'video.publish'],
  instagram: ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_comments'],
};

export interface OAuthStart {
  projectId: string;
  platform: SocialPlatform;
  socialAccountId: string | null;
  returnUrl: string;
  scopes: string[] | undefined;
  usageNote: string | null;
}

export function startOAuth(request: RequestContext, input: OAuthStart): Record<string, unknown> {
  const principal = principalOf(request);
  assertAllowedReturnUrl(principal.apiKey, 'returnUrl', input.returnUrl);

  const session: OAuthSession = {
    state: `st_${request.mock.ids.base64url(18)}`,
    organizationId: principal.organization.id,
    apiKeyId: principal.apiKey.id,
    projectId: input.projectId,
    platform: input.platform,
    socialAccountId: input.socialAccountId,
    returnUrl: input.returnUrl,
    scopes: input.scopes ?? defaultScopes[input.platform],
    usageNote: input.usageNote,
    status: 'pending',
    error: null,
    createdAt: request.now,
    expiresAt: request.now + oauthSessionTtlMs,
    completedAt: null,
  };
  request.mock.store.oauthSessions.set(session.state, session);

  const authorizeUrl = new URL(`/oauth/${input.platform}/authorize`, authorizeHost);
  authorizeUrl.searchParams.set('state', session.state);
  authorizeUrl.searchParams.set('scope', session.scopes.join(','));

  return { authorizeUrl: authorizeUrl.toString(), state: session.state, expiresAt: isoTimestamp(session.expiresAt) };
}

export function sessionStatus(session: OAuthSession, now: number): 'pending' | 'completed' | 'failed' | 'expired' {
  return session.status === 'pending' && now >= session.expiresAt ? 'expired' : session.status;
}

export function oauthStatusView(session: OAuthSession, now: number): Record<string, unknown> {
  return {
    state: session.state,
    status: sessionStatus(session, now),
    platform: session.platform,
    projectId: session.projectId,
    socialAccountId: session.status === 'completed' ? session.socialAccountId : null,
    error: session.error,
    expiresAt: isoTimestamp(session.expiresAt),
    completedAt: nullableIso(session.completedAt),
  };
}

/** Finds a session of the requesting API key; any other state is 404. */
export function findOAuthSession(request: RequestContext, state: string): OAuthSession {
  const session = request.mock.store.oauthSessions.get(state);
  if (session === undefined || session.apiKeyId !== principalOf(request).apiKey.id) {
    throw notFound('OAuth state', state);
  }
  return session;
}

export interface OAuthOutcome {
  outcome: 'connected' | 'denied';
  handle: string | undefined;
}

/** Completes a pending session as the platform's redirect would; returns the URL the browser lands on. */
export function completeOAuth(mock: MockContext, session: OAuthSession, outcome: OAuthOutcome, at: number): string {
  const status = sessionStatus(session, at);
  if (status !== 'pending') {
    throw conflict(`OAuth state ${session.state} is ${status}; only a pending session can be completed. Start a new one with oauth-url or reauth-url.`, {
      state: session.state,
      status,
    });
  }

  const landing = new URL(session.returnUrl);
  if (outcome.outcome === 'denied') {
    session.status = 'failed';
    session.error = { code: 'access_denied', message: 'The account owner declined the authorization on the platform.' };
    session.completedAt = at;
    landing.searchParams.set('layers_oauth_error', 'access_denied');
    return landing.toString();
  }

  let account = session.socialAccountId === null ? undefined : mock.store.socialAccounts.get(session.socialAccountId);
  if (account === undefined) {
    account = createSocialAccount(mock, {
      organizationId: session.organizationId,
      projectId: session.projectId,
      platform: session.platform,
      handle: outcome.handle ?? `creator_${mock.ids.bytes(3).toString('hex')}`,
      leased: false,
      leaseRequestId: null,
      scopes: session.scopes,
      at,
    });
  } else {
    rebindToken(mock, account, session.scopes, at);
  }

  session.status = 'completed';
  session.socialAccountId = account.id;
  session.completedAt = at;
  emitConnected(mock, account, at);
  return landing.toString();
}
