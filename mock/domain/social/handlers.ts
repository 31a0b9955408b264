// Social accounts: the OAuth and reauth hand-offs, their status, the list, revoke and health.
import type { Handler } from '../../context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { SocialPlatform } from '../../state/types.ts';
import { emitEvent } from '../events.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { cancelQueuedPosts } from '../publishing/cancel.ts';
import { findSocialAccount, socialAccountRepresentation } from './accounts.ts';
import { healthView } from './health.ts';
import { findOAuthSession, oauthStatusView, startOAuth } from './oauth.ts';

export const socialHandlers: Record<string, Handler> = {
  createSocialOAuthUrl(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { platform: SocialPlatform; returnUrl: string; scopes?: string[]; usageNote?: string };
    assertActive(project);

    const started = startOAuth(request, {
      projectId: project.id,
      platform: body.platform,
      socialAccountId: null,
      returnUrl: body.returnUrl,
      scopes: body.scopes,
      usageNote: body.usageNote ?? null,
    });
    return { status: 200, body: started };
  },

  createSocialReauthUrl(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { socialAccountId: string; returnUrl: string; scopes?: string[] };
    const accountId = normalizeUuidId(body.socialAccountId, 'sa') as string;
    const account = request.mock.store.socialAccounts.get(accountId);

    if (account === undefined || account.projectId !== project.id || account.status === 'disconnected') {
      throw notFound('Social account', accountId);
    }
    if (account.leased) {
      throw conflict(`Social account ${account.id} is leased; Layers holds its token, so it cannot be reauthorized by the partner.`, { socialAccountId: account.id, leased: true });
    }

    const started = startOAuth(request, {
      projectId: project.id,
      platform: account.platform,
      socialAccountId: account.id,
      returnUrl: body.returnUrl,
      scopes: body.scopes,
      usageNote: null,
    });
    return { status: 200, body: started };
  },

  getSocialOAuthStatus(request) {
    const session = findOAuthSession(request, request.params.state);
    return { status: 200, body: oauthStatusView(session, request.now) };
  },

  listSocialAccounts(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;

    const rows = [...request.mock.store.socialAccounts.values()].filter(
      (account) =>
        account.projectId === project.id &&
        (query.platform === undefined || account.platform === query.platform) &&
        (query.status === undefined || account.status === query.status) &&
        (query.leased === undefined || account.leased === query.leased),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (account) => ({ createdAt: account.connectedAt, id: account.id }) });
    return { status: 200, body: { items: page.items.map(socialAccountRepresentation), nextCursor: page.nextCursor } };
  },

  revokeSocialAccount(request) {
    const account = findSocialAccount(request, request.params.socialAccountId);
    if (account.status === 'disconnected') {
      throw notFound('Social account', account.id);
    }
    if (account.leased) {
      throw conflict(`Social account ${account.id} is leased. Release it with DELETE /v1/leased-accounts/${account.id} instead.`, { socialAccountId: account.id, leased: true });
    }

    const now = request.now;
    const canceledScheduledPosts = cancelQueuedPosts(request.mock, (post) => post.socialAccountId === account.id, 'social_account_revoked', now);
    account.status = 'disconnected';
    account.disconnectedAt = now;
    account.disconnectedReason = 'revoked_by_partner';
    account.tokenExpiresAt = null;
    account.updatedAt = now;

    emitEvent(request.mock, 'social_account.revoked', account.organizationId, {
      socialAccountId: account.id,
      projectId: account.projectId,
      platform: account.platform,
      disconnectedReason: account.disconnectedReason,
      disconnectedAt: isoTimestamp(now),
    }, now);

    return {
      status: 200,
      body: { socialAccountId: account.id, status: 'disconnected', disconnectedReason: 'revoked_by_partner', canceledScheduledPosts, disconnectedAt: isoTimestamp(now) },
    };
  },

  getSocialAccountHealth(request) {
    const account = findSocialAccount(request, request.params.socialAccountId);
    return { status: 200, body: healthView(request.mock, account, request.now) };
  },
};
