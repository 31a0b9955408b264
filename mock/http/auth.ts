// API key authentication (D8) and the kill switches (D12).
import { createHash, timingSafeEqual } from 'node:crypto';

import type { Store } from '../state/store.ts';
import type { ApiKey, Organization } from '../state/types.ts';
import { ApiError } from './errors.ts';

const tokenPattern = /^lp_(live|test)_([0-9A-Z]{16})_([A-Za-z0-9_-]{43})$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function unauthenticated(reason: string): ApiError {
  return new ApiError('UNAUTHENTICATED', { reason });
}

function tokenMatches(key: ApiKey, token: string): boolean {
  const expected = Buffer.from(key.tokenHash, 'hex');
  const actual = Buffer.from(hashToken(token), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Resolves the Authorization header to an active key, or throws 401 UNAUTHENTICATED. */
export function authenticate(store: Store, authorization: string | undefined, now: number): ApiKey {
  if (authorization === undefined || authorization.trim() === '') {
    throw unauthenticated('The Authorization header is missing.');
  }

  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match === null) {
    throw unauthenticated('The Authorization header must use the Bearer scheme.');
  }

  const token = match[1] ?? '';
  const parts = tokenPattern.exec(token);
  if (parts === null) {
    throw unauthenticated('The API key is malformed.');
  }

  const key = store.keyByHandle(parts[2] ?? '');
  // The same message for an unknown key, a wrong secret and a wrong environment, so a caller
  // cannot probe which key ids exist.
  if (key === undefined || key.env !== parts[1] || !tokenMatches(key, token)) {
    throw unauthenticated('The API key is not recognized. On the mock, keys minted through /_mock/keys are gone after POST /_mock/reset or a restart, and the seeded keys are printed at start.');
  }

  if (key.status === 'revoked') {
    throw unauthenticated('The API key has been revoked.');
  }
  if (key.graceUntil !== null && now >= key.graceUntil) {
    throw unauthenticated(`The API key was rotated and its grace period ended at ${new Date(key.graceUntil).toISOString()}; use the new key.`);
  }

  return key;
}

/** Throws 503 KILL_SWITCH when the platform, the key's organization or the key is switched off. */
export function enforceKillSwitches(store: Store, key: ApiKey, keyOrganization: Organization): void {
  if (store.globalKillSwitch) {
    throw new ApiError('KILL_SWITCH', { reason: 'The platform kill switch is on, so every request is rejected.' }, { scope: 'global' });
  }
  if (keyOrganization.status === 'suspended') {
    throw new ApiError('KILL_SWITCH', { reason: `Organization ${keyOrganization.id} is suspended, so its keys are switched off.` }, { scope: 'org' });
  }
  if (key.killSwitch) {
    throw new ApiError('KILL_SWITCH', { reason: `API key ${key.id} was killed.` }, { scope: 'key' });
  }
}

/**
 * Finds the key whose in-place rotation retired this bearer token, with the time it was retired,
 * or returns null.
 */
export function findRetiredToken(store: Store, authorization: string | undefined): { key: ApiKey; retiredAt: number } | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  const parts = tokenPattern.exec(token);
  if (parts === null) {
    return null;
  }

  const actual = Buffer.from(hashToken(token), 'hex');
  for (const key of store.apiKeys.values()) {
    for (const retired of key.retiredTokens ?? []) {
      const expected = Buffer.from(retired.tokenHash, 'hex');
      if (retired.handle === parts[2] && expected.length === actual.length && timingSafeEqual(expected, actual)) {
        return { key, retiredAt: retired.retiredAt };
      }
    }
  }
  return null;
}
