// The delivery log of an endpoint and delivery replay (D27, D28).
import type { Handler } from '../../context.ts';
import { conflict } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { createDelivery } from './deliveries.ts';
import { assertEnvelopeConforms, type Envelope } from './envelope.ts';
import { deliveryRepresentation } from './representation.ts';
import { findDelivery, findEndpoint } from './rules.ts';
import { serializeEnvelope } from './serialize.ts';

export const deliveryHandlers: Record<string, Handler> = {
  listWebhookDeliveries(request) {
    const endpoint = findEndpoint(request, request.params.endpointId);
    const query = request.query;
    const eventTypes = query.eventType as string[] | undefined;
    const statuses = query.status as string[] | undefined;

    const rows = [...request.mock.store.webhookDeliveries.values()].filter(
      (delivery) =>
        delivery.endpointId === endpoint.id &&
        (eventTypes === undefined || eventTypes.includes(delivery.eventType)) &&
        (statuses === undefined || statuses.includes(delivery.status)),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (delivery) => ({ createdAt: delivery.createdAt, id: delivery.id }) });
    return { status: 200, body: { items: page.items.map(deliveryRepresentation), nextCursor: page.nextCursor } };
  },

  replayWebhookDelivery(request) {
    const original = findDelivery(request, request.params.deliveryId);
    const endpoint = request.mock.store.webhookEndpoints.get(original.endpointId);

    if (original.status === 'pending' || original.status === 'delivering') {
      throw conflict(`Webhook delivery ${original.id} is still ${original.status}. Replay it once it is delivered or failed.`, { status: original.status });
    }
    if (endpoint === undefined || endpoint.status !== 'active') {
      throw conflict(`The endpoint of delivery ${original.id} is ${endpoint?.status ?? 'gone'} and receives no deliveries. Set its status to active with PATCH first.`, { status: endpoint?.status ?? null });
    }

    // D27: the same data under a new event id, created now, with replayOf naming the original
    // delivery. A defect keeps the original event id, as a broken replay would.
    const previous = JSON.parse(original.payload) as Envelope;
    const eventId = request.mock.config.defects.has('webhook-replay-same-event-id') ? original.eventId : `evt_${request.mock.ids.ulid(request.now)}`;
    const envelope: Envelope = { id: eventId, type: previous.type, created: isoTimestamp(request.now), data: previous.data, replayOf: original.id };
    assertEnvelopeConforms(request.mock, envelope);

    const replay = createDelivery(request.mock, {
      endpoint,
      eventId,
      eventType: original.eventType,
      payload: serializeEnvelope(envelope),
      replayOf: original.id,
      ladderStart: request.now,
      at: request.now,
    });

    return { status: 200, body: { originalDeliveryId: original.id, replayDeliveryId: replay.id, scheduledAt: isoTimestamp(request.now) } };
  },
};
