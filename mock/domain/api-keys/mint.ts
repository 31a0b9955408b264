// Minting API keys. A bearer token is lp_<env>_<16-character key id>_<43-character secret> (D8);
// only its SHA-256 is stored, so the token is returned once and never again.
import type { MockContext } from '../../context.ts';
import { hashToken } from '../../http/auth.ts';
import type { ApiKey, KeyEnvironment } from '../../state/types.ts';

export interface NewApiKey {
  organizationId: string;
  name: string;
  scopes: string[];
  env: KeyEnvironment;
  rateLimitTier: string;
  isChildKey: boolean;
  at: number;
  /** A fixed token, for seeded keys; a fresh one is drawn otherwise. */
  token?: string;
  id?: string;
  /** Hosts a returnUrl may name; omitted, the key gets the mock's default list. */
  allowedReturnDomains?: string[];
}

export function parseToken(token: string): { env: KeyEnvironment; handle: string } {
  const match = /^lp_(live|test)_([0-9A-Z]{16})_[A-Za-z0-9_-]{43}$/.exec(token);
  if (match === null) {
    throw new Error(`Token ${token.slice(0, 12)}… is not of the form lp_<live|test>_<16 upper-case letters or digits>_<43 base64url characters>.`);
  }
  return { env: match[1] as KeyEnvironment, handle: match[2] as string };
}

export function mintApiKey(mock: MockContext, input: NewApiKey): { apiKey: ApiKey; token: string } {
  let handle: string;
  let token: string;

  if (input.token !== undefined) {
    token = input.token;
    handle = parseToken(token).handle;
  } else {
    do {
      handle = mock.ids.upperAlphanumeric(16);
    } while (mock.store.keyByHandle(handle) !== undefined);
    token = `lp_${input.env}_${handle}_${mock.ids.base64url(32)}`;
  }

  const apiKey: ApiKey = {
    id: input.id ?? mock.ids.prefixedUuid('key'),
    organizationId: input.organizationId,
    name: input.name,
    handle,
    env: input.env,
    tokenHash: hashToken(token),
    scopes: [...input.scopes],
    rateLimitTier: input.rateLimitTier,
    status: 'active',
    killSwitch: false,
    isChildKey: input.isChildKey,
    createdAt: input.at,
    lastUsedAt: null,
    rotatedAt: null,
    revokedAt: null,
    graceUntil: null,
    supersededBy: null,
  };
  if (input.allowedReturnDomains !== undefined) {
    apiKey.allowedReturnDomains = input.allowedReturnDomains.map((host) => host.toLowerCase());
  }

  mock.store.apiKeys.set(apiKey.id, apiKey);
  return { apiKey, token };
}
