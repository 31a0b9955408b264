// The /_mock control surface (spec/control.yaml).
import type { Handler, MockContext } from '../context.ts';
import { mintApiKey } from '../domain/api-keys/mint.ts';
import { grantIncluded, grantPrepaid, walletOf } from '../domain/credits/wallet.ts';
import { createOrganization } from '../domain/organizations/create.ts';
import { requireReauth } from '../domain/social/accounts.ts';
import { completeOAuth } from '../domain/social/oauth.ts';
import { drainDeliveries } from '../domain/webhooks/engine.ts';
import { deliveryLogRepresentation } from '../domain/webhooks/representation.ts';
import { conflict, notFound, validationError } from '../http/errors.ts';
import { knownScopes, unknownScopes } from '../http/known-scopes.ts';
import { isoTimestamp } from '../state/clock.ts';
import { normalizeUuidId } from '../state/ids.ts';
import type { Fault } from '../state/types.ts';
import { exportSnapshot, importSnapshot, type MockSnapshot } from './snapshot.ts';

export interface ControlOptions {
  /** Restores the seed state; supplied by the server, which keeps the seed snapshot. */
  reset(): void;
}

function faultRepresentation(fault: Fault): Record<string, unknown> {
  return { ...fault };
}

export function controlHandlers(mock: MockContext, options: ControlOptions): Record<string, Handler> {
  return {
    mintMockKey(request) {
      const body = (request.body ?? {}) as Record<string, any>;
      let organizationId: string;

      const known = knownScopes(mock.spec);
      const unknown = unknownScopes(body.scopes ?? [], known);
      if (unknown.length > 0) {
        throw validationError('scopes', `names scopes that no route uses: ${unknown.join(', ')}. Use * (every data scope), org:admin, a wildcard such as projects:*, or one of: ${[...known].sort().join(', ')}.`);
      }

      if (body.organizationId !== undefined) {
        organizationId = normalizeUuidId(body.organizationId, 'org') as string;
        const organization = mock.store.organizations.get(organizationId);
        if (organization === undefined) {
          throw notFound('Organization', organizationId);
        }
        if (organization.parentOrganizationId !== null) {
          throw validationError('organizationId', 'names a child organization; parent keys belong to top-level organizations. Mint child keys with POST /v1/organizations/{orgId}/api-keys.');
        }
      } else {
        const count = [...mock.store.organizations.values()].filter((organization) => organization.parentOrganizationId === null).length;
        organizationId = createOrganization(mock, { name: body.organizationName ?? `Test organization ${count + 1}`, parentOrganizationId: null, at: request.now }).id;
      }

      grantPrepaid(mock, organizationId, body.credits ?? 0, request.now);
      grantIncluded(mock, organizationId, body.includedCredits ?? 0, request.now);

      const { apiKey, token } = mintApiKey(mock, {
        organizationId,
        name: 'Minted through /_mock/keys',
        scopes: body.scopes ?? ['*', 'org:admin'],
        env: body.env ?? 'test',
        rateLimitTier: body.tier ?? 'partner',
        isChildKey: false,
        at: request.now,
        allowedReturnDomains: body.allowedReturnDomains,
      });

      return { status: 201, body: { key: token, apiKeyId: apiKey.id, organizationId } };
    },

    grantMockCredits(request) {
      const organizationId = normalizeUuidId(request.params.orgId, 'org') as string;
      if (!mock.store.organizations.has(organizationId)) {
        throw notFound('Organization', organizationId);
      }
      grantPrepaid(mock, organizationId, request.body.credits, request.now);
      return { status: 200, body: { organizationId, prepaidBalance: walletOf(mock, organizationId).prepaidBalance } };
    },

    getMockClock() {
      return { status: 200, body: { now: isoTimestamp(mock.clock.now()) } };
    },

    async advanceMockClock(request) {
      const now = mock.clock.advance(request.body.ms);
      // Work due within the window is done before the response, webhook attempts included: the
      // drain waits for each attempt and runs the retries it schedules up to `now`.
      await drainDeliveries(mock, now);
      return { status: 200, body: { now: isoTimestamp(now) } };
    },

    resetMock() {
      options.reset();
      return { status: 204 };
    },

    exportMockState() {
      return { status: 200, body: exportSnapshot(mock) };
    },

    importMockState(request) {
      importSnapshot(mock, request.body as MockSnapshot);
      return { status: 204 };
    },

    setMockKillSwitch(request) {
      mock.store.globalKillSwitch = request.body.enabled;
      return { status: 200, body: { enabled: mock.store.globalKillSwitch } };
    },

    addMockFault(request) {
      const body = request.body as Record<string, any>;
      const id = `flt_${String(mock.store.faults.size + 1)}_${mock.ids.base64url(6)}`;
      const fault: Fault = {
        id,
        method: body.method ?? null,
        path: body.path ?? null,
        status: body.status ?? null,
        latencyMs: body.latencyMs ?? null,
        drop: body.drop ?? false,
        probability: body.probability ?? 1,
        remaining: body.count ?? null,
      };
      mock.store.faults.set(id, fault);
      return { status: 201, body: { id } };
    },

    listMockFaults() {
      return { status: 200, body: { items: [...mock.store.faults.values()].map(faultRepresentation) } };
    },

    listMockWebhookDeliveries(request) {
      const query = request.query as { endpointId?: string; eventId?: string; status?: string };
      const items = [...mock.store.webhookDeliveries.values()].filter(
        (delivery) =>
          (query.endpointId === undefined || delivery.endpointId === query.endpointId.toLowerCase()) &&
          (query.eventId === undefined || delivery.eventId === query.eventId) &&
          (query.status === undefined || delivery.status === query.status),
      );
      return { status: 200, body: { items: items.map(deliveryLogRepresentation) } };
    },

    clearMockFaults() {
      mock.store.faults.clear();
      return { status: 204 };
    },

    completeMockOAuth(request) {
      const session = mock.store.oauthSessions.get(String(request.params.state));
      if (session === undefined) {
        throw notFound('OAuth state', String(request.params.state));
      }

      const body = (request.body ?? {}) as { outcome?: 'connected' | 'denied'; handle?: string };
      const landingUrl = completeOAuth(mock, session, { outcome: body.outcome ?? 'connected', handle: body.handle }, request.now);
      return { status: 200, body: { state: session.state, status: session.status, socialAccountId: session.status === 'completed' ? session.socialAccountId : null, landingUrl } };
    },

    markMockNeedsReauth(request) {
      const id = normalizeUuidId(String(request.params.socialAccountId), 'sa') as string;
      const account = mock.store.socialAccounts.get(id);
      if (account === undefined) {
        throw notFound('Social account', id);
      }
      if (account.status !== 'connected' || account.leased) {
        throw conflict(`Social account ${id} is ${account.leased ? 'leased' : account.status}; only a connected, non-leased account has a token to invalidate.`, { socialAccountId: id });
      }

      requireReauth(mock, account, 'token_revoked', request.now);
      return { status: 200, body: { socialAccountId: id, status: 'reauth_required' } };
    },

    listMockEvents(request) {
      const query = request.query as { organizationId?: string; type?: string[]; after?: string; limit: number };
      let events = mock.store.events;
      if (query.after !== undefined) {
        const index = events.findIndex((event) => event.id === query.after);
        events = index === -1 ? [] : events.slice(index + 1);
      }

      const items = events
        .filter((event) => (query.organizationId === undefined || event.organizationId === query.organizationId) && (query.type === undefined || query.type.includes(event.type)))
        .slice(0, query.limit)
        .map((event) => ({ id: event.id, type: event.type, organizationId: event.organizationId, created: isoTimestamp(event.createdAt), data: structuredClone(event.data) }));
      return { status: 200, body: { items } };
    },
  };
}
