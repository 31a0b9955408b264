// Signing secrets (D26): whsec_ and 32 random bytes in base64url, shown once. A rotation keeps the
// replaced secret signing alongside the new one for 24 hours.
import type { MockContext } from '../../context.ts';
import type { WebhookEndpoint } from '../../state/types.ts';

export const rotationOverlapMs = 24 * 60 * 60 * 1000;

export function newSigningSecret(mock: MockContext): string {
  return `whsec_${mock.ids.base64url(32)}`;
}

/** Returns the secrets that sign at `at`, the newest first. */
export function activeSecrets(endpoint: WebhookEndpoint, at: number): string[] {
  return endpoint.secrets.filter((entry) => entry.expiresAt === null || entry.expiresAt > at).map((entry) => entry.secret);
}

/** Makes `secret` the current one; the replaced secret expires 24 hours after `at`. */
export function rotateSecret(endpoint: WebhookEndpoint, secret: string, at: number): number {
  const expiresAt = at + rotationOverlapMs;
  const kept = endpoint.secrets.filter((entry) => entry.expiresAt === null || entry.expiresAt > at);
  for (const entry of kept) {
    if (entry.expiresAt === null) {
      entry.expiresAt = expiresAt;
    }
  }
  endpoint.secrets = [{ secret, createdAt: at, expiresAt: null }, ...kept];
  return expiresAt;
}
