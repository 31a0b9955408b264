// Webhook signatures (D26): the signer and the serializer against the signature vector in
// fixtures/, the partner verify helper on malformed and out-of-tolerance input, and the mock's
// deliveries checked with an independent HMAC over the bytes a real receiver got.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import express from 'express';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

import { verifyWebhookSignature as verifyFromPackage } from 'layers-conformance-kit/webhooks/verify';

import { buildSignatureHeader, computeSignature } from '../lib/webhooks/signature.ts';
import { verifyWebhookSignature } from '../lib/webhooks/verify.ts';
import { serializeEnvelope } from '../mock/domain/webhooks/serialize.ts';
import { WebhookReceiver } from '../suites/lib/receiver.ts';
import { call } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const vector = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'webhook-signature.json'), 'utf8')) as {
  secret: string;
  timestamp: number;
  rawBody: string;
  header: string;
};
const adminKey = 'lp_test_ACMEPARTNERADMIN_BKm4rboDBlFnUJ3KtFf8TH1KW4KZTE_TQTGrl6W-irw';

/** HMAC-SHA256 written out here with node:crypto, independent of the kit's signer. */
function independentHmac(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')])).digest('hex');
}

function signatureElements(header: string): { t: string; v1: string[] } {
  const elements = header.split(',').map((element) => element.split('=') as [string, string]);
  return { t: elements.find(([key]) => key === 't')?.[1] ?? '', v1: elements.filter(([key]) => key === 'v1').map(([, value]) => value) };
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function mockWithReceiver(options: Parameters<typeof startMock>[0] = {}): Promise<{ mock: RunningMock; receiver: WebhookReceiver }> {
  const mock = await startMock({ clock: 'frozen', ...options });
  const receiver = await WebhookReceiver.start();
  cleanups.push(() => mock.close(), () => receiver.close());
  return { mock, receiver };
}

describe('signature vector', () => {
  it('signer reproduces the published header', () => {
    expect(buildSignatureHeader([vector.secret], vector.timestamp, vector.rawBody)).toBe(vector.header);
    expect(computeSignature(vector.secret, vector.timestamp, vector.rawBody)).toBe(independentHmac(vector.secret, String(vector.timestamp), vector.rawBody));
  });

  it('serializer reproduces the published body bytes', () => {
    const envelope = JSON.parse(vector.rawBody) as unknown;

    expect(serializeEnvelope(envelope)).toBe(vector.rawBody);
    expect(JSON.stringify(envelope)).not.toBe(vector.rawBody);
  });

  it('helper accepts the vector', () => {
    const result = verifyWebhookSignature({ rawBody: vector.rawBody, header: vector.header, secrets: [vector.secret], now: vector.timestamp * 1000 });

    expect(result).toEqual({ ok: true, timestamp: vector.timestamp, matchedSecretIndex: 0 });
  });

  it('helper accepts the raw bytes as a Buffer', () => {
    const result = verifyWebhookSignature({ rawBody: Buffer.from(vector.rawBody), header: vector.header, secrets: [vector.secret], now: vector.timestamp * 1000 });

    expect(result.ok).toBe(true);
  });
});

describe('F05 timestamp tolerance', () => {
  const now = vector.timestamp * 1000;

  function verifyAt(t: string): ReturnType<typeof verifyWebhookSignature> {
    const header = `t=${t},v1=${independentHmac(vector.secret, t, vector.rawBody)}`;
    return verifyWebhookSignature({ rawBody: vector.rawBody, header, secrets: [vector.secret], now });
  }

  it('accepts t = now − 299 s', () => {
    expect(verifyAt(String(vector.timestamp - 299)).ok).toBe(true);
  });

  it.each([
    ['now − 301 s', String(vector.timestamp - 301), 'timestamp_out_of_tolerance', 'before'],
    ['now + 301 s', String(vector.timestamp + 301), 'timestamp_out_of_tolerance', 'after'],
    ['now × 1000', String(vector.timestamp * 1000), 'invalid_timestamp', 'milliseconds'],
    ['abc', 'abc', 'invalid_timestamp', 'not whole Unix seconds'],
  ])('rejects t = %s with a reason', (_label, t, reason, fragment) => {
    const result = verifyAt(t);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.message).toContain(fragment);
    }
  });

  it('honours a custom tolerance both ways', () => {
    const t = String(vector.timestamp + 50);
    const header = `t=${t},v1=${independentHmac(vector.secret, t, vector.rawBody)}`;

    expect(verifyWebhookSignature({ rawBody: vector.rawBody, header, secrets: [vector.secret], now, toleranceSeconds: 60 }).ok).toBe(true);
    expect(verifyWebhookSignature({ rawBody: vector.rawBody, header, secrets: [vector.secret], now, toleranceSeconds: 40 }).ok).toBe(false);
  });
});

describe('F05 on a delivery from the mock', () => {
  it('signs whole seconds that verify only within 300 s', async () => {
    const { mock, receiver } = await mockWithReceiver();
    const created = await call(mock.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body: { url: receiver.url, events: ['test.ping'] } });
    await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${created.body.endpoint.id}/test`, { key: adminKey });
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 0 } });
    const clockNow = Date.parse((await call(mock.baseUrl, 'GET', '/_mock/clock')).body.now);

    const received = receiver.requests[0] as (typeof receiver.requests)[number];
    const header = received.headers['x-layers-signature'] as string;
    const verifyAt = (now: number) => verifyWebhookSignature({ rawBody: received.rawBody, header, secrets: [created.body.signingSecret], now });

    expect(signatureElements(header).t).toBe(String(Math.floor(clockNow / 1000)));
    expect(verifyAt(clockNow + 299_000).ok).toBe(true);
    expect(verifyAt(clockNow - 299_000).ok).toBe(true);
    expect(verifyAt(clockNow + 301_000).ok).toBe(false);
    expect(verifyAt(clockNow - 301_000).ok).toBe(false);
  });
});

describe('verify helper input checks', () => {
  const now = vector.timestamp * 1000;
  const v1 = signatureElements(vector.header).v1[0] as string;

  it.each([
    ['a missing header', undefined, 'missing_header'],
    ['an empty header', '', 'missing_header'],
    ['no t element', `v1=${v1}`, 'malformed_header'],
    ['no v1 element', `t=${vector.timestamp}`, 'malformed_header'],
    ['two t elements', `t=${vector.timestamp},t=${vector.timestamp},v1=${v1}`, 'malformed_header'],
    ['an element without =', `t=${vector.timestamp},v1`, 'malformed_header'],
    ['a short v1', `t=${vector.timestamp},v1=${v1.slice(0, 63)}`, 'malformed_header'],
    ['a non-hex v1', `t=${vector.timestamp},v1=${'z'.repeat(64)}`, 'malformed_header'],
    ['a negative t', `t=-5,v1=${v1}`, 'invalid_timestamp'],
    ['a fractional t', `t=${vector.timestamp}.5,v1=${v1}`, 'invalid_timestamp'],
    ['a wrong signature', `t=${vector.timestamp},v1=${'0'.repeat(64)}`, 'signature_mismatch'],
  ])('rejects %s', (_label, header, reason) => {
    const result = verifyWebhookSignature({ rawBody: vector.rawBody, header, secrets: [vector.secret], now });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.reason).toBe(reason);
  });

  it('rejects the right signature under the wrong secret', () => {
    const result = verifyWebhookSignature({ rawBody: vector.rawBody, header: vector.header, secrets: [`${vector.secret}x`], now });

    expect(result.ok ? null : result.reason).toBe('signature_mismatch');
  });

  it('accepts any listed secret and any v1 element', () => {
    const other = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const header = `${vector.header},v1=${'0'.repeat(64)}`;
    const result = verifyWebhookSignature({ rawBody: vector.rawBody, header, secrets: [other, vector.secret], now });

    expect(result).toEqual({ ok: true, timestamp: vector.timestamp, matchedSecretIndex: 1 });
  });

  it('throws on parsed JSON in place of the raw body', () => {
    const parsed = JSON.parse(vector.rawBody) as unknown;

    expect(() => verifyWebhookSignature({ rawBody: parsed as string, header: vector.header, secrets: [vector.secret], now })).toThrow(/raw/);
  });

  it('throws on an empty list of secrets', () => {
    expect(() => verifyWebhookSignature({ rawBody: vector.rawBody, header: vector.header, secrets: [], now })).toThrow(/secrets/);
  });
});

describe('F04 signature over the bytes received', () => {
  it('matches the raw bytes and not a re-serialization', async () => {
    const { mock, receiver } = await mockWithReceiver();
    const created = await call(mock.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body: { url: receiver.url, events: ['job.completed'] } });
    const secret = created.body.signingSecret as string;

    const payload = { zeta: 'last key first', message: 'caf\u00e9 \/x', alpha: 1 };
    const ping = await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${created.body.endpoint.id}/test`, { key: adminKey, body: { payload } });
    expect(ping.status).toBe(200);
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 0 } });

    expect(receiver.requests).toHaveLength(1);
    const received = receiver.requests[0] as (typeof receiver.requests)[number];
    const { t, v1 } = signatureElements(received.headers['x-layers-signature'] as string);
    const reserialized = JSON.stringify(JSON.parse(received.rawBody.toString('utf8')));

    expect(received.rawBody.toString('utf8')).toContain('"caf\\u00e9 \\/x"');
    expect(v1).toEqual([independentHmac(secret, t, received.rawBody)]);
    expect(independentHmac(secret, t, reserialized)).not.toBe(v1[0]);

    const clockNow = Date.parse((await call(mock.baseUrl, 'GET', '/_mock/clock')).body.now);
    const helper = verifyWebhookSignature({ rawBody: received.rawBody, header: received.headers['x-layers-signature'], secrets: [secret], now: clockNow });
    const helperOnReserialized = verifyWebhookSignature({ rawBody: reserialized, header: received.headers['x-layers-signature'], secrets: [secret], now: clockNow });
    expect(helper.ok).toBe(true);
    expect(helperOnReserialized.ok ? null : helperOnReserialized.reason).toBe('signature_mismatch');
  });

  it('fails the independent HMAC when the mock signs a re-serialization', async () => {
    const { mock, receiver } = await mockWithReceiver({ defects: ['webhook-signature-reserialized'] });
    const created = await call(mock.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body: { url: receiver.url, events: ['job.completed'] } });

    await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${created.body.endpoint.id}/test`, { key: adminKey, body: { payload: { message: 'caf\u00e9 \/x' } } });
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 0 } });

    const received = receiver.requests[0] as (typeof receiver.requests)[number];
    const { t, v1 } = signatureElements(received.headers['x-layers-signature'] as string);
    expect(v1[0]).not.toBe(independentHmac(created.body.signingSecret, t, received.rawBody));
  });
});

describe('express receiver from the README', () => {
  it('accepts a delivery and rejects a forgery', async () => {
    const mock = await startMock({ clock: 'frozen' });
    cleanups.push(() => mock.close());
    let secret = '';
    const clockNow = async (): Promise<number> => Date.parse((await call(mock.baseUrl, 'GET', '/_mock/clock')).body.now);
    let receiverNow = 0;
    const seen = new Set<string>();
    const handled: unknown[] = [];

    const app = express();
    app.post('/layers-webhooks', express.raw({ type: 'application/json' }), (request, response) => {
      const result = verifyFromPackage({ rawBody: request.body as Buffer, header: request.get('X-Layers-Signature'), secrets: [secret], now: receiverNow });
      if (!result.ok) {
        response.status(400).send(result.message);
        return;
      }
      const eventId = request.get('X-Layers-Event-Id') as string;
      if (!seen.has(eventId)) {
        seen.add(eventId);
        handled.push(JSON.parse((request.body as Buffer).toString('utf8')));
      }
      response.sendStatus(204);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    cleanups.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/layers-webhooks`;

    const created = await call(mock.baseUrl, 'POST', '/v1/webhook-endpoints', { key: adminKey, body: { url, events: ['test.ping'] } });
    secret = created.body.signingSecret;
    receiverNow = await clockNow();
    const ping = await call(mock.baseUrl, 'POST', `/v1/webhook-endpoints/${created.body.endpoint.id}/test`, { key: adminKey });
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 0 } });
    const forged = await undiciRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-layers-signature': `t=${Math.floor(receiverNow / 1000)},v1=${'a'.repeat(64)}` }, body: '{"id":"evt_forged"}' });

    const [entry] = (await call(mock.baseUrl, 'GET', `/_mock/webhooks/deliveries?eventId=${ping.body.eventId}`)).body.items;
    expect(entry.status).toBe('delivered');
    expect(entry.lastResponseStatus).toBe(204);
    expect(handled).toHaveLength(1);
    expect(forged.statusCode).toBe(400);
    expect(await forged.body.text()).toContain('No v1 signature matches');
  });
});
