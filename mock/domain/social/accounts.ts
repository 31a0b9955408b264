// Social accounts: lookup, representation, connection and the token lifecycle. Connected accounts
// belong to the end customer and hold an OAuth token that expires. Leased accounts belong to
// Layers, which keeps their tokens from the partner, so they have no tokenExpiresAt.
import { principalOf, type MockContext, type RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { SocialAccount, SocialPlatform } from '../../state/types.ts';
import { emitEvent } from '../events.ts';
import { mediaHost } from '../content/media.ts';

export const tokenExpiryTask = 'social.token-expiry';

/** Lifetime of a connected account's token; after it the account needs reauth. */
export const tokenLifetimeMs = 60 * 24 * 60 * 60 * 1000;

export function findSocialAccount(request: RequestContext, rawId: string): SocialAccount {
  const principal = principalOf(request);
  const id = normalizeUuidId(rawId, 'sa') ?? rawId;
  const account = request.mock.store.socialAccounts.get(id);

  if (account === undefined || account.organizationId !== principal.organization.id) {
    throw notFound('Social account', id);
  }
  return account;
}

export function socialAccountRepresentation(account: SocialAccount): Record<string, unknown> {
  return {
    socialAccountId: account.id,
    projectId: account.projectId,
    platform: account.platform,
    handle: account.handle,
    displayName: account.displayName,
    avatarUrl: `${mediaHost}/avatars/${account.id}.jpg`,
    status: account.status,
    leased: account.leased,
    connectedAt: isoTimestamp(account.connectedAt),
    tokenExpiresAt: nullableIso(account.tokenExpiresAt),
    disconnectedAt: nullableIso(account.disconnectedAt),
    disconnectedReason: account.disconnectedReason,
  };
}

/** Derives a follower count from the id, so repeated reads agree. */
export function followersFor(id: string): number {
  let hash = 0;
  for (const character of id) {
    hash = (hash * 33 + character.charCodeAt(0)) >>> 0;
  }
  return 500 + (hash % 250_000);
}

export interface NewSocialAccount {
  organizationId: string;
  projectId: string;
  platform: SocialPlatform;
  handle: string;
  leased: boolean;
  leaseRequestId: string | null;
  scopes: string[];
  at: number;
}

export function createSocialAccount(mock: MockContext, input: NewSocialAccount): SocialAccount {
  const id = mock.ids.prefixedUuid('sa');
  const account: SocialAccount = {
    id,
    organizationId: input.organizationId,
    projectId: input.projectId,
    platform: input.platform,
    handle: input.handle,
    displayName: input.handle.replace(/[._]/g, ' '),
    status: 'connected',
    leased: input.leased,
    leaseRequestId: input.leaseRequestId,
    followers: followersFor(id),
    scopes: input.scopes,
    connectedAt: input.at,
    tokenExpiresAt: input.leased ? null : input.at + tokenLifetimeMs,
    disconnectedAt: null,
    disconnectedReason: null,
    createdAt: input.at,
    updatedAt: input.at,
  };

  mock.store.socialAccounts.set(id, account);
  if (!input.leased) {
    mock.scheduler.schedule(tokenExpiryTask, account.tokenExpiresAt as number, { socialAccountId: id, tokenExpiresAt: account.tokenExpiresAt });
  }
  return account;
}

/** Binds a fresh token to an existing account after a successful reauth. */
export function rebindToken(mock: MockContext, account: SocialAccount, scopes: string[], at: number): void {
  account.status = 'connected';
  account.connectedAt = at;
  account.tokenExpiresAt = at + tokenLifetimeMs;
  account.disconnectedAt = null;
  account.disconnectedReason = null;
  account.scopes = scopes;
  account.updatedAt = at;
  mock.scheduler.schedule(tokenExpiryTask, account.tokenExpiresAt, { socialAccountId: account.id, tokenExpiresAt: account.tokenExpiresAt });
}

export function emitConnected(mock: MockContext, account: SocialAccount, at: number): void {
  emitEvent(mock, 'social_account.connected', account.organizationId, {
    socialAccountId: account.id,
    projectId: account.projectId,
    platform: account.platform,
    handle: account.handle,
    displayName: account.displayName,
    connectedAt: isoTimestamp(account.connectedAt),
  }, at);
}

/** Moves a connected account to reauth_required and emits social_account.needs_reauth. */
export function requireReauth(mock: MockContext, account: SocialAccount, reason: string, at: number): void {
  account.status = 'reauth_required';
  account.updatedAt = at;
  emitEvent(mock, 'social_account.needs_reauth', account.organizationId, {
    socialAccountId: account.id,
    projectId: account.projectId,
    platform: account.platform,
    reason,
  }, at);
}

export function registerSocialTasks(mock: MockContext): void {
  mock.scheduler.register(tokenExpiryTask, (task, dueAt) => {
    const account = mock.store.socialAccounts.get(String(task.payload.socialAccountId));
    // A reauth since this task was scheduled moved tokenExpiresAt, so this task is stale.
    if (account !== undefined && account.status === 'connected' && account.tokenExpiresAt === task.payload.tokenExpiresAt) {
      requireReauth(mock, account, 'token_expired', dueAt);
    }
  });
}
