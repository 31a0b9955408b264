// From domain events to deliveries. Every event goes to each active endpoint of its organization
// that subscribes to its type, and to each active all_children endpoint of the parent
// organization (D29). An endpoint with a projectId receives only that project's events.
import type { MockContext } from '../../context.ts';
import type { DomainEvent, WebhookEndpoint } from '../../state/types.ts';
import { onEvent } from '../events.ts';
import { createDelivery } from './deliveries.ts';
import { assertEnvelopeConforms, buildEnvelope } from './envelope.ts';
import { serializeEnvelope } from './serialize.ts';

/** The project an event belongs to, from its data or the job or container it names. */
function projectOfEvent(mock: MockContext, data: Record<string, unknown>): string | null {
  if (typeof data.projectId === 'string') {
    return data.projectId;
  }
  if (typeof data.jobId === 'string') {
    return mock.store.jobs.get(data.jobId)?.projectId ?? null;
  }
  if (typeof data.containerId === 'string') {
    return mock.store.containers.get(data.containerId)?.projectId ?? null;
  }
  return null;
}

function receives(mock: MockContext, endpoint: WebhookEndpoint, event: DomainEvent): boolean {
  if (endpoint.status !== 'active' || !endpoint.events.includes(event.type)) {
    return false;
  }

  const owner = mock.store.organizations.get(endpoint.organizationId);
  if (owner === undefined || owner.status !== 'active') {
    return false;
  }

  const source = mock.store.organizations.get(event.organizationId);
  const ownEvent = event.organizationId === endpoint.organizationId;
  const childEvent = endpoint.scope === 'all_children' && source?.parentOrganizationId === endpoint.organizationId;
  if (!ownEvent && !childEvent) {
    return false;
  }

  return endpoint.projectId === null || projectOfEvent(mock, event.data) === endpoint.projectId;
}

export function deliverEvent(mock: MockContext, event: DomainEvent): void {
  const envelope = buildEnvelope(event.id, event.type, event.createdAt, event.data);
  assertEnvelopeConforms(mock, envelope);
  const payload = serializeEnvelope(envelope);

  for (const endpoint of mock.store.webhookEndpoints.values()) {
    if (receives(mock, endpoint, event)) {
      createDelivery(mock, { endpoint, eventId: event.id, eventType: event.type, payload, replayOf: null, ladderStart: event.createdAt, at: event.createdAt });
    }
  }
}

let registered = false;

/** Subscribes delivery to domain events once per process; the listener serves every mock instance. */
export function registerFanOut(): void {
  if (!registered) {
    onEvent(deliverEvent);
    registered = true;
  }
}
