// Reads and parses JSON request bodies. Every method may carry one, DELETE included, because
// archive operations take an optional {reason}.
import type { IncomingMessage } from 'node:http';

import { ApiError } from './errors.ts';

/** The largest /v1 request body the mock reads, in bytes. */
export const maxBodyBytes = 1024 * 1024;

/** The largest control-surface body, in bytes: a snapshot of a busy mock runs to megabytes. */
export const maxControlBodyBytes = 512 * 1024 * 1024;

export async function readRawBody(request: IncomingMessage, limit: number = maxBodyBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      request.resume();
      throw new ApiError('PAYLOAD_TOO_LARGE', { size: `more than ${limit}`, limit });
    }
    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) {
    return false;
  }
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/** Parses a raw body; an empty body is undefined. Throws 415 or 400 INVALID_JSON. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) {
    return undefined;
  }

  if (!isJsonContentType(contentType)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { contentType: contentType === undefined ? '(none)' : JSON.stringify(contentType) });
  }

  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('INVALID_JSON', { reason: (error as Error).message });
  }
}
