// GET /v1/audit-log: the acting organization's rows, newest first by occurredAt with ties by
// eventId ascending, so pages never skip or repeat a row.
import { principalOf, type Handler } from '../../context.ts';
import { onEvent } from '../events.ts';
import { onExchangeFinished } from '../../http/exchange-listeners.ts';
import { paginate } from '../../http/pagination.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { AuditRow } from '../ads/types.ts';
import { auditDomainEvent } from './domain-events.ts';
import { auditExchange } from './requests.ts';

function iso(at: number): string {
  return new Date(at).toISOString();
}

export function auditRepresentation(row: AuditRow): Record<string, unknown> {
  return {
    eventId: row.eventId,
    requestId: row.requestId,
    eventType: row.eventType,
    organizationId: row.organizationId,
    projectId: row.projectId,
    actorType: row.actorType,
    actorOrganizationId: row.actorOrganizationId,
    actorApiKeyId: row.actorApiKeyId,
    verdictId: row.verdictId,
    data: row.data,
    piiRedacted: row.piiRedacted,
    occurredAt: iso(row.occurredAt),
  };
}

function asList(value: unknown): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export const auditHandlers: Record<string, Handler> = {
  listAuditLog(request) {
    const principal = principalOf(request);
    const query = request.query;
    const eventTypes = asList(query.eventType);
    const projectId = query.projectId === undefined ? undefined : normalizeUuidId(String(query.projectId), 'prj');
    const apiKeyId = query.apiKeyId === undefined ? undefined : normalizeUuidId(String(query.apiKeyId), 'key');
    const since = query.since === undefined ? -Infinity : Date.parse(String(query.since));
    const until = query.until === undefined ? Infinity : Date.parse(String(query.until));

    const rows = request.mock.store.auditLog.filter(
      (row) =>
        row.organizationId === principal.organization.id &&
        (eventTypes === undefined || eventTypes.includes(row.eventType)) &&
        (projectId === undefined || row.projectId === projectId) &&
        (apiKeyId === undefined || row.actorApiKeyId === apiKeyId) &&
        row.occurredAt >= since &&
        row.occurredAt <= until,
    );

    // The defect lists oldest first, to show that the order check catches it.
    const direction = request.mock.config.defects.has('audit-order-reversed') ? -1 : 1;
    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (row) => ({ createdAt: direction * row.occurredAt, id: row.eventId }) });
    return { status: 200, body: { items: page.items.map(auditRepresentation), nextCursor: page.nextCursor } };
  },
};

// Listeners are registered once per process, when this module loads, like webhook delivery.
onExchangeFinished(auditExchange);
onEvent(auditDomainEvent);
