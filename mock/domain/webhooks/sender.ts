// The one place the mock makes outbound HTTP requests: webhook attempts, posted with undici. Only
// this folder may import an HTTP client (a test in test/mock-behaviour.test.ts enforces it).
import { Agent, request } from 'undici';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface SendOutcome {
  response: { status: number; headers: Record<string, string>; body: string } | null;
  error: string | null;
  durationMs: number;
}

/** The part of a receiver's response body kept in the delivery log. */
const recordedBodyBytes = 4096;

export function createDeliveryAgent(timeoutMs: number): Agent {
  return new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 4_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

async function readPrefix(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= recordedBodyBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, recordedBodyBytes).toString('utf8');
}

/**
 * Posts one attempt and never throws: a response within the timeout is returned whatever its
 * status, and anything else (refused connection, timeout, reset) becomes an error message.
 * Redirects are not followed, because a 3xx is a failed attempt (D28).
 */
export async function postAttempt(agent: Agent, attempt: SendRequest): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  try {
    const response = await request(attempt.url, {
      method: 'POST',
      headers: attempt.headers,
      body: attempt.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(attempt.timeoutMs),
    });
    const body = await readPrefix(response.body);
    return { response: { status: response.statusCode, headers: flattenHeaders(response.headers), body }, error: null, durationMs: elapsed() };
  } catch (error) {
    const cause = error as Error & { code?: string; name?: string };
    const timedOut = cause.name === 'TimeoutError' || cause.code === 'UND_ERR_HEADERS_TIMEOUT' || cause.code === 'UND_ERR_BODY_TIMEOUT';
    const message = timedOut ? `no complete response within ${attempt.timeoutMs} ms` : `${cause.code ?? cause.name ?? 'Error'}: ${cause.message}`;
    return { response: null, error: message, durationMs: elapsed() };
  }
}
