// The audit log: rows for requests and gate decisions, the documented filters, keyset order that
// never skips or repeats a row, Z-only time filters, and no secrets.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';

interface Row {
  eventId: string;
  eventType: string;
  occurredAt: string;
  actorApiKeyId: string | null;
}

function inKeysetOrder(left: Row, right: Row): boolean {
  if (left.occurredAt !== right.occurredAt) {
    return left.occurredAt > right.occurredAt;
  }
  return left.eventId < right.eventId;
}

export const auditChecks: Check[] = [
  defineCheck({
    id: 'audit.requests-and-order',
    title: 'Requests and gate decisions are audited, filtered and paged in keyset order',
    area: 'audit',
    guarantees: ['AUDIT-REQUEST-ROWS', 'AUDIT-KEYSET-ORDER', 'AUDIT-FILTERS'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ scopes: ['projects:read'] });
      const target = context.target.withKey(minted.key);
      for (let index = 0; index < 4; index += 1) {
        expectStatus(await target.call({ method: 'GET', path: '/v1/projects', query: { limit: 1 } }), 200, 'a read the key may make');
      }
      const forbidden = await target.call({ method: 'POST', path: '/v1/projects', body: { name: 'Not allowed', timezone: 'UTC' } });
      expectErrorCode(forbidden, 403, 'FORBIDDEN_SCOPE', 'a write the key may not make');

      const seen: Row[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const response = await target.call({ method: 'GET', path: '/v1/audit-log', query: { apiKeyId: minted.apiKeyId, limit: 2, cursor } });
        expectStatus(response, 200, 'GET /v1/audit-log filtered by apiKeyId');
        seen.push(...(response.response.body.items as Row[]));
        cursor = response.response.body.nextCursor ?? undefined;
        if (cursor === undefined) break;
      }

      expectEqual(new Set(seen.map((row) => row.eventId)).size, seen.length, 'no row repeats across pages');
      for (let index = 1; index < seen.length; index += 1) {
        expectTrue(inKeysetOrder(seen[index - 1] as Row, seen[index] as Row), `rows are in (occurredAt DESC, eventId ASC) order at ${index}`);
      }
      expectTrue(seen.every((row) => row.actorApiKeyId === minted.apiKeyId), 'the apiKeyId filter keeps only that key');
      expectTrue(seen.filter((row) => row.eventType === 'api.request').length >= 4, 'each successful request has an api.request row');
      expectTrue(seen.some((row) => row.eventType === 'auth.scope_denied'), 'the scope denial is audited');
      // The secret is the token's last 43 characters; it may itself contain underscores.
      expectTrue(!JSON.stringify(seen).includes(minted.key.slice(-43)), 'no row carries the key secret');

      const filtered = await target.call({ method: 'GET', path: '/v1/audit-log', query: { eventType: 'auth.scope_denied', apiKeyId: minted.apiKeyId } });
      expectTrue((filtered.response.body.items as Row[]).every((row) => row.eventType === 'auth.scope_denied') && filtered.response.body.items.length >= 1, 'the eventType filter keeps only that type', filtered);

      const offset = await target.call({ method: 'GET', path: '/v1/audit-log', query: { since: '2026-01-01T00:00:00+02:00' } });
      expectErrorCode(offset, 422, 'VALIDATION', 'a since filter with an offset instead of Z');
      const limit = await target.call({ method: 'GET', path: '/v1/audit-log', query: { limit: 201 } });
      expectErrorCode(limit, 422, 'VALIDATION', 'a limit above 200');
    },
  }),
];
