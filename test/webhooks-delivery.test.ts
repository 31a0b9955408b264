// Webhook delivery against real receivers on 127.0.0.1: the ladder on the mock clock (D28), the
// stop rules, timeouts, auto-pause, deletion, replay (D27), rotation (D26), the firehose and
// suspended organizations (D29), the project filter, and the schema check of emitted events.
import { createHmac } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { verifyWebhookSignature } from '../lib/webhooks/verify.ts';
import { grantPrepaid } from '../mock/domain/credits/wallet.ts';
import { emitEvent } from '../mock/domain/events.ts';
import { createOrganization } from '../mock/domain/organizations/create.ts';
import { deliveryBlockReason } from '../mock/domain/webhooks/urls.ts';
import { WebhookReceiver, type Responder } from '../suites/lib/receiver.ts';
import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const adminKey = 'lp_test_ACMEPARTNERADMIN_BKm4rboDBlFnUJ3KtFf8TH1KW4KZTE_TQTGrl6W-irw';
const seededProject = 'prj_2c6c69b3-a2f7-4e97-8ae4-9e4b82579832';
const ladderSeconds = [0, 30, 60, 300, 900, 3600, 21_600, 86_400];
const hour = 3_600_000;

let shared: RunningMock;
const receivers: WebhookReceiver[] = [];
const ownMocks: RunningMock[] = [];

beforeAll(async () => {
  shared = await startMock({ clock: 'frozen' });
});

afterAll(async () => {
  await shared.close();
});

afterEach(async () => {
  for (const receiver of receivers.splice(0)) {
    await receiver.close();
  }
  for (const mock of ownMocks.splice(0)) {
    await mock.close();
  }
});

async function receiver(responder: Responder = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const started = await WebhookReceiver.start({ responder });
  receivers.push(started);
  return started;
}

async function ownMock(options: Parameters<typeof startMock>[0]): Promise<RunningMock> {
  const mock = await startMock({ clock: 'frozen', ...options });
  ownMocks.push(mock);
  return mock;
}

async function createEndpoint(mock: RunningMock, body: Record<string, unknown>, key = adminKey): Promise<{ id: string; secret: string }> {
  const reply = await call(mock.baseUrl, 'POST', '/v1/webhook-endpoints', { key, body });
  expect(reply.status, reply.text).toBe(201);
  return { id: reply.body.endpoint.id, secret: reply.body.signingSecret };
}

async function ping(mock: RunningMock, endpointId: string, payload?: Record<string, unknown>): Promise<{ eventId: string; deliveryId: string }> {
  const reply = await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${endpointId}/test`, { key: adminKey, body: payload === undefined ? {} : { payload } });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
}

async function advance(mock: RunningMock, ms: number): Promise<number> {
  const reply = await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } });
  expect(reply.status, reply.text).toBe(200);
  return Date.parse(reply.body.now);
}

async function now(mock: RunningMock): Promise<number> {
  return Date.parse((await call(mock.baseUrl, 'GET', '/_mock/clock')).body.now);
}

async function deliveryLog(mock: RunningMock, query = ''): Promise<any[]> {
  const reply = await call(mock.baseUrl, 'GET', `/_mock/webhooks/deliveries${query}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.items;
}

async function generate(mock: RunningMock, options: { organization?: string; project?: string } = {}): Promise<string> {
  const headers = options.organization === undefined ? undefined : { 'x-layers-organization': options.organization };
  const project = options.project ?? seededProject;
  const reply = await call(mock.baseUrl, 'POST', `/v1/projects/${project}/content/slideshow-builder`, { key: adminKey, body: { hook: 'Webhook test' }, headers });
  expect(reply.status, reply.text).toBe(202);
  return reply.body.jobId;
}

function hmac(secret: string, t: string, body: Buffer): string {
  return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t}.`), body])).digest('hex');
}

function signatureOf(request: { headers: Record<string, string> }): { t: string; v1: string[] } {
  const elements = (request.headers['x-layers-signature'] ?? '').split(',').map((element) => element.split('=') as [string, string]);
  return { t: elements.find(([key]) => key === 't')?.[1] ?? '', v1: elements.filter(([key]) => key === 'v1').map(([, value]) => value) };
}

describe('retry ladder', () => {
  it('makes 8 attempts on time, then fails', async () => {
    const failing = await receiver(() => ({ status: 503 }));
    const endpoint = await createEndpoint(shared, { url: failing.url, events: ['job.completed'] });
    const jobId = await generate(shared);

    const wallStart = performance.now();
    await advance(shared, 2000);
    const event = (await deliveryLog(shared, `?endpointId=${endpoint.id}`))[0];
    const eventAt = Date.parse(event.ladderStart);
    expect(JSON.parse(event.payload).data.jobId).toBe(jobId);
    expect(failing.requests).toHaveLength(1);

    let clock = await now(shared);
    for (const [index, seconds] of ladderSeconds.entries()) {
      if (index === 0) {
        continue;
      }
      const due = eventAt + seconds * 1000;
      clock = await advance(shared, due - 1000 - clock);
      expect(failing.requests, `no attempt ${index + 1} one second before ${seconds} s`).toHaveLength(index);
      clock = await advance(shared, 1000);
      expect(failing.requests, `attempt ${index + 1} at ${seconds} s`).toHaveLength(index + 1);
    }
    await advance(shared, 48 * hour);
    const wallMs = performance.now() - wallStart;

    expect(failing.requests).toHaveLength(8);
    expect(wallMs).toBeLessThan(2000);

    const entry = (await deliveryLog(shared, `?endpointId=${endpoint.id}`))[0];
    expect(entry.attemptLog.map((attempt: any) => (Date.parse(attempt.attemptedAt) - eventAt) / 1000)).toEqual(ladderSeconds);
    expect(failing.requests.map((request) => Number(signatureOf(request).t))).toEqual(ladderSeconds.map((seconds) => Math.floor((eventAt + seconds * 1000) / 1000)));
    expect(new Set(failing.requests.map((request) => request.headers['x-layers-event-id']))).toEqual(new Set([event.eventId]));
    expect(new Set(failing.requests.map((request) => request.rawBody.toString('utf8'))).size).toBe(1);
    for (const request of failing.requests) {
      const { t, v1 } = signatureOf(request);
      expect(v1).toEqual([hmac(endpoint.secret, t, request.rawBody)]);
    }

    const deliveries = await call(shared.baseUrl, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { key: adminKey });
    expect(deliveries.body.items[0]).toMatchObject({ status: 'failed', attempts: 8, nextRetryAt: null, lastResponseStatus: 503, eventType: 'job.completed' });
  });

  it('is caught attempting early by the same checks', async () => {
    const mock = await ownMock({ defects: ['webhook-ladder-early'] });
    const failing = await receiver(() => ({ status: 500 }));
    const endpoint = await createEndpoint(mock, { url: failing.url, events: ['job.completed'] });
    await ping(mock, endpoint.id);

    await advance(mock, 29_000);

    expect(failing.requests.length).toBeGreaterThan(1);
  });

  it.each([
    [400, 'failed', 1],
    [401, 'failed', 1],
    [410, 'failed', 1],
    [408, 'pending', 2],
    [409, 'pending', 2],
    [429, 'pending', 2],
    [302, 'pending', 2],
    [500, 'pending', 2],
    [204, 'delivered', 1],
  ])('treats status %i as %s', async (status, outcome, attempts) => {
    const answering = await receiver(() => ({ status }));
    const endpoint = await createEndpoint(shared, { url: answering.url, events: ['test.ping'] });
    const { deliveryId } = await ping(shared, endpoint.id);

    await advance(shared, 30_000);

    expect(answering.requests).toHaveLength(attempts);
    const [entry] = await deliveryLog(shared, `?endpointId=${endpoint.id}`);
    expect(entry.id).toBe(deliveryId);
    expect(entry.status).toBe(outcome);
    expect(entry.lastResponseStatus).toBe(status);
  });

  it('counts a response slower than the timeout as a failure', async () => {
    const mock = await ownMock({ webhookTimeoutMs: 200 });
    const slow = await receiver(() => ({ status: 200, delayMs: 600 }));
    const endpoint = await createEndpoint(mock, { url: slow.url, events: ['test.ping'] });
    await ping(mock, endpoint.id);

    await advance(mock, 0);

    const [entry] = await deliveryLog(mock);
    expect(entry.status).toBe('pending');
    expect(entry.attemptLog[0].error).toContain('within 200 ms');
    expect(entry.nextRetryAt).toBe(new Date(Date.parse(entry.ladderStart) + 30_000).toISOString());
  });

  it('retries a refused connection', async () => {
    const closed = await receiver();
    const url = closed.url;
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    const endpoint = await createEndpoint(shared, { url, events: ['test.ping'] });
    await ping(shared, endpoint.id);

    await advance(shared, 0);

    const [entry] = await deliveryLog(shared, `?endpointId=${endpoint.id}`);
    expect(entry.status).toBe('pending');
    expect(entry.lastResponseStatus).toBeNull();
    expect(entry.attemptLog[0].error).toMatch(/ECONNREFUSED/);
  });
});

describe('endpoint status', () => {
  it('pauses itself after 20 consecutive failures', async () => {
    const failing = await receiver(() => ({ status: 500 }));
    const endpoint = await createEndpoint(shared, { url: failing.url, events: ['test.ping'] });
    for (let index = 0; index < 3; index += 1) {
      await ping(shared, endpoint.id);
    }

    await advance(shared, 25 * hour);

    // Seven rungs of three attempts: the three 6 h attempts are in flight together when the
    // twentieth failure pauses the endpoint, and the three 24 h attempts are held.
    expect(failing.requests).toHaveLength(21);
    const paused = await call(shared.baseUrl, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { key: adminKey });
    expect(paused.body.status).toBe('auto_paused');
    expect(paused.body.consecutiveFailureCount).toBe(21);
    expect((await deliveryLog(shared, `?endpointId=${endpoint.id}`)).filter((entry) => entry.held)).toHaveLength(3);

    failing.responder = () => ({ status: 200 });
    const resumed = await call(shared.baseUrl, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: adminKey, body: { status: 'active' } });
    expect(resumed.body).toMatchObject({ status: 'active', consecutiveFailureCount: 0 });
    await advance(shared, 0);

    expect(failing.requests).toHaveLength(24);
    expect((await deliveryLog(shared, `?endpointId=${endpoint.id}`)).map((entry) => entry.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('sends a paused endpoint no new events', async () => {
    const listening = await receiver();
    const endpoint = await createEndpoint(shared, { url: listening.url, events: ['job.completed'] });
    await call(shared.baseUrl, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: adminKey, body: { status: 'paused' } });

    await generate(shared);
    await advance(shared, 2000);
    const refused = await call(shared.baseUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { key: adminKey });

    expect(listening.requests).toHaveLength(0);
    expect(await deliveryLog(shared, `?endpointId=${endpoint.id}`)).toEqual([]);
    expect(refused.status).toBe(409);
  });

  it('abandons pending deliveries on delete', async () => {
    const failing = await receiver(() => ({ status: 500 }));
    const endpoint = await createEndpoint(shared, { url: failing.url, events: ['test.ping'] });
    const { deliveryId } = await ping(shared, endpoint.id);
    await advance(shared, 0);

    const deleted = await call(shared.baseUrl, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: adminKey });
    await advance(shared, 25 * hour);

    expect(deleted.body).toEqual({ id: endpoint.id, deleted: true });
    expect(failing.requests).toHaveLength(1);
    const [entry] = await deliveryLog(shared, `?endpointId=${endpoint.id}`);
    expect(entry).toMatchObject({ status: 'abandoned', endpointDeleted: true, nextRetryAt: null });
    expect((await call(shared.baseUrl, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { key: adminKey })).status).toBe(404);
    expect((await call(shared.baseUrl, 'POST', `/v1/webhook-deliveries/${deliveryId}/replay`, { key: adminKey })).status).toBe(404);
  });
});

describe('replay', () => {
  it('sends the data again with replayOf and a new event id', async () => {
    const listening = await receiver((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    const endpoint = await createEndpoint(shared, { url: listening.url, events: ['test.ping'] });
    const original = await ping(shared, endpoint.id, { order: 'first', note: 'caf\u00e9' });

    const early = await call(shared.baseUrl, 'POST', `/v1/webhook-deliveries/${original.deliveryId}/replay`, { key: adminKey });
    await advance(shared, 0);
    const pending = await call(shared.baseUrl, 'POST', `/v1/webhook-deliveries/${original.deliveryId}/replay`, { key: adminKey });
    await advance(shared, 30_000);
    expect(listening.requests.map((request) => request.headers['x-layers-event-id'])).toEqual([original.eventId, original.eventId]);
    expect(listening.processedEventIds).toEqual([original.eventId]);

    const first = await call(shared.baseUrl, 'POST', `/v1/webhook-deliveries/${original.deliveryId}/replay`, { key: adminKey, headers: { 'idempotency-key': 'replay-once' } });
    const again = await call(shared.baseUrl, 'POST', `/v1/webhook-deliveries/${original.deliveryId}/replay`, { key: adminKey, headers: { 'idempotency-key': 'replay-once' } });
    await advance(shared, 0);

    expect(early.status).toBe(409);
    expect(pending.status).toBe(409);
    expect(first.status).toBe(200);
    expect(first.body.originalDeliveryId).toBe(original.deliveryId);
    expect(again.body.replayDeliveryId).toBe(first.body.replayDeliveryId);
    expect(listening.requests).toHaveLength(3);

    const replayed = listening.requests[2] as (typeof listening.requests)[number];
    const originalBody = JSON.parse((listening.requests[0] as (typeof listening.requests)[number]).rawBody.toString('utf8'));
    const replayBody = JSON.parse(replayed.rawBody.toString('utf8'));
    expect(replayBody.replayOf).toBe(original.deliveryId);
    expect(replayBody.id).not.toBe(original.eventId);
    expect(replayed.headers['x-layers-event-id']).toBe(replayBody.id);
    expect(replayBody.data).toEqual(originalBody.data);
    expect(listening.processedEventIds).toEqual([original.eventId, replayBody.id]);
  });

  it('is caught reusing the event id by the same checks', async () => {
    const mock = await ownMock({ defects: ['webhook-replay-same-event-id'] });
    const listening = await receiver();
    const endpoint = await createEndpoint(mock, { url: listening.url, events: ['test.ping'] });
    const original = await ping(mock, endpoint.id);
    await advance(mock, 0);

    await call(mock.baseUrl, 'POST', `/v1/webhook-deliveries/${original.deliveryId}/replay`, { key: adminKey });
    await advance(mock, 0);

    expect(listening.requests[1]?.headers['x-layers-event-id']).toBe(original.eventId);
    expect(listening.processedEventIds).toEqual([original.eventId]);
  });
});

describe('secret rotation', () => {
  it('signs with both secrets for 24 hours', async () => {
    const listening = await receiver();
    const endpoint = await createEndpoint(shared, { url: listening.url, events: ['test.ping'] });
    const rotatedAt = await now(shared);
    const rotation = await call(shared.baseUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { key: adminKey });
    const newSecret = rotation.body.signingSecret as string;

    expect(rotation.status).toBe(200);
    expect(newSecret).not.toBe(endpoint.secret);
    expect(Date.parse(rotation.body.previousSecretExpiresAt) - rotatedAt).toBe(24 * hour);

    await ping(shared, endpoint.id);
    await advance(shared, 0);
    const during = listening.requests[0] as (typeof listening.requests)[number];
    const { t, v1 } = signatureOf(during);
    expect(v1).toEqual([hmac(newSecret, t, during.rawBody), hmac(endpoint.secret, t, during.rawBody)]);
    const clock = await now(shared);
    expect(verifyWebhookSignature({ rawBody: during.rawBody, header: during.headers['x-layers-signature'], secrets: [endpoint.secret], now: clock }).ok).toBe(true);
    expect(verifyWebhookSignature({ rawBody: during.rawBody, header: during.headers['x-layers-signature'], secrets: [newSecret], now: clock }).ok).toBe(true);

    await advance(shared, 24 * hour + 1000);
    await ping(shared, endpoint.id);
    await advance(shared, 0);
    const after = listening.requests[1] as (typeof listening.requests)[number];
    expect(signatureOf(after).v1).toEqual([hmac(newSecret, signatureOf(after).t, after.rawBody)]);
  });

  it('is caught dropping the old signature by the same checks', async () => {
    const mock = await ownMock({ defects: ['webhook-rotation-single-signature'] });
    const listening = await receiver();
    const endpoint = await createEndpoint(mock, { url: listening.url, events: ['test.ping'] });
    await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { key: adminKey });

    await ping(mock, endpoint.id);
    await advance(mock, 0);

    expect(signatureOf(listening.requests[0] as (typeof listening.requests)[number]).v1).toHaveLength(1);
  });
});

describe('firehose and organizations', () => {
  it('attributes each child event to its organization', async () => {
    const context = shared.server.mock;
    const parentId = context.store.keyByHandle('ACMEPARTNERADMIN')?.organizationId as string;
    const child = createOrganization(context, { name: 'Firehose child', parentOrganizationId: parentId, at: context.clock.now() });
    grantPrepaid(context, child.id, 1000, context.clock.now());
    const childProject = await call(shared.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Child project', timezone: 'UTC' }, headers: { 'x-layers-organization': child.id } });
    const stranger = await mintKey(shared.baseUrl, { credits: 1000 });
    const strangerProject = await call(shared.baseUrl, 'POST', '/v1/projects', { key: stranger.key, body: { name: 'Stranger', timezone: 'UTC' } });

    const firehose = await receiver();
    const own = await receiver();
    await createEndpoint(shared, { url: firehose.url, events: ['job.completed'], scope: 'all_children' });
    await createEndpoint(shared, { url: own.url, events: ['job.completed'] });

    const parentJob = await generate(shared);
    const childJob = await generate(shared, { organization: child.id, project: childProject.body.id });
    await call(shared.baseUrl, 'POST', `/v1/projects/${strangerProject.body.id}/content/slideshow-builder`, { key: stranger.key, body: { hook: 'Not mine' } });
    await advance(shared, 2000);

    const attributed = firehose.requests.map((request) => JSON.parse(request.rawBody.toString('utf8'))).map((body) => [body.data.jobId, body.data.organizationId]);
    expect(attributed.sort()).toEqual([[parentJob, parentId], [childJob, child.id]].sort());
    expect(own.requests.map((request) => JSON.parse(request.rawBody.toString('utf8')).data.jobId)).toEqual([parentJob]);
  });

  it('needs org:admin for all_children', async () => {
    const limited = await mintKey(shared.baseUrl, { scopes: ['*'] });

    const denied = await call(shared.baseUrl, 'POST', '/v1/webhook-endpoints', { key: limited.key, body: { url: 'https://hooks.layers-kit.invalid/a', events: ['job.completed'], scope: 'all_children' } });
    const list = await call(shared.baseUrl, 'GET', '/v1/webhook-endpoints', { key: limited.key });

    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN_SCOPE', details: { requiredScope: 'org:admin' } });
    expect(list.body.items).toEqual([]);
  });

  it('sends nothing for a suspended organization', async () => {
    const context = shared.server.mock;
    const parentId = context.store.keyByHandle('ACMEPARTNERADMIN')?.organizationId as string;
    const child = createOrganization(context, { name: 'Suspended child', parentOrganizationId: parentId, at: context.clock.now() });
    grantPrepaid(context, child.id, 1000, context.clock.now());
    const childProject = await call(shared.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Quiet project', timezone: 'UTC' }, headers: { 'x-layers-organization': child.id } });
    const firehose = await receiver();
    await createEndpoint(shared, { url: firehose.url, events: ['job.completed'], scope: 'all_children' });

    await generate(shared, { organization: child.id, project: childProject.body.id });
    child.status = 'suspended';
    await advance(shared, 2000);

    expect(firehose.requests).toEqual([]);
  });

  it('limits a project endpoint to that project', async () => {
    const other = await call(shared.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Other project', timezone: 'UTC' } });
    const listening = await receiver();
    await createEndpoint(shared, { url: listening.url, events: ['job.completed', 'content.generated'], projectId: seededProject });

    const mine = await generate(shared);
    await generate(shared, { project: other.body.id });
    await advance(shared, 2000);

    const bodies = listening.requests.map((request) => JSON.parse(request.rawBody.toString('utf8')));
    expect(bodies.map((body) => body.type).sort()).toEqual(['content.generated', 'job.completed']);
    expect(bodies.find((body) => body.type === 'job.completed').data.jobId).toBe(mine);
    expect(bodies.find((body) => body.type === 'content.generated').data.projectId).toBe(seededProject);
  });
});

describe('lists', () => {
  it('filter endpoints by project and status', async () => {
    const fresh = await mintKey(shared.baseUrl, {});
    const project = await call(shared.baseUrl, 'POST', '/v1/projects', { key: fresh.key, body: { name: 'Listed project', timezone: 'UTC' } });
    const create = async (body: Record<string, unknown>) => (await createEndpoint(shared, { url: 'https://hooks.layers-kit.invalid/l', events: ['job.completed'], ...body }, fresh.key)).id;
    const orgWide = await create({});
    const scoped = await create({ projectId: project.body.id });
    const paused = await create({});
    await call(shared.baseUrl, 'PATCH', `/v1/webhook-endpoints/${paused}`, { key: fresh.key, body: { status: 'paused' } });
    const list = async (query: string) => ((await call(shared.baseUrl, 'GET', `/v1/webhook-endpoints${query}`, { key: fresh.key })).body.items as { id: string }[]).map((item) => item.id).sort();

    expect(await list('')).toEqual([orgWide, scoped, paused].sort());
    expect(await list(`?projectId=${project.body.id}`)).toEqual([scoped]);
    expect(await list('?status=paused')).toEqual([paused]);
    expect(await list('?status=active&status=paused&limit=1')).toHaveLength(1);
  });

  it('filter deliveries by status and event type', async () => {
    const listening = await receiver((request) => ({ status: JSON.parse(request.rawBody.toString('utf8')).data.fail === 'yes' ? 400 : 200 }));
    const endpoint = await createEndpoint(shared, { url: listening.url, events: ['test.ping', 'job.completed'] });
    const good = await ping(shared, endpoint.id, { fail: 'no' });
    const bad = await ping(shared, endpoint.id, { fail: 'yes' });
    await generate(shared);
    await advance(shared, 2000);
    const list = async (query: string) => ((await call(shared.baseUrl, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries${query}`, { key: adminKey })).body.items as any[]);

    expect((await list('?status=failed')).map((item) => item.id)).toEqual([bad.deliveryId]);
    expect((await list('?eventType=test.ping&status=delivered')).map((item) => item.id)).toEqual([good.deliveryId]);
    expect((await list('?eventType=job.completed')).map((item) => item.eventType)).toEqual(['job.completed']);
    expect(await list('')).toHaveLength(3);
  });
});

describe('endpoint validation', () => {
  it.each([
    [{ url: 'http://hooks.example.com/a', events: ['job.completed'] }, 'url', 'https'],
    [{ url: 'ftp://127.0.0.1/a', events: ['job.completed'] }, 'url', 'https'],
    [{ url: 'https://user:pass@hooks.example.com/a', events: ['job.completed'] }, 'url', 'password'],
    [{ url: 'not a url', events: ['job.completed'] }, 'url', 'uri'],
    [{ url: 'https://hooks.example.com/a', events: ['job.completed', 'job.exploded'] }, 'events.1', ''],
    [{ url: 'https://hooks.example.com/a', events: [] }, 'events', ''],
  ])('rejects %j and creates nothing', async (body, path, fragment) => {
    const fresh = await mintKey(shared.baseUrl, {});
    const reply = await call(shared.baseUrl, 'POST', '/v1/webhook-endpoints', { key: fresh.key, body });
    const list = await call(shared.baseUrl, 'GET', '/v1/webhook-endpoints', { key: fresh.key });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].path).toBe(path);
    expect(reply.body.error.message).toContain(fragment);
    expect(list.body.items).toEqual([]);
  });

  it('rejects all_children with a projectId', async () => {
    const body = { url: 'https://hooks.example.com/a', events: ['job.completed'], scope: 'all_children', projectId: seededProject };
    const reply = await call(shared.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].path).toBe('scope');
    expect(reply.body.error.message).toContain('projectId');
  });

  it.each(['http://localhost:9/hook', 'http://127.0.0.9:9/hook', 'http://[::1]:9/hook', 'https://hooks.example.com/hook'])('accepts %s', async (url) => {
    const reply = await call(shared.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body: { url, events: ['job.completed'] } });

    expect(reply.status).toBe(201);
    await call(shared.baseUrl, 'DELETE', `/v1/webhook-endpoints/${reply.body.endpoint.id}`, { key: adminKey });
  });
});

describe('delivery targets', () => {
  it.each([
    ['http://127.0.0.1:8080/a', [], null],
    ['http://localhost/a', [], null],
    ['http://[::1]:9/a', [], null],
    ['https://hooks.partner.example/a', ['HOOKS.partner.example'], null],
    ['https://hooks.partner.example/a', [], 'neither'],
    ['https://localhost.partner.example/a', [], 'neither'],
    ['https://127.0.0.1.nip.io/a', [], 'neither'],
    ['https://[::ffff:127.0.0.1]/a', [], 'neither'],
    ['https://169.254.169.254/latest', [], 'neither'],
  ])('%s with allowed %j', (url, allowed, fragment) => {
    const reason = deliveryBlockReason(url, allowed);

    if (fragment === null) {
      expect(reason).toBeNull();
    } else {
      expect(reason).toContain(fragment);
    }
  });

  it('never posts to a host that is not allowed', async () => {
    const endpoint = await createEndpoint(shared, { url: 'https://hooks.layers-kit.invalid/a', events: ['test.ping'] });
    await ping(shared, endpoint.id);

    await advance(shared, 0);

    const [entry] = await deliveryLog(shared, `?endpointId=${endpoint.id}`);
    expect(entry.attemptLog[0].error).toContain('not sent');
    expect(entry.attemptLog[0].durationMs).toBe(0);
    expect(entry.status).toBe('pending');
  });
});

describe('event schema check', () => {
  it('throws on a payload the spec rejects', () => {
    const context = shared.server.mock;
    const organizationId = context.store.keyByHandle('ACMEPARTNERADMIN')?.organizationId as string;

    expect(() => emitEvent(context, 'content.approved', organizationId, { id: 'not-a-container' }, context.clock.now())).toThrow();
    expect(() => emitEvent(context, 'content.exploded', organizationId, {}, context.clock.now())).toThrow();
  });

  it('names the violations in the error details', () => {
    const context = shared.server.mock;
    const organizationId = context.store.keyByHandle('ACMEPARTNERADMIN')?.organizationId as string;

    let details: any = null;
    try {
      emitEvent(context, 'job.canceled', organizationId, { jobId: 'job_01J00000000000000000000000', kind: 'content_generate', extra: true }, context.clock.now());
    } catch (error) {
      details = (error as { details?: unknown }).details;
    }

    expect(details.webhookViolations.join(' ')).toContain('extra');
  });

  it('rejects a test payload that breaks test.ping with 422', async () => {
    const endpoint = await createEndpoint(shared, { url: 'https://hooks.layers-kit.invalid/b', events: ['test.ping'] });

    const reply = await call(shared.baseUrl, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { key: adminKey, body: { payload: { message: 42 } } });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].path).toBe('payload');
    expect(await deliveryLog(shared, `?endpointId=${endpoint.id}`)).toEqual([]);
  });
});
