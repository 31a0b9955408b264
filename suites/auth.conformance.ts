// Authentication and scopes (D8, D9): bad keys get 401, missing scopes 403 FORBIDDEN_SCOPE with
// the required scope, and wildcards expand as documented, never to org:admin.
import fc from 'fast-check';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { uniqueProjectName } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';

/** Authorization values that are not a valid key: malformed, the wrong scheme, or unknown. */
const badAuthorization = fc.oneof(
  fc.string({ maxLength: 60 }).map((value) => `Bearer ${value}`),
  fc.constant('Basic dXNlcjpwYXNz'),
  fc.constant('Bearer'),
  fc
    .tuple(fc.constantFrom('live', 'test'), fc.stringMatching(/^[0-9A-Z]{16}$/), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/))
    .map(([env, id, secret]) => `Bearer lp_${env}_${id}_${secret}`),
);

/** Scopes a key may hold, wildcards included, and whether each one covers projects:write. */
const scopeCatalogue: [string, boolean][] = [
  ['projects:write', true],
  ['projects:*', true],
  ['*', true],
  ['projects:read', false],
  ['content:*', false],
  ['org:admin', false],
  ['ads:write:*', false],
];

export const authChecks: Check[] = [
  defineCheck({
    id: 'auth.bad-keys',
    title: 'A missing, malformed or unknown key gets 401 UNAUTHENTICATED',
    area: 'auth',
    guarantees: ['AUTH-BEARER-REQUIRED', 'ERR-ENVELOPE'],
    level: 'documented',
    async run(context) {
      await assertProperty(context, [badAuthorization], async (authorization) => {
        const exchange = await context.target.call({ method: 'GET', path: '/v1/whoami', apiKey: null, headers: { authorization } });
        expectErrorCode(exchange, 401, 'UNAUTHENTICATED', `Authorization ${JSON.stringify(authorization.slice(0, 40))}`);
        expectEnvelope(exchange, 'a 401');
      });
    },
  }),

  defineCheck({
    id: 'auth.scope-denied',
    title: 'A key without the route scope gets 403 FORBIDDEN_SCOPE naming the scope',
    area: 'auth',
    guarantees: ['AUTH-SCOPE-DENY-BY-DEFAULT', 'AUTH-REQUIRED-SCOPE-DETAIL', 'ERR-REJECTED-NO-STATE-CHANGE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const reader = await context.control!.mintKey({ scopes: ['projects:read'] });
      const target = context.target.withKey(reader.key);
      const name = uniqueProjectName('Denied');

      const denied = await target.call({ method: 'POST', path: '/v1/projects', body: { name, timezone: 'UTC' } });
      expectErrorCode(denied, 403, 'FORBIDDEN_SCOPE', 'projects:read cannot create a project');
      expectEnvelope(denied, 'a 403');
      expectEqual(denied.response.body.error.details?.requiredScope, 'projects:write', 'details.requiredScope names the missing scope', denied);

      const allowed = await target.call({ method: 'GET', path: '/v1/projects', query: { search: name } });
      expectStatus(allowed, 200, 'projects:read can list projects');
      expectEqual(allowed.response.body.items.length, 0, 'the denied request created nothing', allowed);
    },
  }),

  defineCheck({
    id: 'auth.scope-wildcards',
    title: 'Wildcard scopes cover the scopes under them and never org:admin',
    area: 'auth',
    guarantees: ['AUTH-SCOPE-WILDCARDS', 'AUTH-ORG-ADMIN-NOT-WILDCARD'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const scopeSets = fc.uniqueArray(fc.constantFrom(...scopeCatalogue), { minLength: 1, maxLength: 3, selector: ([scope]) => scope });

      await assertProperty(context, [scopeSets], async (entries) => {
        const scopes = entries.map(([scope]) => scope);
        const expectAllowed = entries.some(([, covers]) => covers);
        const minted = await context.control!.mintKey({ scopes });
        const exchange = await context.target.withKey(minted.key).call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Scopes'), timezone: 'UTC' } });

        if (expectAllowed) {
          expectStatus(exchange, 201, `scopes [${scopes.join(', ')}] cover projects:write`);
        } else {
          expectErrorCode(exchange, 403, 'FORBIDDEN_SCOPE', `scopes [${scopes.join(', ')}] do not cover projects:write`);
        }
      });

      const wildcard = await context.control!.mintKey({ scopes: ['*'] });
      const child = await context.target.withKey(wildcard.key).call({ method: 'GET', path: '/v1/whoami', organization: `org_${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` });
      expectErrorCode(child, 403, 'FORBIDDEN_SCOPE', '* does not grant org:admin, so X-Layers-Organization is refused');
    },
  }),
];
