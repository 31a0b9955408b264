// Webhook URLs (D32). On create and patch a URL must be https, or http for a loopback host, where a
// partner's local receiver lives. Deliveries then go only to loopback hosts and to the hosts the
// operator allowed with --allow-webhook-host. Both rules read the URL as text and never resolve a
// host name.
import { isIP } from 'node:net';

import { validationError } from '../../http/errors.ts';

/** True for localhost, an IPv4 literal in 127.0.0.0/8 and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') {
    return true;
  }
  if (host === '[::1]') {
    return true;
  }
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Parses a webhook URL sent on create or patch; throws 422 VALIDATION naming `field`. */
export function assertWebhookUrl(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError(field, 'is not an absolute URL. Send https://<your host>/<path>.');
  }

  if (url.username !== '' || url.password !== '') {
    throw validationError(field, 'must not contain a user name or password; authenticate deliveries with the signature instead.');
  }
  if (url.protocol === 'https:') {
    return url;
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return url;
  }
  if (url.protocol === 'http:') {
    throw validationError(field, `must use https; http is accepted only for a loopback host (localhost, 127.0.0.1, [::1]), and ${url.hostname} is not one.`);
  }
  throw validationError(field, `must use https, not ${url.protocol.replace(':', '')}.`);
}

/**
 * Returns why the mock will not post to `rawUrl`, or null when it may: loopback hosts and the
 * hosts in `allowedHosts` (compared as text, case-insensitively) are the only targets.
 */
export function deliveryBlockReason(rawUrl: string, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return `the URL ${rawUrl} no longer parses`;
  }

  if (isLoopbackHost(url.hostname)) {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (allowedHosts.some((allowed) => allowed.toLowerCase() === host)) {
    return null;
  }
  return `the mock delivers only to loopback hosts and to hosts allowed with --allow-webhook-host, and ${url.hostname} is neither`;
}
