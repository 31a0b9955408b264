// Examples for the webhook operations. Endpoints point at a reserved domain that resolves nowhere,
// so the walk sends no delivery anywhere. The replayed delivery is still being retried, so its
// replay may get 409.
import { randomUUID } from 'node:crypto';

import { expectStatus } from '../lib/assert.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

async function createEndpoint(context: ExampleContext): Promise<any> {
  const exchange = await context.target.call({
    method: 'POST',
    path: '/v1/webhook-endpoints',
    body: { url: `https://hooks.layers-kit.invalid/${randomUUID()}`, events: ['test.ping'], description: 'Example endpoint' },
  });
  expectStatus(exchange, 201, 'creating an example webhook endpoint');
  return exchange.response.body.endpoint;
}

async function sendTestPing(context: ExampleContext): Promise<any> {
  const endpoint = await context.resource('webhookEndpoint');
  const exchange = await context.target.call({ method: 'POST', path: `/v1/webhook-endpoints/${endpoint.id}/test`, body: {} });
  expectStatus(exchange, 200, 'sending an example test ping');
  return exchange.response.body;
}

export const webhookExamples: ExampleArea = {
  resources: {
    webhookEndpoint: createEndpoint,
    webhookDelivery: sendTestPing,
  },

  examples: {
    createWebhookEndpoint: () => ({
      method: 'POST',
      path: '/v1/webhook-endpoints',
      body: { url: `https://hooks.layers-kit.invalid/${randomUUID()}`, events: ['job.completed', 'content.generated'], metadata: { team: 'walk' } },
    }),
    listWebhookEndpoints: () => ({ method: 'GET', path: '/v1/webhook-endpoints', query: { status: ['active', 'paused'], limit: 5 } }),
    getWebhookEndpoint: async (context) => ({ method: 'GET', path: `/v1/webhook-endpoints/${(await context.resource('webhookEndpoint')).id}` }),
    patchWebhookEndpoint: async (context) => ({
      method: 'PATCH',
      path: `/v1/webhook-endpoints/${(await context.resource('webhookEndpoint')).id}`,
      body: { description: 'Walked by the kit', metadata: { walked: 'yes' } },
    }),
    deleteWebhookEndpoint: async (context) => ({ method: 'DELETE', path: `/v1/webhook-endpoints/${(await context.fresh('webhookEndpoint')).id}` }),
    rotateWebhookSecret: async (context) => ({ method: 'POST', path: `/v1/webhook-endpoints/${(await context.fresh('webhookEndpoint')).id}/rotate-secret` }),
    testWebhookEndpoint: async (context) => ({ method: 'POST', path: `/v1/webhook-endpoints/${(await context.resource('webhookEndpoint')).id}/test`, body: { payload: { note: 'walk' } } }),
    listWebhookDeliveries: async (context) => ({
      method: 'GET',
      path: `/v1/webhook-endpoints/${(await context.resource('webhookEndpoint')).id}/deliveries`,
      query: { eventType: 'test.ping', limit: 10 },
    }),
    replayWebhookDelivery: async (context) => ({
      method: 'POST',
      path: `/v1/webhook-deliveries/${(await context.resource('webhookDelivery')).deliveryId}/replay`,
      expect: [200, 409],
    }),
  },
};
