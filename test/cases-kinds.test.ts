// Variations of the field cases that the same kind of fault would show: an allocation that
// overdraws reserved credits (F09), one resource under two id forms (F01–F03), a replay after an
// in-place rotation (F01), and prototype keys outside metadata (F12).
import { afterEach, describe, expect, it } from 'vitest';

import { redact } from '../mock/domain/telemetry/pii.ts';
import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const running: RunningMock[] = [];

async function frozenMock(): Promise<RunningMock> {
  const mock = await startMock({ clock: 'frozen' });
  running.push(mock);
  return mock;
}

afterEach(async () => {
  for (const mock of running.splice(0)) {
    await mock.close();
  }
});

async function startParentGeneration(baseUrl: string, key: string): Promise<void> {
  const project = await call(baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Parent work', timezone: 'UTC' } });
  const job = await call(baseUrl, 'POST', `/v1/projects/${project.body.id}/content/slideshow-builder`, { key, body: { hook: 'Reserve fifty' } });
  expect(job.status).toBe(202);
}

describe('allocation and reserved credits', () => {
  it('cannot move credits that a running generation reserved', async () => {
    const mock = await frozenMock();
    const { key } = await mintKey(mock.baseUrl, { credits: 100 });
    const child = await call(mock.baseUrl, 'POST', '/v1/organizations', { key, body: { name: 'Child' } });
    await startParentGeneration(mock.baseUrl, key);

    const tooMuch = await call(mock.baseUrl, 'POST', `/v1/organizations/${child.body.id}/credits/allocate`, { key, body: { credits: 80 }, headers: { 'idempotency-key': 'over' } });
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.body.error.details.reason).toBe('balance');
    expect(tooMuch.body.error.details.allocatable).toBe(50);

    const fits = await call(mock.baseUrl, 'POST', `/v1/organizations/${child.body.id}/credits/allocate`, { key, body: { credits: 50 }, headers: { 'idempotency-key': 'fits' } });
    expect(fits.status).toBe(201);

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 5000 } });
    const wallet = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(wallet.status).toBe(200);
    expect(wallet.body.balance).toBe(0);
    expect(wallet.body.reservedCredits).toBe(0);

    const events = await call(mock.baseUrl, 'GET', '/v1/credits/events', { key });
    expect(events.status).toBe(200);
  });

  it('skips an auto-refill that would take reserved credits', async () => {
    const mock = await frozenMock();
    const { key } = await mintKey(mock.baseUrl, { credits: 150 });
    const child = await call(mock.baseUrl, 'POST', '/v1/organizations', { key, body: { name: 'Refilled child' } });
    const childId = child.body.id as string;
    await call(mock.baseUrl, 'POST', `/v1/organizations/${childId}/credits/allocate`, { key, body: { credits: 50 }, headers: { 'idempotency-key': 'seed' } });
    const config = await call(mock.baseUrl, 'PATCH', `/v1/organizations/${childId}/credit-config`, { key, body: { refillThreshold: 10, refillAmount: 80 } });
    expect(config.status).toBe(200);

    await startParentGeneration(mock.baseUrl, key);
    const childProject = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Child work', timezone: 'UTC' }, headers: { 'x-layers-organization': childId } });
    const childJob = await call(mock.baseUrl, 'POST', `/v1/projects/${childProject.body.id}/content/slideshow-builder`, { key, body: { hook: 'Spend it all' }, headers: { 'x-layers-organization': childId } });
    expect(childJob.status).toBe(202);

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 5000 } });
    const parent = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(parent.status).toBe(200);
    expect(parent.body.balance).toBe(50);
    const childWallet = await call(mock.baseUrl, 'GET', `/v1/organizations/${childId}/credits`, { key });
    expect(childWallet.body.balance).toBe(0);
  });
});

describe('one resource under two id forms', () => {
  it('shares one idempotency entry for the prefixed and the bare id', async () => {
    const mock = await frozenMock();
    const { key } = await mintKey(mock.baseUrl, { credits: 1000 });
    const child = await call(mock.baseUrl, 'POST', '/v1/organizations', { key, body: { name: 'Aliased child' } });
    const prefixed = child.body.id as string;
    const bare = prefixed.slice(4).toUpperCase();
    const options = { key, body: { credits: 100 }, headers: { 'idempotency-key': 'one-transfer' } };

    const first = await call(mock.baseUrl, 'POST', `/v1/organizations/${prefixed}/credits/allocate`, options);
    const second = await call(mock.baseUrl, 'POST', `/v1/organizations/${bare}/credits/allocate`, options);

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const wallet = await call(mock.baseUrl, 'GET', `/v1/organizations/${prefixed}/credits`, { key });
    expect(wallet.body.balance).toBe(100);
  });
});

describe('replay after an in-place rotation', () => {
  it('returns the same new secret to the retired token, and nothing else', async () => {
    const mock = await frozenMock();
    const minted = await mintKey(mock.baseUrl);
    const path = `/v1/api-keys/${minted.apiKeyId}/rotate`;

    const first = await call(mock.baseUrl, 'POST', path, { key: minted.key, headers: { 'idempotency-key': 'rotate-once' } });
    expect(first.status).toBe(200);

    const replay = await call(mock.baseUrl, 'POST', path, { key: minted.key, headers: { 'idempotency-key': 'rotate-once' } });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.secret).toBe(first.body.secret);

    const otherKey = await call(mock.baseUrl, 'POST', path, { key: minted.key, headers: { 'idempotency-key': 'rotate-twice' } });
    expect(otherKey.status).toBe(401);
    const read = await call(mock.baseUrl, 'GET', '/v1/whoami', { key: minted.key });
    expect(read.status).toBe(401);
    const fresh = await call(mock.baseUrl, 'GET', '/v1/whoami', { key: first.body.secret });
    expect(fresh.status).toBe(200);
  });
});

describe('prototype keys outside metadata', () => {
  it('reject a __proto__ query parameter like any unknown one', async () => {
    const mock = await frozenMock();
    const { key } = await mintKey(mock.baseUrl);

    const reply = await call(mock.baseUrl, 'GET', '/v1/projects?__proto__=a', { key });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].path).toBe('__proto__');
  });

  it('keep __proto__ as data when event properties are redacted', () => {
    const properties = JSON.parse('{"__proto__":{"polluted":true},"email":"a@example.com","plan":"pro"}') as Record<string, unknown>;

    const copy = redact(properties) as Record<string, unknown>;

    expect(Object.keys(copy)).toEqual(['__proto__', 'email', 'plan']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.email).toBe('[redacted]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
