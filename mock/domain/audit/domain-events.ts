// Audit rows for domain changes that other areas announce as events (content generated, posts
// published, …). They carry actorType "system". The ads area writes its own rows with the partner
// as actor, so ads.* and approval.* events are not mirrored here.
import type { MockContext } from '../../context.ts';
import type { DomainEvent } from '../../state/types.ts';
import { recordAudit } from './record.ts';

export function auditDomainEvent(mock: MockContext, event: DomainEvent): void {
  if (event.type.startsWith('ads.') || event.type.startsWith('approval.')) {
    return;
  }

  const { organizationId, ...data } = event.data;
  recordAudit(mock, {
    eventType: event.type,
    organizationId: event.organizationId,
    projectId: typeof data.projectId === 'string' ? data.projectId : null,
    actorType: 'system',
    data: { ...data, domainEventId: event.id },
    at: event.createdAt,
  });
}
