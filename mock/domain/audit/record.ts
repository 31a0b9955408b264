// Appends rows to the audit log. Rows never carry a secret: values under keys that name one are
// replaced by "[redacted]" and the row is marked piiRedacted.
import type { MockContext, Principal } from '../../context.ts';
import type { AuditRow } from '../ads/types.ts';

const secretKeys = /^(secret|token|accessToken|refreshToken|apiKey|password|authorization|signingSecret)$/i;

function redact(value: unknown): { value: unknown; redacted: boolean } {
  if (Array.isArray(value)) {
    let redacted = false;
    const items = value.map((item) => {
      const result = redact(item);
      redacted ||= result.redacted;
      return result.value;
    });
    return { value: items, redacted };
  }
  if (value !== null && typeof value === 'object') {
    let redacted = false;
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (secretKeys.test(key) && entry !== null && entry !== undefined) {
        copy[key] = '[redacted]';
        redacted = true;
        continue;
      }
      const result = redact(entry);
      redacted ||= result.redacted;
      copy[key] = result.value;
    }
    return { value: copy, redacted };
  }
  return { value, redacted: false };
}

export interface AuditInput {
  eventType: string;
  organizationId: string;
  projectId?: string | null;
  requestId?: string | null;
  principal?: Principal | null;
  actorType?: AuditRow['actorType'];
  verdictId?: string | null;
  /** The actor when no principal is known, such as a rejected key. */
  actorApiKeyId?: string | null;
  actorOrganizationId?: string | null;
  data: Record<string, unknown>;
  at: number;
}

export function recordAudit(mock: MockContext, input: AuditInput): AuditRow {
  const { value, redacted } = redact(input.data);
  const principal = input.principal ?? null;

  const row: AuditRow = {
    eventId: `aud_${mock.ids.ulid(input.at)}`,
    requestId: input.requestId ?? null,
    eventType: input.eventType,
    organizationId: input.organizationId,
    projectId: input.projectId ?? null,
    actorType: input.actorType ?? (principal === null ? 'system' : 'partner'),
    actorOrganizationId: principal?.keyOrganization.id ?? input.actorOrganizationId ?? null,
    actorApiKeyId: principal?.apiKey.id ?? input.actorApiKeyId ?? null,
    verdictId: input.verdictId ?? null,
    data: value as Record<string, unknown>,
    piiRedacted: redacted,
    occurredAt: input.at,
  };
  mock.store.auditLog.push(row);
  return row;
}
