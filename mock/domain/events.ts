// Domain events: the record of what happened, from which webhook deliveries are made. Every event
// carries data.organizationId (changelog 2026-06-03), and a suspended organization emits nothing.
import type { MockContext } from '../context.ts';
import type { DomainEvent } from '../state/types.ts';

export type EventListener = (mock: MockContext, event: DomainEvent) => void;

const listeners: EventListener[] = [];

/** Registers a listener that sees every emitted event, such as webhook delivery. */
export function onEvent(listener: EventListener): void {
  listeners.push(listener);
}

export function emitEvent(mock: MockContext, type: string, organizationId: string, data: Record<string, unknown>, at: number): DomainEvent | null {
  const organization = mock.store.organizations.get(organizationId);
  if (organization === undefined || organization.status === 'suspended') {
    return null;
  }

  const event: DomainEvent = {
    id: `evt_${mock.ids.ulid(at)}`,
    type,
    organizationId,
    data: { ...data, organizationId },
    createdAt: at,
  };
  mock.store.events.push(event);

  for (const listener of listeners) {
    listener(mock, event);
  }
  return event;
}
