// Webhooks: endpoints, the event catalogue, signed delivery to a real receiver, dedupe by event id,
// the retry ladder on the clock, replay, secret rotation and the child-organization firehose
// (D26–D29).
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { eventTypes } from '../lib/webhooks/catalogue.ts';
import { verifyWebhookSignature } from '../lib/webhooks/verify.ts';
import { expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { CheckSkipped, defineCheck, type Check, type CheckContext } from './lib/check.ts';
import { assertProperty } from './lib/property.ts';
import type { ReceivedRequest } from './lib/receiver.ts';
import {
  awaitDeliveries,
  checkEnvelope,
  createEndpoint,
  independentSignature,
  openReceiver,
  sendTestPing,
  signatureElements,
  targetNow,
} from './lib/webhooks.ts';

const hour = 3_600_000;
const ladderSeconds = [0, 30, 60, 300, 900, 3600, 21_600, 86_400];

/** Returns a URL on a reserved domain, for endpoints that no check delivers to. */
function unreachableUrl(): string {
  return `https://hooks.layers-kit.invalid/${randomUUID()}`;
}

function control(context: CheckContext): NonNullable<CheckContext['control']> {
  if (context.control === null) {
    throw new CheckSkipped('This check moves the mock clock, which needs the /_mock control surface.');
  }
  return context.control;
}

/** Checks that every v1 matches an independent HMAC over the received bytes under one of `secrets`. */
function expectSigned(request: ReceivedRequest, secrets: string[], nowMs: number): void {
  const { t, v1 } = signatureElements(request);
  expectTrue(/^\d+$/.test(t), `the signature's t=${t} is not whole Unix seconds`);
  expectTrue(Math.abs(Number(t) - nowMs / 1000) <= 300, `the signature's t=${t} is more than 300 s from the target's clock (${Math.round(nowMs / 1000)})`);

  const expected = new Set(secrets.map((secret) => independentSignature(secret, t, request.rawBody)));
  expectTrue(v1.length > 0 && v1.every((value) => expected.has(value)), `a v1 signature does not match HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret (got ${v1.join(', ')})`);
}

export const webhookChecks: Check[] = [
  defineCheck({
    id: 'webhooks.endpoints',
    title: 'Endpoints are created, read, listed, patched and deleted; the secret is shown once',
    area: 'webhooks',
    guarantees: ['HOOK-ENDPOINT-CRUD', 'HOOK-SECRET-SHOWN-ONCE', 'HOOK-METADATA-MERGE'],
    level: 'inferred',
    async run(context) {
      const created = await context.target.call({
        method: 'POST',
        path: '/v1/webhook-endpoints',
        body: { url: unreachableUrl(), events: ['job.completed', 'content.generated'], description: 'Kit check', metadata: { a: '1', b: '2' } },
      });
      expectStatus(created, 201, 'POST /v1/webhook-endpoints');
      const id = created.response.body.endpoint.id as string;
      const secret = created.response.body.signingSecret as string;
      expectTrue(/^whsec_[A-Za-z0-9_-]{43}$/.test(secret), `signingSecret ${secret.slice(0, 10)}… is not whsec_ and 43 base64url characters`);

      const read = await context.target.call({ method: 'GET', path: `/v1/webhook-endpoints/${id}` });
      expectStatus(read, 200, 'GET /v1/webhook-endpoints/{endpointId}');
      expectEqual(read.response.body, created.response.body.endpoint, 'a read returns the created endpoint', read);
      const list = await context.target.call({ method: 'GET', path: '/v1/webhook-endpoints', query: { limit: 100 } });
      expectTrue((list.response.body.items as { id: string }[]).some((item) => item.id === id), 'the list contains the new endpoint', list);
      for (const exchange of [read, list]) {
        expectTrue(!exchange.response.text.includes(secret), 'reads and lists never show the signing secret', exchange);
      }

      const patched = await context.target.call({ method: 'PATCH', path: `/v1/webhook-endpoints/${id}`, body: { metadata: { a: '', c: '3' }, status: 'paused', description: null } });
      expectStatus(patched, 200, 'PATCH /v1/webhook-endpoints/{endpointId}');
      expectEqual(patched.response.body.metadata, { b: '2', c: '3' }, 'metadata merges key by key and "" removes a key', patched);
      expectEqual([patched.response.body.status, patched.response.body.description], ['paused', null], 'status and description change', patched);
      const cleared = await context.target.call({ method: 'PATCH', path: `/v1/webhook-endpoints/${id}`, body: { metadata: null, status: 'active' } });
      expectEqual(cleared.response.body.metadata, {}, 'metadata null clears every key', cleared);
      expectTrue(!patched.response.text.includes(secret) && !cleared.response.text.includes(secret), 'a patch never shows the signing secret', cleared);

      const deleted = await context.target.call({ method: 'DELETE', path: `/v1/webhook-endpoints/${id}` });
      expectStatus(deleted, 200, 'DELETE /v1/webhook-endpoints/{endpointId}');
      expectEqual(deleted.response.body, { id, deleted: true }, 'the delete response', deleted);
      const gone = await context.target.call({ method: 'GET', path: `/v1/webhook-endpoints/${id}` });
      expectErrorCode(gone, 404, 'NOT_FOUND', 'a deleted endpoint is not found');
    },
  }),

  defineCheck({
    id: 'webhooks.event-catalogue',
    title: 'Every catalogue event name is accepted and any other name is rejected',
    area: 'webhooks',
    guarantees: ['HOOK-EVENT-CATALOGUE'],
    level: 'documented',
    async run(context) {
      const catalogue = eventTypes(context.target.shared.spec.spec);
      const everything = await createEndpoint(context, { url: unreachableUrl(), events: catalogue });
      expectEqual([...everything.endpoint.events].sort(), [...catalogue].sort(), 'an endpoint subscribes to the whole catalogue');

      const unknownName = fc.stringMatching(/^[a-z_]{1,12}\.[a-z_.]{1,20}$/).filter((name) => !catalogue.includes(name));
      await assertProperty(context, [unknownName], async (name) => {
        const marker = randomUUID();
        const refused = await context.target.call({ method: 'POST', path: '/v1/webhook-endpoints', body: { url: unreachableUrl(), events: ['job.completed', name], description: marker } });
        expectErrorCode(refused, 422, 'VALIDATION', `the unknown event name ${JSON.stringify(name)} is rejected`);
        expectEqual(refused.response.body.error.details.issues[0].path, 'events.1', 'the issue names the unknown entry', refused);

        const list = await context.target.call({ method: 'GET', path: '/v1/webhook-endpoints', query: { limit: 100 } });
        expectTrue(!list.response.text.includes(marker), 'a rejected create leaves no endpoint behind', list);
      });
    },
  }),

  defineCheck({
    id: 'webhooks.url-rules',
    title: 'Endpoint URLs must be https, or http on a loopback host',
    area: 'webhooks',
    guarantees: ['HOOK-URL-HTTPS'],
    level: 'inferred',
    async run(context) {
      for (const url of ['http://hooks.example.com/a', 'ftp://hooks.example.com/a', 'https://user:secret@hooks.example.com/a']) {
        const refused = await context.target.call({ method: 'POST', path: '/v1/webhook-endpoints', body: { url, events: ['job.completed'] } });
        expectErrorCode(refused, 422, 'VALIDATION', `the endpoint URL ${url} is rejected`);
        expectEqual(refused.response.body.error.details.issues[0].path, 'url', 'the issue names url', refused);
      }
      await createEndpoint(context, { url: 'http://127.0.0.1:9/layers-webhooks', events: ['job.completed'] });
    },
  }),

  defineCheck({
    id: 'webhooks.signed-delivery',
    title: 'A delivery is signed over its raw bytes and carries the envelope with data.organizationId',
    area: 'webhooks',
    guarantees: ['HOOK-SIGNATURE', 'HOOK-ENVELOPE'],
    level: 'documented',
    async run(context) {
      const receiver = await openReceiver(context);
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['job.completed'] });
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });

      // Keys out of alphabetical order and characters that JSON may escape, so a signature
      // computed over a re-serialization would not match these bytes.
      const payload = { zeta: 'first key', message: 'caf\u00e9 \/x', alpha: 1 };
      const ping = await sendTestPing(context, endpoint.id, payload);
      await awaitDeliveries(context, receiver, () => receiver.requestsFor(ping.eventId).length > 0, 'the test ping');

      const request = receiver.requestsFor(ping.eventId)[0] as ReceivedRequest;
      const body = checkEnvelope(context, request);
      expectEqual(body.type, 'test.ping', 'a test ping has type test.ping');
      expectEqual(body.data.organizationId, whoami.response.body.organizationId, 'data.organizationId is the endpoint organization');
      expectEqual({ zeta: body.data.zeta, message: body.data.message, alpha: body.data.alpha }, payload, 'the test payload becomes data');

      const nowMs = await targetNow(context);
      expectSigned(request, [endpoint.secret], nowMs);
      const helper = verifyWebhookSignature({ rawBody: request.rawBody, header: request.headers['x-layers-signature'], secrets: [endpoint.secret], now: nowMs });
      expectTrue(helper.ok, `the kit's verify helper accepts the delivery: ${helper.ok ? '' : helper.message}`);
    },
  }),

  defineCheck({
    id: 'webhooks.dedupe',
    title: 'A retry carries the same event id and bytes, so the receiver processes the event once',
    area: 'webhooks',
    guarantees: ['HOOK-EVENT-ID-STABLE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      const receiver = await openReceiver(context, (_request, index) => ({ status: index === 0 ? 503 : 200 }));
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });

      const ping = await sendTestPing(context, endpoint.id);
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 1, 'the first attempt');
      await clock.advanceClock(30_000);
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 2, 'the retry after 30 s');

      const [first, retry] = receiver.requests as [ReceivedRequest, ReceivedRequest];
      expectEqual([first.headers['x-layers-event-id'], retry.headers['x-layers-event-id']], [ping.eventId, ping.eventId], 'both attempts carry the event id');
      expectTrue(first.rawBody.equals(retry.rawBody), 'a retry sends the same bytes');
      expectEqual(receiver.processedEventIds, [ping.eventId], 'a receiver deduping on X-Layers-Event-Id processes the event once');
    },
  }),

  defineCheck({
    id: 'webhooks.retry-ladder',
    title: 'A failing receiver gets 8 attempts on the ladder, none early, then the delivery fails',
    area: 'webhooks',
    guarantees: ['HOOK-RETRY-LADDER'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      const receiver = await openReceiver(context, () => ({ status: 500 }));
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });

      const ping = await sendTestPing(context, endpoint.id);
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 1, 'the first attempt');
      const [logged] = await clock.webhookDeliveries({ eventId: ping.eventId });
      const start = Date.parse(logged.ladderStart);

      let now = await clock.now();
      for (const [index, seconds] of ladderSeconds.entries()) {
        if (index === 0) {
          continue;
        }
        const due = start + seconds * 1000;
        now = await clock.advanceClock(due - 1000 - now);
        expectEqual(receiver.requests.length, index, `no attempt ${index + 1} one second before ${seconds} s`);
        now = await clock.advanceClock(1000);
        expectEqual(receiver.requests.length, index + 1, `attempt ${index + 1} at ${seconds} s after the event`);
      }
      await clock.advanceClock(48 * hour);
      expectEqual(receiver.requests.length, 8, 'no attempt after the eighth');

      const signed = receiver.requests.map((request) => Number(signatureElements(request).t) - Math.floor(start / 1000));
      expectEqual(signed, ladderSeconds, 'each attempt is signed with its own time');
      const deliveries = await context.target.call({ method: 'GET', path: `/v1/webhook-endpoints/${endpoint.id}/deliveries` });
      const delivery = (deliveries.response.body.items as any[]).find((item) => item.id === ping.deliveryId);
      expectEqual([delivery?.status, delivery?.attempts], ['failed', 8], 'the delivery reads failed after 8 attempts', deliveries);
    },
  }),

  defineCheck({
    id: 'webhooks.stop-rules',
    title: 'A final 4xx fails at once, a 429 is retried, a 2xx delivers',
    area: 'webhooks',
    guarantees: ['HOOK-STOP-RULES'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      const statuses = [400, 429, 204];
      const receiver = await openReceiver(context, (request) => ({ status: Number(new URL(request.path, 'http://receiver.invalid').searchParams.get('status')) }));

      const pings: { status: number; deliveryId: string; endpointId: string }[] = [];
      for (const status of statuses) {
        const endpoint = await createEndpoint(context, { url: `${receiver.url}?status=${status}`, events: ['test.ping'] });
        pings.push({ status, endpointId: endpoint.id, ...(await sendTestPing(context, endpoint.id)) });
      }
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= statuses.length, 'the first attempts');
      await clock.advanceClock(30_000);

      const expected: Record<number, [string, number]> = { 400: ['failed', 1], 429: ['pending', 2], 204: ['delivered', 1] };
      for (const ping of pings) {
        const deliveries = await context.target.call({ method: 'GET', path: `/v1/webhook-endpoints/${ping.endpointId}/deliveries` });
        const delivery = (deliveries.response.body.items as any[]).find((item) => item.id === ping.deliveryId);
        expectEqual([delivery?.status, delivery?.attempts], expected[ping.status], `a receiver answering ${ping.status}, 30 s later`, deliveries);
      }
    },
  }),

  defineCheck({
    id: 'webhooks.auto-pause',
    title: 'Twenty consecutive failures pause the endpoint; setting it active resumes it',
    area: 'webhooks',
    guarantees: ['HOOK-AUTO-PAUSE'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      const receiver = await openReceiver(context, () => ({ status: 500 }));
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });
      for (let index = 0; index < 3; index += 1) {
        await sendTestPing(context, endpoint.id);
      }
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 3, 'the first attempts');
      await clock.advanceClock(25 * hour);

      const paused = await context.target.call({ method: 'GET', path: `/v1/webhook-endpoints/${endpoint.id}` });
      expectEqual(paused.response.body.status, 'auto_paused', 'the endpoint is auto_paused after 20 consecutive failures', paused);
      expectTrue(paused.response.body.consecutiveFailureCount >= 20, 'consecutiveFailureCount reached 20', paused);
      const attemptsWhilePaused = receiver.requests.length;
      expectTrue(attemptsWhilePaused < 24, `attempts stop once the endpoint is paused (${attemptsWhilePaused} of 24 were made)`);

      receiver.responder = () => ({ status: 200 });
      const resumed = await context.target.call({ method: 'PATCH', path: `/v1/webhook-endpoints/${endpoint.id}`, body: { status: 'active' } });
      expectEqual([resumed.response.body.status, resumed.response.body.consecutiveFailureCount], ['active', 0], 'PATCH status active resumes and resets the count', resumed);
    },
  }),

  defineCheck({
    id: 'webhooks.delete-abandons',
    title: 'Deleting an endpoint abandons its pending deliveries',
    area: 'webhooks',
    guarantees: ['HOOK-DELETE-ABANDONS'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      const receiver = await openReceiver(context, () => ({ status: 500 }));
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });
      const ping = await sendTestPing(context, endpoint.id);
      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 1, 'the first attempt');

      const deleted = await context.target.call({ method: 'DELETE', path: `/v1/webhook-endpoints/${endpoint.id}` });
      expectStatus(deleted, 200, 'DELETE /v1/webhook-endpoints/{endpointId}');
      await clock.advanceClock(25 * hour);

      expectEqual(receiver.requests.length, 1, 'no attempt after the endpoint is deleted');
      const [logged] = await clock.webhookDeliveries({ eventId: ping.eventId });
      expectEqual(logged?.status, 'abandoned', 'the pending delivery is abandoned');
    },
  }),

  defineCheck({
    id: 'webhooks.replay',
    title: 'A replay arrives with replayOf and a new event id, once per idempotency key',
    area: 'webhooks',
    guarantees: ['HOOK-REPLAY'],
    level: 'documented',
    async run(context) {
      const receiver = await openReceiver(context);
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });
      const ping = await sendTestPing(context, endpoint.id, { order: 'original' });
      await awaitDeliveries(context, receiver, () => receiver.requestsFor(ping.eventId).length > 0, 'the original delivery');
      const original = checkEnvelope(context, receiver.requestsFor(ping.eventId)[0] as ReceivedRequest);

      const key = randomUUID();
      const first = await context.target.call({ method: 'POST', path: `/v1/webhook-deliveries/${ping.deliveryId}/replay`, idempotencyKey: key });
      expectStatus(first, 200, 'POST /v1/webhook-deliveries/{deliveryId}/replay');
      const again = await context.target.call({ method: 'POST', path: `/v1/webhook-deliveries/${ping.deliveryId}/replay`, idempotencyKey: key });
      expectEqual(again.response.body.replayDeliveryId, first.response.body.replayDeliveryId, 'an idempotent retry of the replay returns the same replayDeliveryId', again);

      await awaitDeliveries(context, receiver, () => receiver.requests.length >= 2, 'the replay');
      const replays = receiver.requests.filter((request) => request.headers['x-layers-event-id'] !== ping.eventId);
      expectEqual(replays.length, 1, 'one replay arrives for two identical replay requests');
      const replay = checkEnvelope(context, replays[0] as ReceivedRequest);
      expectEqual(replay.replayOf, ping.deliveryId, 'the replay carries top-level replayOf, the original delivery id');
      expectTrue(replay.id !== original.id, `the replay has a new event id (got ${String(replay.id)} again)`);
      expectEqual(replay.data, original.data, 'the replay carries the original data');
      expectSigned(replays[0] as ReceivedRequest, [endpoint.secret], await targetNow(context));
    },
  }),

  defineCheck({
    id: 'webhooks.rotation',
    title: 'After a rotation a delivery carries two v1 signatures, each from its own secret',
    area: 'webhooks',
    guarantees: ['HOOK-ROTATION-OVERLAP'],
    level: 'inferred',
    async run(context) {
      const receiver = await openReceiver(context);
      const endpoint = await createEndpoint(context, { url: receiver.url, events: ['test.ping'] });
      const rotation = await context.target.call({ method: 'POST', path: `/v1/webhook-endpoints/${endpoint.id}/rotate-secret` });
      expectStatus(rotation, 200, 'POST /v1/webhook-endpoints/{endpointId}/rotate-secret');
      const newSecret = rotation.response.body.signingSecret as string;
      expectTrue(newSecret !== endpoint.secret, 'the rotation returns a new secret');

      const ping = await sendTestPing(context, endpoint.id);
      await awaitDeliveries(context, receiver, () => receiver.requestsFor(ping.eventId).length > 0, 'the delivery after the rotation');
      const request = receiver.requestsFor(ping.eventId)[0] as ReceivedRequest;
      const { t, v1 } = signatureElements(request);
      expectEqual(v1.length, 2, 'the header carries one v1 per active secret');
      for (const [label, secret] of [['new', newSecret], ['previous', endpoint.secret]] as const) {
        expectTrue(v1.includes(independentSignature(secret, t, request.rawBody)), `one v1 verifies with the ${label} secret`);
      }

      if (context.control === null) {
        context.note('The end of the overlap was not checked: it needs the mock clock.');
        return;
      }
      const expiresAt = Date.parse(rotation.response.body.previousSecretExpiresAt);
      await context.control.advanceClock(expiresAt - (await context.control.now()) + 1000);
      const later = await sendTestPing(context, endpoint.id);
      await awaitDeliveries(context, receiver, () => receiver.requestsFor(later.eventId).length > 0, 'the delivery after the overlap');
      const after = receiver.requestsFor(later.eventId)[0] as ReceivedRequest;
      const signed = signatureElements(after);
      expectEqual(signed.v1, [independentSignature(newSecret, signed.t, after.rawBody)], 'after previousSecretExpiresAt only the new secret signs');
    },
  }),

  defineCheck({
    id: 'webhooks.firehose',
    title: 'An all_children endpoint receives each child event tagged with the child organization',
    area: 'webhooks',
    guarantees: ['HOOK-FIREHOSE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const clock = control(context);
      if (context.target.shared.spec.spec.byId.get('createOrganization') === undefined) {
        throw new CheckSkipped('The spec has no POST /v1/organizations, so the check cannot create a child organization.');
      }
      const parent = await clock.mintKey({ credits: 1000 });
      const target = context.target.withKey(parent.key);

      const created = await target.call({ method: 'POST', path: '/v1/organizations', body: { name: `Firehose child ${randomUUID().slice(0, 8)}` } });
      expectStatus(created, 201, 'POST /v1/organizations creates a child');
      const childId = (created.response.body.id ?? created.response.body.organization?.id) as string;
      context.defer(async () => {
        await target.send({ method: 'DELETE', path: `/v1/organizations/${childId}` });
      });
      await clock.grantCredits(childId, 100);

      const receiver = await openReceiver(context);
      await createEndpoint(context, { url: `${receiver.url}?scope=all_children`, events: ['job.completed'], scope: 'all_children' }, target);
      await createEndpoint(context, { url: `${receiver.url}?scope=own`, events: ['job.completed'] }, target);

      const jobs: Record<string, string> = {};
      for (const organization of [parent.organizationId, childId]) {
        const headers = organization === childId ? { organization: childId } : {};
        const project = await target.call({ method: 'POST', path: '/v1/projects', body: { name: `Hose ${randomUUID().slice(0, 8)}`, timezone: 'UTC' }, ...headers });
        const job = await target.call({ method: 'POST', path: `/v1/projects/${project.response.body.id}/content/slideshow-builder`, body: { hook: 'Firehose' }, ...headers });
        expectStatus(job, 202, 'starting a generation');
        jobs[job.response.body.jobId] = organization;
      }
      await clock.advanceClock(5000);

      const received = (scope: string) =>
        receiver.requests.filter((request) => request.path.endsWith(`scope=${scope}`)).map((request) => checkEnvelope(context, request)).map((body) => [body.data.jobId, body.data.organizationId]);
      const expected = Object.entries(jobs).sort();
      expectEqual(received('all_children').sort(), expected, 'the firehose gets the parent and the child job, each with its organizationId');
      expectEqual(received('own'), expected.filter(([, organization]) => organization === parent.organizationId), 'an own endpoint gets only its organization events');
      if (received('all_children').length === 0) {
        fail('no firehose delivery arrived');
      }
    },
  }),

  defineCheck({
    id: 'webhooks.firehose-admin',
    title: 'scope all_children needs org:admin',
    area: 'webhooks',
    guarantees: ['HOOK-FIREHOSE-NEEDS-ADMIN'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const limited = await control(context).mintKey({ scopes: ['*'] });
      const target = context.target.withKey(limited.key);

      const refused = await target.call({ method: 'POST', path: '/v1/webhook-endpoints', body: { url: unreachableUrl(), events: ['job.completed'], scope: 'all_children' } });
      expectErrorCode(refused, 403, 'FORBIDDEN_SCOPE', 'all_children without org:admin');
      expectEqual(refused.response.body.error.details?.requiredScope, 'org:admin', 'details.requiredScope names org:admin', refused);

      const list = await target.call({ method: 'GET', path: '/v1/webhook-endpoints' });
      expectEqual(list.response.body.items, [], 'the refused create left no endpoint', list);
      await createEndpoint(context, { url: unreachableUrl(), events: ['job.completed'], scope: 'own' }, target);
    },
  }),
];
