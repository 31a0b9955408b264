// Helpers the webhook checks share: a receiver the target can reach, endpoints deleted after the
// check, waiting for deliveries, and checks of a received request as a partner makes them.
import { createHmac } from 'node:crypto';

import { envelopeSchemaOf } from '../../lib/webhooks/catalogue.ts';
import { expectStatus, expectTrue, fail } from './assert.ts';
import { CheckSkipped, type CheckContext } from './check.ts';
import { WebhookReceiver, type ReceivedRequest, type Responder } from './receiver.ts';

/** How long a check waits for a delivery from a target without a clock it can advance. */
const deliveryWaitMs = 120_000;

/**
 * Starts a receiver the target can reach: on 127.0.0.1 for the mock, or behind the public URL
 * given with --webhook-public-url. Without either the check is skipped. The receiver closes after
 * the check.
 */
export async function openReceiver(context: CheckContext, responder?: Responder): Promise<WebhookReceiver> {
  let receiver: WebhookReceiver;
  if (context.webhookPublicUrl !== null) {
    receiver = await WebhookReceiver.start({ publicUrl: context.webhookPublicUrl, port: context.webhookPort, responder });
  } else if (context.control !== null) {
    receiver = await WebhookReceiver.start({ responder });
  } else {
    throw new CheckSkipped('The target cannot reach a receiver on 127.0.0.1. Pass --webhook-public-url with a URL that forwards to --webhook-port on this machine.');
  }
  context.defer(() => receiver.close());
  return receiver;
}

export interface CreatedEndpoint {
  id: string;
  secret: string;
  endpoint: any;
}

/** Creates an endpoint and deletes it after the check. */
export async function createEndpoint(context: CheckContext, body: Record<string, unknown>, target = context.target): Promise<CreatedEndpoint> {
  const exchange = await target.call({ method: 'POST', path: '/v1/webhook-endpoints', body });
  expectStatus(exchange, 201, 'POST /v1/webhook-endpoints creates the endpoint');
  const created = exchange.response.body;
  context.defer(async () => {
    await target.send({ method: 'DELETE', path: `/v1/webhook-endpoints/${created.endpoint.id}` });
  });
  return { id: created.endpoint.id, secret: created.signingSecret, endpoint: created.endpoint };
}

export async function sendTestPing(context: CheckContext, endpointId: string, payload?: Record<string, unknown>): Promise<{ eventId: string; deliveryId: string }> {
  const exchange = await context.target.call({ method: 'POST', path: `/v1/webhook-endpoints/${endpointId}/test`, body: payload === undefined ? {} : { payload } });
  expectStatus(exchange, 200, 'POST /v1/webhook-endpoints/{endpointId}/test');
  return exchange.response.body;
}

/**
 * Waits until `predicate` holds. Against the mock it first advances the clock by 0 ms, which
 * returns once the attempts due now have finished. Against another target it polls for up to two
 * minutes.
 */
export async function awaitDeliveries(context: CheckContext, receiver: WebhookReceiver, predicate: () => boolean, what: string): Promise<void> {
  if (context.control !== null) {
    await context.control.advanceClock(0);
  }
  const arrived = await receiver.waitUntil(predicate, context.control === null ? deliveryWaitMs : 2000);
  expectTrue(arrived, `${what}: the receiver got ${receiver.requests.length} request(s) and the expected deliveries did not arrive`);
}

/** Returns the target's current time: the mock clock, or this machine's clock for another target. */
export async function targetNow(context: CheckContext): Promise<number> {
  return context.control === null ? Date.now() : context.control.now();
}

export function signatureElements(request: ReceivedRequest): { t: string; v1: string[] } {
  const header = request.headers['x-layers-signature'];
  if (header === undefined) {
    fail('a delivery arrived without the X-Layers-Signature header');
  }
  const elements = header.split(',').map((element) => element.trim().split('=') as [string, string]);
  return { t: elements.find(([key]) => key === 't')?.[1] ?? '', v1: elements.filter(([key]) => key === 'v1').map(([, value]) => value) };
}

/** HMAC-SHA256 over "<t>.<raw body>", computed here and not by the kit's signer. */
export function independentSignature(secret: string, t: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t}.`, 'utf8'), rawBody])).digest('hex');
}

/** Parses the body of a delivery and checks it against its type's schema in the spec. */
export function checkEnvelope(context: CheckContext, request: ReceivedRequest): any {
  let body: any;
  try {
    body = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    fail(`a delivery body is not JSON: ${request.rawBody.toString('utf8').slice(0, 200)}`);
  }

  const validator = context.target.shared.spec;
  const schema = envelopeSchemaOf(validator.spec, String(body?.type));
  expectTrue(schema !== undefined, `a delivery has type ${JSON.stringify(body?.type)}, which is not in the event catalogue`);
  const problems = validator.validateValue(`webhook:${String(body.type)}`, schema as Record<string, unknown>, body);
  expectTrue(problems.length === 0, `the ${String(body.type)} delivery does not conform to the spec's webhook schema: ${problems.join('; ')}`);
  expectTrue(request.headers['x-layers-event-id'] === body.id, `X-Layers-Event-Id ${String(request.headers['x-layers-event-id'])} differs from the body id ${String(body.id)}`);
  return body;
}
