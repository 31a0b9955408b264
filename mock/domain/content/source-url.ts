// Validation of partner-supplied media URLs as text (D32). The mock never resolves the host name
// and never downloads the URL; it only refuses URLs that could aim a real server's fetch at
// itself or its network.
import { isIP } from 'node:net';

import { validationError } from '../../http/errors.ts';

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function isPrivateIPv6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1') {
    return true;
  }
  if (lower.startsWith('::ffff:')) {
    const mapped = lower.slice(7);
    return isIP(mapped) === 4 ? isPrivateIPv4(mapped) : true;
  }
  return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff');
}

/** Throws 422 VALIDATION at `path` unless `value` is an https URL to a public-looking host. */
export function assertPublicHttpsUrl(path: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError(path, 'must be an absolute https URL.');
  }

  if (url.protocol !== 'https:') {
    throw validationError(path, `must use https; ${url.protocol.replace(':', '')} URLs are rejected.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw validationError(path, 'must not contain credentials; use a signed URL instead.');
  }

  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw validationError(path, 'must not point at localhost; use a public https URL.');
  }
  if ((family === 4 && isPrivateIPv4(host)) || (family === 6 && isPrivateIPv6(host))) {
    throw validationError(path, `must not point at a private, loopback, link-local or metadata address (${host}); use a public https URL.`);
  }
  if (family === 0 && !host.includes('.')) {
    throw validationError(path, `must name a fully qualified public host; ${host} is not one.`);
  }

  return url;
}
