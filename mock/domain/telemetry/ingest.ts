// Server-side event ingest (POST /v1/events): 1–100 events for one SDK app of a project. An
// eventId that the same (projectId, sdkAppId) already received is a no-op reported as duplicate.
import { principalOf, type HandlerResult, type RequestContext } from '../../context.ts';
import { notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { SdkApp, TelemetryEvent } from '../../state/types.ts';

interface EventInput {
  name: string;
  occurredAt: string;
  appUserId?: string;
  eventId?: string;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/** Checks the reserved properties' types; throws 422 naming the first bad one. */
function assertReservedProperties(index: number, properties: Record<string, unknown>): void {
  const path = (key: string) => `events.${index}.properties.${key}`;

  if ('revenue' in properties && (typeof properties.revenue !== 'number' || !Number.isFinite(properties.revenue))) {
    throw validationError(path('revenue'), 'must be a number in decimal units of currency, such as 9.99.');
  }
  if ('currency' in properties && (typeof properties.currency !== 'string' || !/^[A-Z]{3}$/.test(properties.currency))) {
    throw validationError(path('currency'), 'must be a three-letter ISO 4217 code in upper case, such as USD.');
  }
  if ('product_id' in properties && typeof properties.product_id !== 'string') {
    throw validationError(path('product_id'), 'must be a string.');
  }
  if ('quantity' in properties && (typeof properties.quantity !== 'number' || !Number.isSafeInteger(properties.quantity) || properties.quantity < 0)) {
    throw validationError(path('quantity'), 'must be a non-negative whole number.');
  }
}

function existingByClientId(events: Iterable<TelemetryEvent>, app: SdkApp): Map<string, string> {
  const byClientId = new Map<string, string>();
  for (const event of events) {
    if (event.appId === app.appId && event.projectId === app.projectId && event.clientEventId !== null) {
      byClientId.set(event.clientEventId, event.eventId);
    }
  }
  return byClientId;
}

export function ingestEvents(request: RequestContext): HandlerResult {
  const principal = principalOf(request);
  const mock = request.mock;
  const body = request.body as { projectId: string; sdkAppId: string; events: EventInput[] };

  const projectId = normalizeUuidId(body.projectId, 'prj') ?? body.projectId;
  const project = mock.store.projects.get(projectId);
  if (project === undefined || project.organizationId !== principal.organization.id) {
    throw notFound('Project', projectId);
  }
  const app = mock.store.sdkApps.get(body.sdkAppId);
  if (app === undefined || app.projectId !== project.id) {
    throw notFound('SDK app', body.sdkAppId);
  }
  body.events.forEach((event, index) => assertReservedProperties(index, event.properties ?? {}));

  // With the defect, earlier events are ignored, so every eventId counts as new.
  const seen = mock.config.defects.has('events-dedupe-ignored') ? new Map<string, string>() : existingByClientId(mock.store.telemetryEvents.values(), app);
  const outcomes: { index: number; status: 'accepted' | 'duplicate'; eventId: string; clientEventId: string | null }[] = [];

  body.events.forEach((input, index) => {
    const clientEventId = input.eventId ?? null;
    const earlier = clientEventId === null ? undefined : seen.get(clientEventId);
    if (earlier !== undefined) {
      outcomes.push({ index, status: 'duplicate', eventId: earlier, clientEventId });
      return;
    }

    // receivedAt mirrors occurredAt, as the docs describe it today.
    const occurredAt = Date.parse(input.occurredAt);
    const event: TelemetryEvent = {
      eventId: mock.ids.prefixedUlid('evt', request.now),
      organizationId: project.organizationId,
      projectId: project.id,
      appId: app.appId,
      clientEventId,
      name: input.name,
      appUserId: input.appUserId ?? null,
      occurredAt,
      receivedAt: occurredAt,
      ingestedAt: request.now,
      properties: structuredClone(input.properties ?? {}),
      context: structuredClone(input.context ?? {}),
      testEventCode: null,
    };
    mock.store.telemetryEvents.set(event.eventId, event);
    if (clientEventId !== null) {
      seen.set(clientEventId, event.eventId);
    }
    outcomes.push({ index, status: 'accepted', eventId: event.eventId, clientEventId });
  });

  const accepted = outcomes.filter((outcome) => outcome.status === 'accepted').length;
  if (accepted > 0) {
    app.lastEventAt = request.now;
  }

  return {
    status: 200,
    body: { projectId: project.id, sdkAppId: app.appId, received: body.events.length, accepted, duplicates: body.events.length - accepted, events: outcomes },
  };
}
