// Deliveries and their attempts (D26–D28). A delivery is created with its exact body. Each attempt
// is a scheduler task at its ladder time, which signs the body with the secrets active at that
// mock time and posts it. A 2xx delivers. A final 4xx, or the eighth failed attempt, fails the
// delivery, and any other outcome schedules the next attempt at the next ladder offset.
import type { MockContext } from '../../context.ts';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../state/types.ts';
import { buildSignatureHeader, eventIdHeaderName, signatureHeaderName } from '../../../lib/webhooks/signature.ts';
import { earlierAttempts, engineOf, isEngineClosed, queueDueWork, trackAttempt } from './engine.ts';
import { attemptDueAt, autoPauseThreshold, isFinalFailure, maxAttempts } from './ladder.ts';
import { activeSecrets } from './secrets.ts';
import { postAttempt, type SendOutcome } from './sender.ts';
import { deliveryBlockReason } from './urls.ts';

export const attemptTask = 'webhook.attempt';

const userAgent = 'Layers-Webhooks/1 (layers-conformance-kit mock)';

export interface NewDelivery {
  endpoint: WebhookEndpoint;
  eventId: string;
  eventType: string;
  payload: string;
  replayOf: string | null;
  ladderStart: number;
  at: number;
}

export function createDelivery(mock: MockContext, input: NewDelivery): WebhookDelivery {
  const delivery: WebhookDelivery = {
    id: mock.ids.uuid(),
    endpointId: input.endpoint.id,
    organizationId: input.endpoint.organizationId,
    eventId: input.eventId,
    eventType: input.eventType,
    payload: input.payload,
    replayOf: input.replayOf,
    status: 'pending',
    ladderStart: input.ladderStart,
    attempts: 0,
    nextRetryAt: null,
    held: false,
    endpointDeleted: false,
    deliveredAt: null,
    failedAt: null,
    abandonedAt: null,
    lastResponseStatus: null,
    lastResponseAt: null,
    lastErrorMessage: null,
    createdAt: input.at,
    attemptLog: [],
  };
  mock.store.webhookDeliveries.set(delivery.id, delivery);

  scheduleAttempt(mock, delivery, attemptDueAt(delivery.ladderStart, 1));
  return delivery;
}

export function scheduleAttempt(mock: MockContext, delivery: WebhookDelivery, dueAt: number): void {
  delivery.nextRetryAt = dueAt;
  mock.scheduler.schedule(attemptTask, dueAt, { deliveryId: delivery.id });
  queueDueWork(mock);
}

/** Cancels the scheduled attempt of a delivery, if any. */
export function cancelAttempts(mock: MockContext, deliveryId: string): void {
  for (const [taskId, task] of mock.store.tasks) {
    if (task.kind === attemptTask && task.payload.deliveryId === deliveryId) {
      mock.scheduler.cancel(taskId);
    }
  }
}

/** Returns the bytes to sign. A defect returns a re-serialization instead, as a broken sender would. */
function signedBytes(mock: MockContext, payload: string): string {
  return mock.config.defects.has('webhook-signature-reserialized') ? JSON.stringify(JSON.parse(payload)) : payload;
}

function signingSecrets(mock: MockContext, endpoint: WebhookEndpoint, at: number): string[] {
  const secrets = activeSecrets(endpoint, at);
  return mock.config.defects.has('webhook-rotation-single-signature') ? secrets.slice(0, 1) : secrets;
}

/** Returns the X-Layers-Event-Id of an attempt. A defect draws a new one per attempt, as a broken sender would. */
function eventIdHeader(mock: MockContext, delivery: WebhookDelivery, dueAt: number): string {
  return mock.config.defects.has('webhook-event-id-per-attempt') && delivery.attempts > 0 ? `evt_${mock.ids.ulid(dueAt)}` : delivery.eventId;
}

/** Returns true when a response status ends the delivery; a defect retries every 4xx. */
function endsDelivery(mock: MockContext, status: number): boolean {
  return !mock.config.defects.has('webhook-retry-final-4xx') && isFinalFailure(status);
}

/** Runs the scheduler task of one attempt. `dueAt` is the mock time the attempt is made at. */
export function runAttempt(mock: MockContext, deliveryId: string, dueAt: number): void {
  const delivery = mock.store.webhookDeliveries.get(deliveryId);
  if (delivery === undefined || delivery.status !== 'pending') {
    return;
  }

  const earlier = earlierAttempts(mock, delivery.endpointId, dueAt);
  if (earlier.length === 0) {
    startAttempt(mock, delivery, dueAt);
    return;
  }

  // Earlier attempts to the same endpoint are still in flight: this one is decided after them.
  delivery.status = 'delivering';
  delivery.nextRetryAt = null;
  const decided = Promise.allSettled(earlier).then(async () => {
    if (mock.store.webhookDeliveries.get(delivery.id) !== delivery || delivery.status !== 'delivering' || isEngineClosed(mock)) {
      return;
    }
    delivery.status = 'pending';
    await startAttempt(mock, delivery, dueAt);
  });
  trackAttempt(mock, delivery.endpointId, dueAt, decided);
}

/** Makes the attempt, or keeps it waiting while the endpoint is paused. Resolves once the outcome is recorded. */
function startAttempt(mock: MockContext, delivery: WebhookDelivery, dueAt: number): Promise<void> {
  const endpoint = mock.store.webhookEndpoints.get(delivery.endpointId);
  if (endpoint === undefined) {
    return Promise.resolve();
  }

  // A paused endpoint receives nothing: the attempt waits until PATCH sets the endpoint active.
  if (endpoint.status !== 'active') {
    delivery.held = true;
    delivery.nextRetryAt = null;
    return Promise.resolve();
  }

  const timestamp = Math.floor(dueAt / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    [signatureHeaderName.toLowerCase()]: buildSignatureHeader(signingSecrets(mock, endpoint, dueAt), timestamp, signedBytes(mock, delivery.payload)),
    [eventIdHeaderName.toLowerCase()]: eventIdHeader(mock, delivery, dueAt),
  };
  const attempt: WebhookAttempt = {
    number: delivery.attempts + 1,
    attemptedAt: dueAt,
    request: { url: endpoint.url, headers, body: delivery.payload },
    response: null,
    error: null,
    durationMs: null,
    outcome: 'in_flight',
  };

  delivery.status = 'delivering';
  delivery.attempts = attempt.number;
  delivery.nextRetryAt = null;
  delivery.attemptLog.push(attempt);

  const blocked = deliveryBlockReason(endpoint.url, mock.config.allowedWebhookHosts);
  if (blocked !== null) {
    mock.log.warn({ deliveryId: delivery.id, endpointId: endpoint.id, attempt: attempt.number }, `webhook attempt not sent: ${blocked}`);
    finishAttempt(mock, delivery, attempt, { response: null, error: `not sent: ${blocked}`, durationMs: 0 });
    return Promise.resolve();
  }
  if (isEngineClosed(mock)) {
    return Promise.resolve();
  }

  const sent = postAttempt(engineOf(mock).agent, { url: endpoint.url, headers, body: delivery.payload, timeoutMs: mock.config.webhookTimeoutMs }).then((outcome) => {
    // A reset or a snapshot import replaces the record; the result then belongs to nothing.
    if (mock.store.webhookDeliveries.get(delivery.id) !== delivery || isEngineClosed(mock)) {
      return;
    }
    finishAttempt(mock, delivery, attempt, outcome);
  });
  trackAttempt(mock, endpoint.id, dueAt, sent);
  return sent;
}

function recordEndpointFailure(endpoint: WebhookEndpoint, at: number): void {
  endpoint.consecutiveFailureCount += 1;
  endpoint.lastFailureAt = at;
  if (endpoint.consecutiveFailureCount >= autoPauseThreshold && endpoint.status === 'active') {
    endpoint.status = 'auto_paused';
    endpoint.updatedAt = at;
  }
}

/** Returns the next ladder time. A defect makes it one second early, as a broken scheduler would. */
function nextAttemptAt(mock: MockContext, delivery: WebhookDelivery): number {
  const due = attemptDueAt(delivery.ladderStart, delivery.attempts + 1);
  return mock.config.defects.has('webhook-ladder-early') ? due - 1000 : due;
}

export function finishAttempt(mock: MockContext, delivery: WebhookDelivery, attempt: WebhookAttempt, outcome: SendOutcome): void {
  const respondedAt = attempt.attemptedAt + outcome.durationMs;
  attempt.response = outcome.response;
  attempt.error = outcome.error;
  attempt.durationMs = outcome.durationMs;

  const status = outcome.response?.status ?? null;
  const delivered = status !== null && status >= 200 && status < 300;
  const final = status !== null && endsDelivery(mock, status);
  if (delivered) {
    attempt.outcome = 'delivered';
  } else if (final || attempt.number >= maxAttempts) {
    attempt.outcome = 'failed';
  } else {
    attempt.outcome = 'retry';
  }

  delivery.lastResponseStatus = status;
  delivery.lastResponseAt = outcome.response === null ? delivery.lastResponseAt : respondedAt;
  delivery.lastErrorMessage = delivered ? null : (outcome.error ?? `the receiver responded with status ${String(status)}`);

  mock.log.info(
    { deliveryId: delivery.id, endpointId: delivery.endpointId, eventId: delivery.eventId, attempt: attempt.number, status, error: outcome.error ?? undefined, outcome: attempt.outcome },
    'webhook attempt',
  );

  const endpoint = mock.store.webhookEndpoints.get(delivery.endpointId);
  if (endpoint !== undefined) {
    if (delivered) {
      endpoint.consecutiveFailureCount = 0;
      endpoint.lastSuccessAt = respondedAt;
    } else {
      recordEndpointFailure(endpoint, respondedAt);
    }
  }

  // The endpoint was deleted while the attempt was in flight: the delivery stays abandoned.
  if (delivery.status === 'abandoned') {
    return;
  }

  if (attempt.outcome === 'delivered') {
    delivery.status = 'delivered';
    delivery.deliveredAt = respondedAt;
  } else if (attempt.outcome === 'failed') {
    delivery.status = 'failed';
    delivery.failedAt = respondedAt;
  } else {
    delivery.status = 'pending';
    scheduleAttempt(mock, delivery, nextAttemptAt(mock, delivery));
  }
}

/** Marks every unfinished delivery of a deleted endpoint abandoned and cancels its attempts (D28). */
export function abandonDeliveries(mock: MockContext, endpointId: string, at: number): void {
  // A defect leaves the endpoint's deliveries pending, as a delete that forgets its queue would.
  if (mock.config.defects.has('webhook-delete-keeps-retrying')) {
    return;
  }
  for (const delivery of mock.store.webhookDeliveries.values()) {
    if (delivery.endpointId !== endpointId) {
      continue;
    }
    delivery.endpointDeleted = true;
    if (delivery.status === 'pending' || delivery.status === 'delivering') {
      cancelAttempts(mock, delivery.id);
      delivery.status = 'abandoned';
      delivery.abandonedAt = at;
      delivery.nextRetryAt = null;
      delivery.held = false;
    }
  }
}

/** Schedules, at `at`, the attempts that waited while the endpoint was paused. */
export function releaseHeldDeliveries(mock: MockContext, endpointId: string, at: number): void {
  for (const delivery of mock.store.webhookDeliveries.values()) {
    if (delivery.endpointId === endpointId && delivery.held) {
      delivery.held = false;
      scheduleAttempt(mock, delivery, at);
    }
  }
}

export function registerAttemptTask(mock: MockContext): void {
  mock.scheduler.register(attemptTask, (task, dueAt) => runAttempt(mock, String(task.payload.deliveryId), dueAt));
}
