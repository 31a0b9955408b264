// The returnUrl allowlist of OAuth hand-offs. Layers sets a key's return domains and partners
// cannot change them; a host must match one exactly, case-insensitively, or the request gets
// 403 RETURN_URL_NOT_ALLOWED. The mock never fetches or redirects to the URL itself.
import { ApiError, validationError } from '../http/errors.ts';
import type { ApiKey } from '../state/types.ts';

/** The allowlist of a key minted without allowedReturnDomains. */
export const defaultReturnDomains = ['example.com', 'localhost', '127.0.0.1'];

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export function returnDomainsOf(apiKey: ApiKey): string[] {
  return apiKey.allowedReturnDomains ?? defaultReturnDomains;
}

/** Throws 422 for a URL that is not https (http only on loopback hosts) and 403 for a host off the list. */
export function assertAllowedReturnUrl(apiKey: ApiKey, path: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError(path, 'must be an absolute https URL on one of the key\'s return domains.');
  }

  const host = url.hostname.toLowerCase();
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(host));
  if (!secure) {
    throw validationError(path, `must use https (http is accepted only for localhost and 127.0.0.1); ${url.protocol.replace(':', '')} was sent.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw validationError(path, 'must not contain credentials.');
  }

  const allowed = returnDomainsOf(apiKey);
  if (!allowed.includes(host)) {
    throw new ApiError('RETURN_URL_NOT_ALLOWED', { host, allowed: allowed.join(', ') }, { host, allowedReturnDomains: allowed });
  }
  return url;
}
