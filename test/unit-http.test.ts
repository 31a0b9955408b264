// Unit tests of the mock's HTTP rules: scopes, pagination, routing, rate limits and issue paths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { toIssues } from '../lib/openapi/issues.ts';
import { Router } from '../lib/openapi/router.ts';
import { indexSpec, loadSpec } from '../lib/openapi/spec.ts';
import { SpecValidator } from '../lib/openapi/validator.ts';
import { ApiError } from '../mock/http/errors.ts';
import { paginate } from '../mock/http/pagination.ts';
import { consumeRateLimit } from '../mock/http/rate-limit.ts';
import { hasScope, isSubsetOf } from '../mock/http/scopes.ts';
import { Store } from '../mock/state/store.ts';

describe('hasScope', () => {
  it.each([
    [['projects:write'], 'projects:write', true],
    [['projects:read'], 'projects:write', false],
    [['projects:*'], 'projects:write', true],
    [['*'], 'content:read', true],
    [['*'], 'org:admin', false],
    [['org:*'], 'org:admin', false],
    [['org:admin'], 'org:admin', true],
    [['ads:write:*'], 'ads:write:budgets', true],
    [['ads:write'], 'ads:write:budgets', true],
    [['ads:write:budgets'], 'ads:write:creative', false],
    [['ads:*'], 'ads:write:pending', true],
    [['ads:write:*'], 'ads:write', true],
    [['ads:write:budgets'], 'ads:write', false],
    [[], 'projects:read', false],
    [[], null, true],
  ] as [string[], string | null, boolean][])('%j covers %s: %s', (granted, required, expected) => {
    expect(hasScope(granted, required)).toBe(expected);
  });

  it('never lets a wildcard grant org:admin', () => {
    const wildcard = fc.oneof(fc.constant('*'), fc.stringMatching(/^[a-z]{1,8}(:[a-z]{1,8})?:\*$/));
    fc.assert(fc.property(fc.array(wildcard, { maxLength: 5 }), (scopes) => !hasScope(scopes, 'org:admin')));
  });

  it('treats a subset after wildcard expansion as delegable', () => {
    expect(isSubsetOf(['projects:read'], ['projects:*'])).toBe(true);
    expect(isSubsetOf(['projects:*'], ['projects:read'])).toBe(false);
    expect(isSubsetOf(['ads:write:budgets'], ['ads:write'])).toBe(true);
    expect(isSubsetOf(['ads:write'], ['ads:write:*'])).toBe(true);
    expect(isSubsetOf(['*'], ['projects:*'])).toBe(false);
    expect(isSubsetOf(['org:admin'], ['*'])).toBe(false);
  });
});

describe('paginate', () => {
  const rows = fc.uniqueArray(fc.record({ createdAt: fc.integer({ min: 0, max: 5 }), id: fc.stringMatching(/^[a-z0-9]{1,6}$/) }), { selector: (row) => row.id, maxLength: 40 });

  it('visits every row once, newest first with ties by id, whatever the page size', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 7 }), (input, limit) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = paginate(input, { cursor, limit, position: (row) => row });
          seen.push(...page.items.map((row) => row.id));
          if (page.nextCursor === null) {
            break;
          }
          cursor = page.nextCursor;
        }

        const expected = [...input].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)).map((row) => row.id);
        expect(seen).toEqual(expected);
      }),
    );
  });

  it('rejects a malformed cursor with 422 VALIDATION on cursor', () => {
    try {
      paginate([], { cursor: 'bm90LWpzb24', limit: 5, position: () => ({ createdAt: 0, id: 'a' }) });
      expect.unreachable('a malformed cursor must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(422);
      expect((error as ApiError).details).toEqual({ issues: [{ path: 'cursor', message: expect.any(String) }] });
    }
  });
});

describe('Router', () => {
  const spec = indexSpec({
    openapi: '3.1.0',
    paths: {
      '/v1/items/{id}': { get: { operationId: 'getItem', responses: {} }, patch: { operationId: 'patchItem', responses: {} } },
      '/v1/items/search': { post: { operationId: 'searchItems', responses: {} } },
    },
  });
  const router = new Router(spec);

  it('prefers a literal segment over a parameter', () => {
    const match = router.match('POST', '/v1/items/search');
    expect(match.kind).toBe('operation');
    expect(match.kind === 'operation' ? match.operation.operationId : null).toBe('searchItems');
  });

  it('falls back to the parameter route for other methods', () => {
    const match = router.match('GET', '/v1/items/search');
    expect(match.kind).toBe('operation');
    expect(match.kind === 'operation' ? match.params : null).toEqual({ id: 'search' });
  });

  it('lists the allowed methods of every matching route', () => {
    expect(router.match('DELETE', '/v1/items/search')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'PATCH', 'POST'] });
  });

  it('does not match a path of another length or a bad escape', () => {
    expect(router.match('GET', '/v1/items').kind).toBe('not-found');
    expect(router.match('GET', '/v1/items/%E0%A4%A').kind).toBe('not-found');
  });
});

describe('consumeRateLimit', () => {
  it('allows exactly the tier limit per window and then gives Retry-After 1..60', () => {
    const store = new Store();
    const start = Date.UTC(2026, 6, 1, 12, 0, 10);

    for (let index = 0; index < 120; index += 1) {
      const state = consumeRateLimit(store, 'key_a', 'standard', 'read-light', start);
      expect(state.remaining).toBe(119 - index);
    }

    const error = (() => {
      try {
        consumeRateLimit(store, 'key_a', 'standard', 'read-light', start);
      } catch (thrown) {
        return thrown as ApiError;
      }
      return null;
    })();
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.headers['Retry-After']).toBe('50');
    expect(error?.headers['X-RateLimit-Remaining']).toBe('0');

    expect(consumeRateLimit(store, 'key_a', 'standard', 'read-light', start + 50_000).remaining).toBe(119);
  });

  it('keeps separate buckets per endpoint class and per key', () => {
    const store = new Store();
    consumeRateLimit(store, 'key_a', 'standard', 'read-light', 0);
    expect(consumeRateLimit(store, 'key_a', 'standard', 'write-light', 0).remaining).toBe(59);
    expect(consumeRateLimit(store, 'key_b', 'standard', 'read-light', 0).remaining).toBe(119);
  });
});

describe('validation issues', () => {
  const validator = new SpecValidator(loadSpec());
  const operation = loadSpec().byId.get('createProject')!;

  it('name the field for unknown, missing and out-of-range values', () => {
    const result = validator.validateRequest(operation, { params: {}, query: {}, headers: {}, body: { name: 'ab', extra: 1 } });
    expect(result.issues.map((issue) => issue.path).sort()).toEqual(['extra', 'name', 'timezone']);
  });

  it('count characters as code points', () => {
    const longEmoji = '😀'.repeat(30);
    const result = validator.validateRequest(operation, { params: {}, query: {}, headers: {}, body: { name: longEmoji, timezone: 'UTC' } });
    expect(result.issues).toEqual([]);
  });

  it('report a root type error with an empty path', () => {
    expect(toIssues([{ keyword: 'type', instancePath: '', schemaPath: '#/type', params: { type: 'object' } }], 'body', 'POST')).toEqual([{ path: '', message: 'must be an object.' }]);
  });
});
