// The /_mock control surface (spec/control.yaml).
import type { Handler, MockContext } from '../context.ts';
import { mintApiKey } from '../domain/api-keys/mint.ts';
import { grantIncluded, grantPrepaid, walletOf } from '../domain/credits/wallet.ts';
import { createOrganization } from '../domain/organizations/create.ts';
import { notFound, validationError } from '../http/errors.ts';
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
        allowedReturnDomains: body.allowedReturnDomains ?? null,
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

    advanceMockClock(request) {
      const now = mock.clock.advance(request.body.ms);
      mock.scheduler.runDue(now);
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

    clearMockFaults() {
      mock.store.faults.clear();
      return { status: 204 };
    },
  };
}
