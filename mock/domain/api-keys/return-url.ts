// The returnUrl allowlist of an API key (GitHub install, social OAuth): https only, and the host,
// compared case-insensitively and exactly, must be on the key's allowedReturnDomains. A key
// without a list is unrestricted, as the docs say of self-serve keys.
import type { Principal } from '../../context.ts';
import { ApiError, validationError } from '../../http/errors.ts';

export function assertReturnUrlAllowed(principal: Principal, path: string, returnUrl: string): URL {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    throw validationError(path, 'must be an absolute https URL.');
  }
  if (url.protocol !== 'https:') {
    throw validationError(path, `must use https; ${url.protocol.replace(':', '')} URLs are rejected.`);
  }

  const allowed = principal.apiKey.allowedReturnDomains ?? null;
  const host = url.hostname.toLowerCase();
  if (allowed !== null && !allowed.some((domain) => domain.toLowerCase() === host)) {
    throw new ApiError('RETURN_URL_NOT_ALLOWED', { host, allowed: allowed.length === 0 ? 'empty' : allowed.join(', ') }, { host, allowedReturnDomains: [...allowed] });
  }
  return url;
}
