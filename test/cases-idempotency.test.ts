// Field cases F01–F03, restated for projects (the allocation endpoint they name arrives with
// sub-organizations): a replay keeps its status, keys are scoped per caller and endpoint, and two
// in-flight requests with one key execute once.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => mock.close());

async function projectsNamed(key: string, name: string): Promise<number> {
  const list = await call(mock.baseUrl, 'GET', `/v1/projects?search=${encodeURIComponent(name)}`, { key });
  return (list.body.items as { name: string }[]).filter((item) => item.name === name).length;
}

describe('F01 replay keeps the status code', () => {
  it('returns 201, the same body and request id, and creates one project', async () => {
    const { key } = await mintKey(mock.baseUrl);
    const headers = { 'idempotency-key': 'K1' };
    const rawBody = JSON.stringify({ name: 'F01 project', timezone: 'UTC' });

    const first = await call(mock.baseUrl, 'POST', '/v1/projects', { key, rawBody, headers });
    const second = await call(mock.baseUrl, 'POST', '/v1/projects', { key, rawBody, headers });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['x-request-id']).toBe(first.headers['x-request-id']);
    expect(await projectsNamed(key, 'F01 project')).toBe(1);
  });
});

describe('F02 idempotency keys are scoped per caller and endpoint', () => {
  it('(a) gives another organization its own project for the same key and body', async () => {
    const parent = await mintKey(mock.baseUrl);
    const unrelated = await mintKey(mock.baseUrl);
    const body = { name: 'F02 shared', timezone: 'UTC' };
    const headers = { 'idempotency-key': 'K2' };

    const mine = await call(mock.baseUrl, 'POST', '/v1/projects', { key: parent.key, body, headers });
    const theirs = await call(mock.baseUrl, 'POST', '/v1/projects', { key: unrelated.key, body, headers });

    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.organizationId).toBe(unrelated.organizationId);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('(b) runs the same key fresh on another endpoint', async () => {
    const { key } = await mintKey(mock.baseUrl);
    const headers = { 'idempotency-key': 'K3' };

    const project = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'F02 endpoint', timezone: 'UTC' }, headers });
    const patch = await call(mock.baseUrl, 'PATCH', `/v1/projects/${project.body.id}`, { key, body: { name: 'F02 renamed' }, headers });

    expect(project.status).toBe(201);
    expect(patch.status).toBe(200);
    expect(patch.body.name).toBe('F02 renamed');
    expect(patch.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('F03 two in-flight requests with one key', () => {
  it('execute once; the other gets 409 in_flight with Retry-After', async () => {
    const { key } = await mintKey(mock.baseUrl);
    await call(mock.baseUrl, 'POST', '/_mock/faults', { body: { method: 'POST', path: '/v1/projects', latencyMs: 300, count: 1 } });
    const headers = { 'idempotency-key': `K4-${randomUUID()}` };
    const body = { name: 'F03 project', timezone: 'UTC' };

    const [first, second] = await Promise.all([
      call(mock.baseUrl, 'POST', '/v1/projects', { key, body, headers }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => call(mock.baseUrl, 'POST', '/v1/projects', { key, body, headers })),
    ]);

    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(second.body.error.details.reason).toBe('in_flight');
    expect(second.headers['retry-after']).toBe('1');
    expect(await projectsNamed(key, 'F03 project')).toBe(1);

    const retry = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });
});
