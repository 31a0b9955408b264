// The API representations of keys: the child-key shape of /v1/organizations/{orgId}/api-keys and
// the parent-key shape of /v1/api-keys/{keyId}. The secret is never part of either.
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { ApiKey } from '../../state/types.ts';
import { isUsableKey } from '../organizations/archive.ts';

export function keyPrefix(key: ApiKey): string {
  return `lp_${key.env}_${key.handle}`;
}

/** Revoked, killed, deleted and rotated-past-grace keys all show as revoked. */
export function childKeyRepresentation(key: ApiKey, now: number): Record<string, unknown> {
  const graceOver = key.graceUntil !== null && now >= key.graceUntil;
  return {
    id: key.id,
    organizationId: key.organizationId,
    name: key.name,
    prefix: keyPrefix(key),
    env: key.env,
    scopes: [...key.scopes],
    rateLimitTier: key.rateLimitTier,
    status: isUsableKey(key, now) ? 'active' : 'revoked',
    createdAt: isoTimestamp(key.createdAt),
    lastUsedAt: nullableIso(key.lastUsedAt),
    rotatedAt: nullableIso(key.rotatedAt),
    revokedAt: nullableIso(key.revokedAt ?? (graceOver ? key.graceUntil : null)),
    graceUntil: nullableIso(key.graceUntil),
    supersededBy: key.supersededBy,
  };
}

export function parentKeyRepresentation(key: ApiKey): Record<string, unknown> {
  return {
    id: key.id,
    organizationId: key.organizationId,
    name: key.name,
    prefix: keyPrefix(key),
    killSwitch: key.killSwitch,
    isActive: key.status === 'active' && !key.killSwitch,
    rotatedAt: nullableIso(key.rotatedAt),
    revokedAt: nullableIso(key.revokedAt),
  };
}

export const secretWarning = 'Store this secret now: it is shown only in this response and cannot be retrieved again.';
