// The API and /_mock representations of endpoints and deliveries. Secrets appear in neither.
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../state/types.ts';

export function endpointRepresentation(endpoint: WebhookEndpoint): Record<string, unknown> {
  return {
    id: endpoint.id,
    organizationId: endpoint.organizationId,
    projectId: endpoint.projectId,
    url: endpoint.url,
    description: endpoint.description,
    status: endpoint.status,
    events: [...endpoint.events],
    scope: endpoint.scope,
    metadata: { ...endpoint.metadata },
    apiVersion: 'v1',
    createdAt: isoTimestamp(endpoint.createdAt),
    updatedAt: isoTimestamp(endpoint.updatedAt),
    lastSuccessAt: nullableIso(endpoint.lastSuccessAt),
    lastFailureAt: nullableIso(endpoint.lastFailureAt),
    consecutiveFailureCount: endpoint.consecutiveFailureCount,
  };
}

export function deliveryRepresentation(delivery: WebhookDelivery): Record<string, unknown> {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextRetryAt: nullableIso(delivery.nextRetryAt),
    deliveredAt: nullableIso(delivery.deliveredAt),
    abandonedAt: nullableIso(delivery.abandonedAt),
    lastResponseStatus: delivery.lastResponseStatus,
    lastResponseAt: nullableIso(delivery.lastResponseAt),
    lastErrorMessage: delivery.lastErrorMessage,
    createdAt: isoTimestamp(delivery.createdAt),
  };
}

/** The /_mock/webhooks/deliveries view: the delivery with every attempt's request and response. */
export function deliveryLogRepresentation(delivery: WebhookDelivery): Record<string, unknown> {
  return {
    ...deliveryRepresentation(delivery),
    organizationId: delivery.organizationId,
    replayOf: delivery.replayOf,
    held: delivery.held,
    endpointDeleted: delivery.endpointDeleted,
    failedAt: nullableIso(delivery.failedAt),
    ladderStart: isoTimestamp(delivery.ladderStart),
    payload: delivery.payload,
    attemptLog: delivery.attemptLog.map((attempt) => ({
      number: attempt.number,
      attemptedAt: isoTimestamp(attempt.attemptedAt),
      request: { ...attempt.request, headers: { ...attempt.request.headers } },
      response: attempt.response === null ? null : { ...attempt.response, headers: { ...attempt.response.headers } },
      error: attempt.error,
      durationMs: attempt.durationMs,
      outcome: attempt.outcome,
    })),
  };
}
