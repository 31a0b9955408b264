// A small undici wrapper for tests that talk to the mock directly.
import { request } from 'undici';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
}

export async function call(baseUrl: string, method: string, path: string, options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.key !== undefined) {
    headers.authorization = `Bearer ${options.key}`;
  }

  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
  }
  if (body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }

  const response = await request(new URL(path, baseUrl), { method: method as 'GET', headers, body });
  const text = await response.body.text();
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }

  let parsed: any = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.statusCode, headers: flat, body: parsed, text };
}

/** Mints a parent key through the control surface. */
export async function mintKey(baseUrl: string, options: Record<string, unknown> = {}): Promise<{ key: string; apiKeyId: string; organizationId: string }> {
  const reply = await call(baseUrl, 'POST', '/_mock/keys', { body: options });
  if (reply.status !== 201) {
    throw new Error(`POST /_mock/keys failed with ${reply.status}: ${reply.text}`);
  }
  return reply.body;
}
