// Field cases F01–F03 and F06–F12 for sub-organizations, against a mock on a frozen clock, and
// the archive, migrate, cap and refill rules that need exact credit figures.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, mintKey, type Reply } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ clock: 'frozen' });
});
afterAll(async () => mock.close());

interface Parent {
  key: string;
  apiKeyId: string;
  organizationId: string;
}

async function parentWith(credits: number, extra: Record<string, unknown> = {}): Promise<Parent> {
  return mintKey(mock.baseUrl, { credits, scopes: ['*', 'org:admin'], ...extra });
}

async function child(parent: Parent, body: Record<string, unknown> = {}): Promise<string> {
  const reply = await call(mock.baseUrl, 'POST', '/v1/organizations', { key: parent.key, body: { name: 'Case child', ...body } });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

function allocate(parent: Parent, childId: string, credits: number, idempotencyKey: string = randomUUID()): Promise<Reply> {
  return call(mock.baseUrl, 'POST', `/v1/organizations/${childId}/credits/allocate`, { key: parent.key, body: { credits }, headers: { 'idempotency-key': idempotencyKey } });
}

async function wallet(parent: Parent, childId?: string): Promise<any> {
  const path = childId === undefined ? '/v1/credits' : `/v1/organizations/${childId}/credits`;
  return (await call(mock.baseUrl, 'GET', path, { key: parent.key })).body;
}

async function ledger(parent: Parent, childId: string): Promise<any[]> {
  return (await call(mock.baseUrl, 'GET', `/v1/organizations/${childId}/credits/events?limit=100`, { key: parent.key })).body.items;
}

function patchMetadata(parent: Parent, childId: string, metadata: unknown): Promise<Reply> {
  return call(mock.baseUrl, 'PATCH', `/v1/organizations/${childId}`, { key: parent.key, rawBody: JSON.stringify({ metadata }) });
}

async function generate(parent: Parent, childId: string, projectId: string): Promise<Reply> {
  return call(mock.baseUrl, 'POST', `/v1/projects/${projectId}/content/slideshow-builder`, { key: parent.key, body: { hook: 'Case' }, headers: { 'x-layers-organization': childId } });
}

async function projectIn(parent: Parent, childId?: string): Promise<string> {
  const headers: Record<string, string> = childId === undefined ? {} : { 'x-layers-organization': childId };
  const reply = await call(mock.baseUrl, 'POST', '/v1/projects', { key: parent.key, body: { name: 'Case project', timezone: 'UTC' }, headers });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

describe('F01 allocate replay', () => {
  it('keeps 201, the same transfer id, and one ledger row', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);

    const first = await allocate(parent, c1, 100, 'K1');
    const second = await allocate(parent, c1, 100, 'K1');

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['x-request-id']).toBe(first.headers['x-request-id']);
    expect((await ledger(parent, c1)).filter((row) => row.metadata.transferId === first.body.id)).toHaveLength(1);
    expect((await wallet(parent)).prepaidBalance).toBe(900);
  });
});

describe('F02 idempotency keys across callers and endpoints', () => {
  it('(a) gives an unrelated organization its own allocation for the same key', async () => {
    const p = await parentWith(1000);
    const q = await parentWith(1000);
    const pChild = await child(p);
    const qChild = await child(q);

    const mine = await allocate(p, pChild, 100, 'K2');
    const theirs = await allocate(q, qChild, 100, 'K2');

    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.organizationId).toBe(qChild);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('(b) runs the same key fresh on POST /v1/organizations after POST /v1/projects', async () => {
    const parent = await parentWith(0);
    const headers = { 'idempotency-key': 'K3' };

    const project = await call(mock.baseUrl, 'POST', '/v1/projects', { key: parent.key, body: { name: 'F02 project', timezone: 'UTC' }, headers });
    const organization = await call(mock.baseUrl, 'POST', '/v1/organizations', { key: parent.key, body: { name: 'F02 child' }, headers });

    expect(project.status).toBe(201);
    expect(organization.status).toBe(201);
    expect(organization.body.id).toMatch(/^org_/);
    expect(organization.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('F03 two in-flight allocations with one key', () => {
  it('move credits once; the other gets 409 in_flight', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await call(mock.baseUrl, 'POST', '/_mock/faults', { body: { method: 'POST', path: `/v1/organizations/${c1}/credits/allocate`, latencyMs: 300, count: 1 } });

    const [first, second] = await Promise.all([
      allocate(parent, c1, 100, 'K4'),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => allocate(parent, c1, 100, 'K4')),
    ]);

    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.error.details.reason).toBe('in_flight');
    expect(second.headers['retry-after']).toBe('1');
    expect((await wallet(parent)).prepaidBalance).toBe(900);
    expect(await ledger(parent, c1)).toHaveLength(1);
  });
});

describe('F06 lengths in code points', () => {
  it('accepts 500 emoji and a 40-letter key, and rejects one more', async () => {
    const parent = await parentWith(0);
    const c1 = await child(parent);

    expect((await patchMetadata(parent, c1, { k: '😀'.repeat(500) })).status).toBe(200);
    const longValue = await patchMetadata(parent, c1, { k: '😀'.repeat(501) });
    expect(longValue.status).toBe(422);
    expect(longValue.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain('metadata.k');

    expect((await patchMetadata(parent, c1, { ['𝐀'.repeat(40)]: 'v' })).status).toBe(200);
    const longKey = await patchMetadata(parent, c1, { ['𝐀'.repeat(41)]: 'v' });
    expect(longKey.status).toBe(422);
    expect(longKey.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(`metadata.${'𝐀'.repeat(41)}`);
  });

  it('applies the same limits on create', async () => {
    const parent = await parentWith(0);
    const accepted = await call(mock.baseUrl, 'POST', '/v1/organizations', { key: parent.key, body: { name: 'F06', metadata: { k: '😀'.repeat(500) } } });
    const rejected = await call(mock.baseUrl, 'POST', '/v1/organizations', { key: parent.key, body: { name: 'F06', metadata: { k: '😀'.repeat(501) } } });
    expect(accepted.status).toBe(201);
    expect(rejected.status).toBe(422);
  });
});

describe('F07 per-key null', () => {
  it('removes with "", rejects null, ignores {}, and clears with null', async () => {
    const parent = await parentWith(0);
    const c1 = await child(parent, { metadata: { a: '1', b: '2' } });

    expect((await patchMetadata(parent, c1, { a: '' })).body.metadata).toEqual({ b: '2' });
    const rejected = await patchMetadata(parent, c1, { b: null });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.details.issues[0].path).toBe('metadata.b');
    expect((await call(mock.baseUrl, 'GET', `/v1/organizations/${c1}`, { key: parent.key })).body.metadata).toEqual({ b: '2' });
    expect((await patchMetadata(parent, c1, {})).body.metadata).toEqual({ b: '2' });
    expect((await patchMetadata(parent, c1, null)).body.metadata).toEqual({});
  });
});

describe('F08 key count after the merge', () => {
  it('rejects a 51st key, accepts a swap, and keeps the other keys', async () => {
    const parent = await parentWith(0);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index + 1}`, 'v']));
    const c1 = await child(parent, { metadata: fifty });

    const added = await patchMetadata(parent, c1, { k51: 'v' });
    expect(added.status).toBe(422);
    expect(Object.keys((await call(mock.baseUrl, 'GET', `/v1/organizations/${c1}`, { key: parent.key })).body.metadata)).toHaveLength(50);

    const swapped = await patchMetadata(parent, c1, { k51: 'v', k1: '' });
    expect(swapped.status).toBe(200);
    expect(Object.keys(swapped.body.metadata)).toHaveLength(50);
    expect(swapped.body.metadata.k1).toBeUndefined();

    const kept = await patchMetadata(parent, c1, { k2: 'x' });
    expect(kept.status).toBe(200);
    expect(Object.keys(kept.body.metadata)).toHaveLength(50);
    expect(kept.body.metadata.k2).toBe('x');
  });
});

describe('F09 concurrent overdraft', () => {
  it('gives one 201 and one 402, leaves the parent 20 and nothing negative', async () => {
    const parent = await parentWith(100);
    const c1 = await child(parent);
    const c2 = await child(parent);
    await call(mock.baseUrl, 'POST', '/_mock/faults', { body: { method: 'POST', path: '/v1/organizations/{orgId}/credits/allocate', latencyMs: 200, count: 2 } });

    const replies = await Promise.all([allocate(parent, c1, 80), allocate(parent, c2, 80)]);

    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 402]);
    const refused = replies.find((reply) => reply.status === 402) as Reply;
    expect(refused.body.error.code).toBe('BILLING_EXHAUSTED');
    expect(refused.body.error.details.reason).toBe('balance');

    const wallets = [await wallet(parent), await wallet(parent, c1), await wallet(parent, c2)];
    expect(wallets[0].prepaidBalance).toBe(20);
    expect(wallets[1].balance + wallets[2].balance).toBe(80);
    expect(wallets.every((entry) => entry.available >= 0 && entry.prepaidBalance >= 0)).toBe(true);
  });
});

describe('F10 rotation grace on the clock', () => {
  it('old secret expires after 24 h', async () => {
    const parent = await parentWith(0);
    const c1 = await child(parent);
    const minted = await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/api-keys`, { key: parent.key, body: { name: 'F10', scopes: ['projects:read'] } });
    const rotated = await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/api-keys/${minted.body.apiKey.id}/rotate`, { key: parent.key });
    const whoami = async (key: string): Promise<number> => (await call(mock.baseUrl, 'GET', '/v1/whoami', { key })).status;
    const advance = (ms: number) => call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } });

    await advance(1000);
    expect(await whoami(rotated.body.secret)).toBe(200);
    await advance(59_000);
    expect(await whoami(minted.body.secret)).toBe(200);
    await advance(24 * 3600_000 - 60_000 - 60_000);
    expect(await whoami(minted.body.secret)).toBe(200);
    await advance(59_000);
    expect(await whoami(minted.body.secret)).toBe(200);
    await advance(2000);
    expect(await whoami(minted.body.secret)).toBe(401);
    await advance(58_000);
    expect(await whoami(minted.body.secret)).toBe(401);
    expect(await whoami(rotated.body.secret)).toBe(200);
  });
});

describe('F11 exhausted read bucket', () => {
  it('answers 429 with Retry-After 1..60 and Remaining 0, never negative', async () => {
    const { key } = await mintKey(mock.baseUrl, { tier: 'standard', scopes: ['*'] });
    const replies: Reply[] = [];
    for (let index = 0; index < 122; index += 1) {
      replies.push(await call(mock.baseUrl, 'GET', '/v1/whoami', { key }));
    }

    expect(replies.slice(0, 120).every((reply) => reply.status === 200)).toBe(true);
    expect(replies.map((reply) => Number(reply.headers['x-ratelimit-remaining'])).every((remaining) => remaining >= 0)).toBe(true);
    for (const extra of replies.slice(120)) {
      expect(extra.status).toBe(429);
      expect(extra.body.error.code).toBe('RATE_LIMITED');
      expect(extra.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(extra.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(extra.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(extra.headers['x-ratelimit-remaining']).toBe('0');
    }
  });

  it('puts a test child key on the sandbox tier', async () => {
    const parent = await parentWith(0);
    const c1 = await child(parent);
    const minted = await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/api-keys`, { key: parent.key, body: { name: 'Sandbox', scopes: ['projects:read'], env: 'test' } });
    const whoami = await call(mock.baseUrl, 'GET', '/v1/whoami', { key: minted.body.secret });
    expect(whoami.body.rateLimitTier).toBe('sandbox');
    expect(whoami.headers['x-ratelimit-limit']).toBe('120');
  });
});

describe('F12 prototype keys', () => {
  it('stores __proto__ and constructor as plain strings and leaks nothing', async () => {
    const parent = await parentWith(0);
    const c1 = await child(parent);

    const patched = await call(mock.baseUrl, 'PATCH', `/v1/organizations/${c1}`, { key: parent.key, rawBody: '{"metadata":{"__proto__":"x","constructor":"y"}}' });
    expect(patched.status).toBe(200);
    expect(patched.text).toContain('"__proto__":"x"');
    const read = await call(mock.baseUrl, 'GET', `/v1/organizations/${c1}`, { key: parent.key });
    expect(read.text).toContain('"__proto__":"x","constructor":"y"');

    const other = await call(mock.baseUrl, 'POST', '/v1/organizations', { key: parent.key, body: { name: 'Clean' } });
    expect(other.text).toContain('"metadata":{}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('archive', () => {
  it("sweeps unreserved credits, cancels queued work and revokes the child's keys", async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await allocate(parent, c1, 300);
    const project = await projectIn(parent, c1);
    expect((await generate(parent, c1, project)).status).toBe(202);
    const key = (await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/api-keys`, { key: parent.key, body: { name: 'Doomed', scopes: ['projects:read'] } })).body.secret;

    const archived = await call(mock.baseUrl, 'DELETE', `/v1/organizations/${c1}`, { key: parent.key });

    // On a frozen clock the generation is still queued, so its 50 credits are released and swept.
    expect(archived.body).toMatchObject({ status: 'archived', reclaimedCredits: 300, revokedApiKeys: 1 });
    expect((await wallet(parent)).prepaidBalance).toBe(1000);
    expect((await call(mock.baseUrl, 'GET', '/v1/whoami', { key })).status).toBe(401);
  });

  it('returns later-released credits to the parent', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await allocate(parent, c1, 300);
    const project = await projectIn(parent, c1);
    const job = await call(mock.baseUrl, 'POST', `/v1/projects/${project}/content/slideshow-builder`, { key: parent.key, body: { hook: 'Will fail [mock:fail]' }, headers: { 'x-layers-organization': c1 } });
    expect(job.status).toBe(202);
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 500 } });

    const archived = await call(mock.baseUrl, 'DELETE', `/v1/organizations/${c1}`, { key: parent.key });
    expect(archived.body.reclaimedCredits).toBe(250);
    expect((await wallet(parent, c1)).reservedCredits).toBe(50);

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
    expect((await wallet(parent, c1)).balance).toBe(0);
    expect((await wallet(parent)).prepaidBalance).toBe(1000);
    const reclaims = (await ledger(parent, c1)).filter((row) => row.metadata.direction === 'reclaim');
    expect(reclaims.map((row) => row.credits).sort()).toEqual([-250, -50]);
  });
});

describe('migrate', () => {
  it('rejects the whole mapping when a project has a running job', async () => {
    const parent = await parentWith(1000);
    const idle = await projectIn(parent);
    const busy = await projectIn(parent);
    expect((await call(mock.baseUrl, 'POST', `/v1/projects/${busy}/content/slideshow-builder`, { key: parent.key, body: { hook: 'Busy' } })).status).toBe(202);

    const rejected = await call(mock.baseUrl, 'POST', '/v1/organizations/migrate', { key: parent.key, body: { mapping: { [idle]: 'A', [busy]: 'B' } } });

    expect(rejected.status).toBe(409);
    expect(rejected.body.error.code).toBe('CONFLICT');
    expect((await call(mock.baseUrl, 'GET', `/v1/projects/${idle}`, { key: parent.key })).status).toBe(200);
    expect((await call(mock.baseUrl, 'GET', '/v1/organizations', { key: parent.key })).body.items).toEqual([]);
  });
});

describe('caps and refill', () => {
  it('checks the cap before the balance and counts open reservations', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await allocate(parent, c1, 40);
    await call(mock.baseUrl, 'PATCH', `/v1/organizations/${c1}/credit-config`, { key: parent.key, body: { monthlyCreditCap: 30 } });
    const project = await projectIn(parent, c1);

    const capped = await generate(parent, c1, project);
    expect(capped.status).toBe(402);
    expect(capped.body.error.details.reason).toBe('cap');
  });

  it('skips a refill that the parent cannot cover', async () => {
    const parent = await parentWith(100);
    const c1 = await child(parent);
    await allocate(parent, c1, 60);
    await call(mock.baseUrl, 'PATCH', `/v1/organizations/${c1}/credit-config`, { key: parent.key, body: { refillThreshold: 50, refillAmount: 100 } });
    const project = await projectIn(parent, c1);

    expect((await generate(parent, c1, project)).status).toBe(202);
    expect((await wallet(parent, c1)).available).toBe(10);
    expect((await wallet(parent)).prepaidBalance).toBe(40);
  });

  it('refuses generation in a suspended child, even for the parent', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await allocate(parent, c1, 100);
    const project = await projectIn(parent, c1);
    await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/suspend`, { key: parent.key });

    const refused = await generate(parent, c1, project);
    expect(refused.status).toBe(503);
    expect(refused.body.error.details.scope).toBe('org');
    expect((await wallet(parent, c1)).reservedCredits).toBe(0);
  });
});

describe('events of a suspended child', () => {
  it('are not emitted when its generation completes (D29)', async () => {
    const parent = await parentWith(1000);
    const c1 = await child(parent);
    await allocate(parent, c1, 100);
    const project = await projectIn(parent, c1);
    expect((await generate(parent, c1, project)).status).toBe(202);
    await call(mock.baseUrl, 'POST', `/v1/organizations/${c1}/suspend`, { key: parent.key });

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });

    expect((await wallet(parent, c1)).reservedCredits).toBe(0);
    expect(mock.server.mock.store.events.filter((event) => event.organizationId === c1)).toEqual([]);
  });
});

describe('migrate read grace', () => {
  it('lets the parent read a migrated project for 30 days', async () => {
    const parent = await parentWith(0);
    const project = await projectIn(parent);
    const migrated = await call(mock.baseUrl, 'POST', '/v1/organizations/migrate', { key: parent.key, body: { mapping: { [project]: 'Grace child' } } });
    expect(migrated.status).toBe(201);

    expect((await call(mock.baseUrl, 'GET', `/v1/projects/${project}`, { key: parent.key })).status).toBe(200);
    expect((await call(mock.baseUrl, 'PATCH', `/v1/projects/${project}`, { key: parent.key, body: { tagline: 'x' } })).status).toBe(404);

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 30 * 24 * 3600_000 - 1000 } });
    expect((await call(mock.baseUrl, 'GET', `/v1/projects/${project}`, { key: parent.key })).status).toBe(200);
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
    expect((await call(mock.baseUrl, 'GET', `/v1/projects/${project}`, { key: parent.key })).status).toBe(404);
  });
});
