// Webhook endpoints: create, list, get, patch, delete, rotate-secret and test.
import { principalOf, type Handler } from '../../context.ts';
import { conflict, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { WebhookEndpoint } from '../../state/types.ts';
import { mergeMetadata, metadataForCreate } from '../metadata/rules.ts';
import { envelopeProblems } from './catalogue.ts';
import { abandonDeliveries, createDelivery, releaseHeldDeliveries } from './deliveries.ts';
import { buildEnvelope } from './envelope.ts';
import { endpointRepresentation } from './representation.ts';
import { assertScopeAllowed, findEndpoint, resolveProjectId } from './rules.ts';
import { newSigningSecret, rotateSecret } from './secrets.ts';
import { serializeEnvelope } from './serialize.ts';
import { assertWebhookUrl } from './urls.ts';

const rotationWarning =
  'Store the new signing secret now; it is not shown again. Until previousSecretExpiresAt every delivery carries a v1 signature for each secret, so receivers can switch over without dropping events.';

const defaultPingMessage = 'A test delivery from Layers.';

const placeholderEventId = 'evt_00000000000000000000000000';

export const endpointHandlers: Record<string, Handler> = {
  createWebhookEndpoint(request) {
    const principal = principalOf(request);
    const body = request.body as Record<string, any>;
    const scope = (body.scope ?? 'own') as WebhookEndpoint['scope'];

    assertWebhookUrl('url', body.url);
    const projectId = resolveProjectId(request, body.projectId);
    assertScopeAllowed(request, scope, projectId);
    const metadata = metadataForCreate(body.metadata);

    const secret = newSigningSecret(request.mock);
    const endpoint: WebhookEndpoint = {
      id: request.mock.ids.uuid(),
      organizationId: principal.organization.id,
      projectId,
      url: body.url,
      description: body.description ?? null,
      status: 'active',
      events: [...body.events],
      scope,
      metadata,
      secrets: [{ secret, createdAt: request.now, expiresAt: null }],
      consecutiveFailureCount: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      createdAt: request.now,
      updatedAt: request.now,
    };
    request.mock.store.webhookEndpoints.set(endpoint.id, endpoint);

    return { status: 201, body: { endpoint: endpointRepresentation(endpoint), signingSecret: secret } };
  },

  listWebhookEndpoints(request) {
    const organizationId = principalOf(request).organization.id;
    const query = request.query;
    const projectId = typeof query.projectId === 'string' ? resolveProjectId(request, query.projectId) : null;
    const statuses = query.status as string[] | undefined;

    const rows = [...request.mock.store.webhookEndpoints.values()].filter(
      (endpoint) =>
        endpoint.organizationId === organizationId &&
        (projectId === null || endpoint.projectId === projectId) &&
        (statuses === undefined || statuses.includes(endpoint.status)),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (endpoint) => ({ createdAt: endpoint.createdAt, id: endpoint.id }) });
    return { status: 200, body: { items: page.items.map(endpointRepresentation), nextCursor: page.nextCursor } };
  },

  getWebhookEndpoint(request) {
    return { status: 200, body: endpointRepresentation(findEndpoint(request, request.params.endpointId)) };
  },

  patchWebhookEndpoint(request) {
    const endpoint = findEndpoint(request, request.params.endpointId);
    const body = request.body as Record<string, any>;

    if (body.url !== undefined) {
      assertWebhookUrl('url', body.url);
    }
    if (body.scope !== undefined && body.scope !== endpoint.scope) {
      assertScopeAllowed(request, body.scope, endpoint.projectId);
    }
    const metadata = 'metadata' in body ? mergeMetadata(endpoint.metadata, body.metadata) : endpoint.metadata;

    if (body.url !== undefined) {
      endpoint.url = body.url;
    }
    if (body.events !== undefined) {
      endpoint.events = [...body.events];
    }
    if ('description' in body) {
      endpoint.description = body.description;
    }
    if (body.scope !== undefined) {
      endpoint.scope = body.scope;
    }
    endpoint.metadata = metadata;

    if (body.status === 'paused') {
      endpoint.status = 'paused';
    } else if (body.status === 'active') {
      // Resuming resets the failure count (the docs' rule for auto_paused) and sends what waited.
      endpoint.status = 'active';
      endpoint.consecutiveFailureCount = 0;
      releaseHeldDeliveries(request.mock, endpoint.id, request.now);
    }
    endpoint.updatedAt = request.now;

    return { status: 200, body: endpointRepresentation(endpoint) };
  },

  deleteWebhookEndpoint(request) {
    const endpoint = findEndpoint(request, request.params.endpointId);

    abandonDeliveries(request.mock, endpoint.id, request.now);
    request.mock.store.webhookEndpoints.delete(endpoint.id);

    return { status: 200, body: { id: endpoint.id, deleted: true } };
  },

  rotateWebhookSecret(request) {
    const endpoint = findEndpoint(request, request.params.endpointId);

    const secret = newSigningSecret(request.mock);
    const previousSecretExpiresAt = rotateSecret(endpoint, secret, request.now);
    endpoint.updatedAt = request.now;

    return {
      status: 200,
      body: { endpointId: endpoint.id, signingSecret: secret, previousSecretExpiresAt: isoTimestamp(previousSecretExpiresAt), warning: rotationWarning },
    };
  },

  testWebhookEndpoint(request) {
    const endpoint = findEndpoint(request, request.params.endpointId);
    const payload = (request.body as { payload?: Record<string, unknown> } | undefined)?.payload;

    if (endpoint.status !== 'active') {
      throw conflict(`Webhook endpoint ${endpoint.id} is ${endpoint.status} and receives no deliveries. Set its status to active with PATCH first.`, { status: endpoint.status });
    }

    const data = { ...(payload ?? { message: defaultPingMessage, endpointId: endpoint.id }), organizationId: endpoint.organizationId };

    // A partner's payload that breaks the test.ping schema is a client mistake, so 422, not 500.
    // The check runs on a placeholder id, so a rejected request draws no id.
    const problems = envelopeProblems(request.mock, buildEnvelope(placeholderEventId, 'test.ping', request.now, data));
    if (problems.length > 0) {
      throw validationError('payload', `does not fit the test.ping event: ${problems.join('; ')}.`);
    }

    const eventId = `evt_${request.mock.ids.ulid(request.now)}`;
    const envelope = buildEnvelope(eventId, 'test.ping', request.now, data);

    const delivery = createDelivery(request.mock, {
      endpoint,
      eventId,
      eventType: 'test.ping',
      payload: serializeEnvelope(envelope),
      replayOf: null,
      ladderStart: request.now,
      at: request.now,
    });

    return { status: 200, body: { eventId, deliveryId: delivery.id, scheduledAt: isoTimestamp(request.now) } };
  },
};
