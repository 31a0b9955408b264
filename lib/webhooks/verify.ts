// verifyWebhookSignature: checks a Layers webhook delivery in a partner's receiver. It needs the
// raw request body exactly as received, because the signature covers those bytes and a parsed and
// re-serialized body (other key order, other escaping) no longer matches.
//
//   import { verifyWebhookSignature } from 'layers-conformance-kit/webhooks/verify';
//   const result = verifyWebhookSignature({ rawBody: request.body, header: request.get('X-Layers-Signature'), secrets: [secret] });
//   if (!result.ok) response.status(400).send(result.message);
import { timingSafeEqual } from 'node:crypto';

import { computeSignature, parseSignatureHeader } from './signature.ts';

/** How far `t` may be from the receiver's clock, in either direction, by default (D26). */
export const defaultToleranceSeconds = 300;

export interface VerifyOptions {
  /** The request body bytes as received: a Buffer, a Uint8Array or the exact string. */
  rawBody: Uint8Array | string;
  /** The X-Layers-Signature header value. */
  header: string | string[] | null | undefined;
  /** Every secret the endpoint may currently sign with; during a rotation, both. */
  secrets: string[];
  /** Largest allowed distance between t and now, in seconds; 300 by default. */
  toleranceSeconds?: number;
  /** The receiver's current time as a Date or epoch milliseconds; the system clock by default. */
  now?: Date | number;
}

export type VerifyFailureReason =
  | 'missing_header'
  | 'malformed_header'
  | 'invalid_timestamp'
  | 'timestamp_out_of_tolerance'
  | 'signature_mismatch';

export type VerifyResult =
  | { ok: true; timestamp: number; matchedSecretIndex: number }
  | { ok: false; reason: VerifyFailureReason; message: string };

const hexSignature = /^[0-9a-fA-F]{64}$/;

/** Epoch seconds from 1e11 on are past the year 5000: such a t is almost surely milliseconds. */
const millisecondsThreshold = 1e11;

function failure(reason: VerifyFailureReason, message: string): VerifyResult {
  return { ok: false, reason, message };
}

function nowInMilliseconds(now: Date | number | undefined): number {
  if (now === undefined) {
    return Date.now();
  }
  const value = now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(value)) {
    throw new TypeError(`verifyWebhookSignature: now must be a Date or epoch milliseconds; got ${String(now)}.`);
  }
  return value;
}

function checkOptions(options: VerifyOptions): void {
  const body: unknown = options.rawBody;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError(
      'verifyWebhookSignature: rawBody must be the request body exactly as received (a Buffer or a string), not parsed JSON. With express, read it with express.raw({ type: "application/json" }).',
    );
  }
  if (!Array.isArray(options.secrets) || options.secrets.length === 0 || options.secrets.some((secret) => typeof secret !== 'string' || secret === '')) {
    throw new TypeError('verifyWebhookSignature: secrets must be a non-empty list of the endpoint\'s signing secrets (whsec_…).');
  }
  const tolerance = options.toleranceSeconds;
  if (tolerance !== undefined && (!Number.isFinite(tolerance) || tolerance < 0)) {
    throw new TypeError(`verifyWebhookSignature: toleranceSeconds must be a non-negative number of seconds; got ${String(tolerance)}.`);
  }
}

/**
 * Verifies the X-Layers-Signature of one delivery. Returns ok with the signed timestamp, or the
 * reason it failed. Throws a TypeError only for a caller's mistake in the options.
 */
export function verifyWebhookSignature(options: VerifyOptions): VerifyResult {
  checkOptions(options);
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
  const nowMs = nowInMilliseconds(options.now);

  const header = Array.isArray(options.header) ? options.header.join(',') : options.header;
  if (header === undefined || header === null || header.trim() === '') {
    return failure('missing_header', 'The X-Layers-Signature header is missing or empty.');
  }

  let parsed;
  try {
    parsed = parseSignatureHeader(header);
  } catch (error) {
    return failure('malformed_header', `The X-Layers-Signature header is malformed: ${(error as Error).message}.`);
  }

  if (!/^\d{1,15}$/.test(parsed.timestamp)) {
    return failure('invalid_timestamp', `The signature timestamp t=${JSON.stringify(parsed.timestamp)} is not whole Unix seconds.`);
  }
  const timestamp = Number(parsed.timestamp);
  if (timestamp >= millisecondsThreshold) {
    return failure('invalid_timestamp', `The signature timestamp t=${timestamp} looks like milliseconds; t is Unix seconds.`);
  }

  const skewSeconds = timestamp - nowMs / 1000;
  if (Math.abs(skewSeconds) > tolerance) {
    const direction = skewSeconds < 0 ? 'before' : 'after';
    const distance = Math.abs(skewSeconds);
    const shown = Number.isInteger(distance) ? String(distance) : distance.toFixed(1);
    return failure('timestamp_out_of_tolerance', `The signature timestamp is ${shown} s ${direction} the receiver's clock, beyond the tolerance of ${tolerance} s.`);
  }

  const received = parsed.signatures.filter((signature) => hexSignature.test(signature)).map((signature) => Buffer.from(signature, 'hex'));
  if (received.length === 0) {
    return failure('malformed_header', 'No v1 element of the X-Layers-Signature header is a 64-character hex HMAC-SHA256.');
  }

  // Every expected signature is compared with every received one, each in constant time, with
  // no early exit, so the timing does not tell which secret or position matched.
  let matchedSecretIndex = -1;
  options.secrets.forEach((secret, index) => {
    // The signed text is "<t>.<raw body>" with t exactly as the header carries it.
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, options.rawBody), 'hex');
    for (const candidate of received) {
      if (timingSafeEqual(expected, candidate) && matchedSecretIndex === -1) {
        matchedSecretIndex = index;
      }
    }
  });

  if (matchedSecretIndex === -1) {
    return failure('signature_mismatch', 'No v1 signature matches the raw body under any of the given secrets. Verify the body bytes as received, before any JSON parsing.');
  }
  return { ok: true, timestamp, matchedSecretIndex };
}
