// Audit rows for partner API requests and the gate decisions on them: one row per /v1 exchange
// whose key could be attributed to an organization. A request with an unknown key belongs to no
// organization and leaves no row.
import type { MockContext } from '../../context.ts';
import type { FinishedExchange } from '../../http/exchange-listeners.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import { recordAudit } from './record.ts';

const gateEventTypes: Record<string, string> = {
  UNAUTHENTICATED: 'auth.key_rejected',
  FORBIDDEN_SCOPE: 'auth.scope_denied',
  RATE_LIMITED: 'auth.rate_limited',
  KILL_SWITCH: 'auth.kill_switch',
};

function projectIdOf(path: string): string | null {
  const match = /^\/v1\/projects\/([^/]+)/.exec(path);
  return match === null ? null : normalizeUuidId(decodeURIComponent(match[1] ?? ''), 'prj');
}

export function auditExchange(mock: MockContext, exchange: FinishedExchange): void {
  const principal = exchange.principal;
  const key = principal?.apiKey ?? (exchange.presentedKeyHandle === null ? undefined : mock.store.keyByHandle(exchange.presentedKeyHandle));
  if (key === undefined) {
    return;
  }

  const eventType = (exchange.errorCode === null ? undefined : gateEventTypes[exchange.errorCode]) ?? 'api.request';
  // Before authentication succeeds the acting organization is unknown, so the row goes to the key's own.
  const organizationId = principal?.organization.id ?? key.organizationId;

  recordAudit(mock, {
    eventType,
    organizationId,
    projectId: projectIdOf(exchange.path),
    requestId: exchange.requestId,
    principal,
    actorType: 'partner',
    actorApiKeyId: key.id,
    actorOrganizationId: key.organizationId,
    data: {
      method: exchange.method,
      path: exchange.path,
      route: exchange.route,
      operationId: exchange.operationId,
      status: exchange.status,
      errorCode: exchange.errorCode,
      replayed: exchange.replayed,
    },
    at: exchange.at,
  });
}
