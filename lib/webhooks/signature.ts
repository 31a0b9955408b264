// The webhook signature of D26: X-Layers-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…], where
// each v1 is HMAC-SHA256 keyed with the UTF-8 bytes of a whole signing secret (whsec_ prefix
// included, not base64-decoded) over the bytes `<t>.<raw body>`. Shared by the mock, which signs,
// and the verify helper, which partners import.
import { createHmac } from 'node:crypto';

export const signatureHeaderName = 'X-Layers-Signature';
export const eventIdHeaderName = 'X-Layers-Event-Id';

/** Returns the hex HMAC-SHA256 of `<timestamp>.<rawBody>` under `secret`. */
export function computeSignature(secret: string, timestamp: number | string, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  hmac.update(`${timestamp}.`, 'utf8');
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return hmac.digest('hex');
}

/** Builds the header value: one v1 per secret, in the order given (the newest secret first). */
export function buildSignatureHeader(secrets: string[], timestamp: number, rawBody: string | Uint8Array): string {
  if (secrets.length === 0) {
    throw new Error('Failed to sign a webhook payload: no signing secret was given.');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new Error(`Failed to sign a webhook payload: the timestamp must be whole Unix seconds, got ${timestamp}.`);
  }

  const parts = [`t=${timestamp}`, ...secrets.map((secret) => `v1=${computeSignature(secret, timestamp, rawBody)}`)];
  return parts.join(',');
}

export interface ParsedSignatureHeader {
  /** The t element exactly as sent. */
  timestamp: string;
  /** Every v1 element, in header order. */
  signatures: string[];
}

/**
 * Splits a header value into its t and v1 elements; throws an Error naming the problem when the
 * value is malformed. Unknown elements (a future v2, for example) are ignored.
 */
export function parseSignatureHeader(header: string): ParsedSignatureHeader {
  let timestamp: string | null = null;
  const signatures: string[] = [];

  for (const rawElement of header.split(',')) {
    const element = rawElement.trim();
    const separator = element.indexOf('=');
    if (separator <= 0) {
      throw new Error(`element ${JSON.stringify(element)} is not of the form key=value`);
    }

    const key = element.slice(0, separator);
    const value = element.slice(separator + 1);
    if (key === 't') {
      if (timestamp !== null) {
        throw new Error('it carries more than one t element');
      }
      timestamp = value;
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }

  if (timestamp === null) {
    throw new Error('it has no t element');
  }
  if (signatures.length === 0) {
    throw new Error('it has no v1 element');
  }
  return { timestamp, signatures };
}
