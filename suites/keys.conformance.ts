// API keys: child keys (D11) with their scopes (D9) and rotation grace, parent keys killed,
// rotated and deleted, and the three kill switches (D12).
import { randomUUID } from 'node:crypto';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check, type CheckContext } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { createChild } from './lib/orgs.ts';
import type { TargetClient } from './lib/target.ts';

const dayMs = 24 * 60 * 60 * 1000;

async function mintChildKey(context: CheckContext, childId: string, body: Record<string, unknown>, target: TargetClient = context.target): Promise<Exchange> {
  return target.call({ method: 'POST', path: `/v1/organizations/${childId}/api-keys`, body: { name: 'Kit child key', ...body } });
}

async function whoamiWith(context: CheckContext, key: string): Promise<Exchange> {
  return context.target.withKey(key).call({ method: 'GET', path: '/v1/whoami' });
}

export const keyChecks: Check[] = [
  defineCheck({
    id: 'keys.child-mint',
    title: 'A child key is minted once with its secret, works in the child only, and is listed without it',
    area: 'keys',
    guarantees: ['KEY-CHILD-MINT', 'KEY-SANDBOX-TIER', 'ORG-WHOAMI-PARENT'],
    level: 'documented',
    async run(context) {
      const parent = (await context.target.call({ method: 'GET', path: '/v1/whoami' })).response.body;
      const child = await createChild(context);

      const minted = await mintChildKey(context, child.id, { scopes: ['projects:read', 'content:read'], env: 'test' });
      expectStatus(minted, 201, 'minting a test child key');
      const { apiKey, secret } = minted.response.body;
      expectTrue(typeof secret === 'string' && secret.startsWith(`${apiKey.prefix}_`), 'the secret is the whole bearer token, starting with the prefix', minted);
      expectEqual([apiKey.env, apiKey.rateLimitTier, apiKey.status], ['test', 'sandbox', 'active'], 'a test child key is active on the sandbox tier', minted);

      const whoami = await whoamiWith(context, secret);
      expectStatus(whoami, 200, 'whoami with the child key');
      expectEqual(
        [whoami.response.body.organizationId, whoami.response.body.parentOrganizationId, whoami.response.body.apiKeyId, whoami.response.body.rateLimitTier],
        [child.id, parent.organizationId, apiKey.id, 'sandbox'],
        'whoami reports the child, its parent, the key and the sandbox tier',
        whoami,
      );
      expectEqual([...whoami.response.body.scopes].sort(), ['content:read', 'projects:read'], 'whoami reports the delegated scopes', whoami);

      const replayKey = randomUUID();
      const mintBody = { name: 'Replayed key', scopes: ['projects:read'] };
      const original = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys`, body: mintBody, idempotencyKey: replayKey });
      const replayed = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys`, body: mintBody, idempotencyKey: replayKey });
      expectEqual([replayed.response.body.apiKey.id, replayed.response.body.secret], [original.response.body.apiKey.id, original.response.body.secret], 'a replayed mint returns the same key and secret', replayed);

      const live = await mintChildKey(context, child.id, { scopes: ['projects:read'] });
      expectEqual([live.response.body.apiKey.env, live.response.body.apiKey.rateLimitTier], ['live', parent.rateLimitTier], 'a live child key defaults to live and takes the minting key\'s tier', live);

      const list = await context.target.call({ method: 'GET', path: `/v1/organizations/${child.id}/api-keys`, query: { limit: 100 } });
      expectStatus(list, 200, 'listing child keys');
      expectEqual(
        list.response.body.items.map((item: { id: string }) => item.id).sort(),
        [apiKey.id, original.response.body.apiKey.id, live.response.body.apiKey.id].sort(),
        'the list has the three keys, the replayed mint once',
        list,
      );
      expectTrue(!list.response.text.includes(secret.slice(-43)), 'the list never carries a secret', list);
    },
  }),

  defineCheck({
    id: 'keys.child-scopes',
    title: 'Child scopes are a subset of the caller\'s, org:admin is never delegable, and an empty list is rejected',
    area: 'keys',
    guarantees: ['KEY-SCOPE-SUBSET', 'KEY-ORG-ADMIN-NOT-DELEGABLE', 'AUTH-SCOPE-DENY-BY-DEFAULT'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const narrow = await context.control!.mintKey({ scopes: ['projects:*', 'org:admin'] });
      const parent = context.target.withKey(narrow.key);
      const child = await createChild(context, {}, parent);

      const admin = await mintChildKey(context, child.id, { scopes: ['projects:read', 'org:admin'] }, parent);
      expectErrorCode(admin, 403, 'FORBIDDEN_SCOPE', 'delegating org:admin');
      expectErrorCode(await mintChildKey(context, child.id, { scopes: ['content:read'] }, parent), 403, 'FORBIDDEN_SCOPE', 'a scope outside projects:*');
      expectErrorCode(await mintChildKey(context, child.id, { scopes: ['*'] }, parent), 403, 'FORBIDDEN_SCOPE', 'the * wildcard from a projects:* key');
      expectErrorCode(await mintChildKey(context, child.id, { scopes: [] }, parent), 422, 'VALIDATION', 'an empty scope list');

      const wildcard = await mintChildKey(context, child.id, { scopes: ['projects:*'] }, parent);
      expectStatus(wildcard, 201, 'projects:* is covered by projects:*');
      const readOnly = await mintChildKey(context, child.id, { scopes: ['projects:read'] }, parent);
      expectStatus(readOnly, 201, 'projects:read is covered by projects:*');

      const denied = await context.target.withKey(readOnly.response.body.secret).call({ method: 'POST', path: '/v1/projects', body: { name: 'Denied', timezone: 'UTC' } });
      expectErrorCode(denied, 403, 'FORBIDDEN_SCOPE', 'a projects:read child key creating a project');
      expectEqual(denied.response.body.error.details?.requiredScope, 'projects:write', 'the 403 names the missing scope', denied);
    },
  }),

  defineCheck({
    id: 'keys.child-rotate-delete',
    title: 'A child key rotates once, both secrets work during the grace, and delete revokes at once',
    area: 'keys',
    guarantees: ['KEY-ROTATE-ONCE', 'KEY-CHILD-DELETE'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const minted = await mintChildKey(context, child.id, { scopes: ['projects:read'] });
      const old = minted.response.body;

      const rotated = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys/${old.apiKey.id}/rotate` });
      expectStatus(rotated, 201, 'rotating a child key');
      const { apiKey, previousApiKey, secret } = rotated.response.body;
      expectEqual([previousApiKey.id, previousApiKey.supersededBy], [old.apiKey.id, apiKey.id], 'the previous key names its successor', rotated);
      expectEqual(Date.parse(previousApiKey.graceUntil) - Date.parse(previousApiKey.rotatedAt), dayMs, 'the grace is 24 hours from the rotation', rotated);
      expectEqual([apiKey.scopes, apiKey.env, apiKey.rateLimitTier], [old.apiKey.scopes, old.apiKey.env, old.apiKey.rateLimitTier], 'the new key keeps scopes, env and tier', rotated);

      expectStatus(await whoamiWith(context, old.secret), 200, 'the old secret works during the grace');
      expectStatus(await whoamiWith(context, secret), 200, 'the new secret works');
      expectErrorCode(await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys/${old.apiKey.id}/rotate` }), 409, 'CONFLICT', 'rotating a superseded key');

      const deleted = await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}/api-keys/${apiKey.id}` });
      expectStatus(deleted, 200, 'deleting the new key');
      expectEqual([deleted.response.body.deleted, deleted.response.body.apiKey.status], [true, 'revoked'], 'the key is revoked', deleted);
      expectErrorCode(await whoamiWith(context, secret), 401, 'UNAUTHENTICATED', 'a deleted key, with no grace');
      const again = await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}/api-keys/${apiKey.id}` });
      expectEqual(again.response.body.apiKey.revokedAt, deleted.response.body.apiKey.revokedAt, 'deleting again returns the terminal state', again);
    },
  }),

  defineCheck({
    id: 'keys.rotation-grace-clock',
    title: 'An old child secret works a minute before its grace ends and gets 401 a minute after (F10)',
    area: 'keys',
    guarantees: ['KEY-ROTATE-GRACE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const control = context.control!;
      const child = await createChild(context);
      const old = (await mintChildKey(context, child.id, { scopes: ['projects:read'] })).response.body;
      const rotated = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys/${old.apiKey.id}/rotate` });
      const graceUntil = Date.parse(rotated.response.body.previousApiKey.graceUntil);

      await control.advanceClock(1000);
      expectStatus(await whoamiWith(context, rotated.response.body.secret), 200, 'the new secret one second after the rotation');
      await control.advanceClock(59_000);
      expectStatus(await whoamiWith(context, old.secret), 200, 'the old secret one minute after the rotation');

      await control.advanceClock(graceUntil - 60_000 - (await control.now()));
      expectStatus(await whoamiWith(context, old.secret), 200, 'the old secret one minute before the grace ends');
      await control.advanceClock(120_000);
      expectErrorCode(await whoamiWith(context, old.secret), 401, 'UNAUTHENTICATED', 'the old secret one minute after the grace ended');
      expectStatus(await whoamiWith(context, rotated.response.body.secret), 200, 'the new secret still works');
    },
  }),

  defineCheck({
    id: 'keys.archived-child-401',
    title: "Archiving a child revokes its keys, which then get 401",
    area: 'keys',
    guarantees: ['KEY-ARCHIVED-401', 'ORG-ARCHIVE-TERMINAL'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const first = (await mintChildKey(context, child.id, { scopes: ['projects:read'] })).response.body;
      const second = (await mintChildKey(context, child.id, { scopes: ['projects:read'], env: 'test' })).response.body;
      expectStatus(await whoamiWith(context, first.secret), 200, 'the child key works before the archive');

      const archived = await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
      expectEqual(archived.response.body.revokedApiKeys, 2, 'the archive revokes both keys', archived);
      expectErrorCode(await whoamiWith(context, first.secret), 401, 'UNAUTHENTICATED', 'a live key of the archived child');
      expectErrorCode(await whoamiWith(context, second.secret), 401, 'UNAUTHENTICATED', 'a test key of the archived child');
    },
  }),

  defineCheck({
    id: 'keys.parent-kill-rotate-delete',
    title: 'A parent key is killed (503 key), rotated in place (old secret 401) and deleted (401)',
    area: 'keys',
    guarantees: ['KILL-KEY', 'KEY-PARENT-ROTATE', 'KEY-PARENT-DELETE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const control = context.control!;
      const first = await control.mintKey({ scopes: ['*', 'org:admin'] });
      const second = await control.mintKey({ scopes: ['projects:read'], organizationId: first.organizationId });
      const admin = context.target.withKey(first.key);

      const killed = await admin.call({ method: 'POST', path: `/v1/api-keys/${second.apiKeyId}/kill` });
      expectStatus(killed, 200, 'killing another key of the organization');
      expectEqual([killed.response.body.killed, killed.response.body.apiKey.killSwitch, killed.response.body.apiKey.isActive], [true, true, false], 'the key is killed', killed);
      const refused = await whoamiWith(context, second.key);
      expectErrorCode(refused, 503, 'KILL_SWITCH', 'a killed key');
      expectEqual(refused.response.body.error.details?.scope, 'key', 'the kill switch scope is key', refused);
      expectStatus(await admin.call({ method: 'POST', path: `/v1/api-keys/${second.apiKeyId}/kill` }), 200, 'killing a killed key is a no-op');

      const rotationKey = randomUUID();
      const rotated = await admin.call({ method: 'POST', path: `/v1/api-keys/${second.apiKeyId}/rotate`, idempotencyKey: rotationKey });
      expectStatus(rotated, 200, 'rotating the killed key');
      const rotatedAgain = await admin.call({ method: 'POST', path: `/v1/api-keys/${second.apiKeyId}/rotate`, idempotencyKey: rotationKey });
      expectEqual(rotatedAgain.response.body.secret, rotated.response.body.secret, 'a replayed rotation returns the same secret', rotatedAgain);
      expectEqual([rotated.response.body.apiKey.id, rotated.response.body.apiKey.killSwitch, rotated.response.body.apiKey.isActive], [second.apiKeyId, false, true], 'rotation keeps the id and clears the kill switch', rotated);
      expectErrorCode(await whoamiWith(context, second.key), 401, 'UNAUTHENTICATED', 'the old secret after an in-place rotation');
      expectStatus(await whoamiWith(context, rotated.response.body.secret), 200, 'the new secret');

      const deleted = await admin.call({ method: 'DELETE', path: `/v1/api-keys/${second.apiKeyId}` });
      expectEqual([deleted.response.body.deleted, deleted.response.body.apiKey.isActive, deleted.response.body.apiKey.killSwitch], [true, false, false], 'delete retires the key without the kill switch', deleted);
      expectErrorCode(await whoamiWith(context, rotated.response.body.secret), 401, 'UNAUTHENTICATED', 'a deleted key');

      const stranger = await control.mintKey({ scopes: ['*'] });
      expectErrorCode(await admin.call({ method: 'POST', path: `/v1/api-keys/${stranger.apiKeyId}/kill` }), 404, 'NOT_FOUND', "another organization's key");
    },
  }),

  defineCheck({
    id: 'keys.kill-switch-org',
    title: "Suspending a child switches its own keys off with 503 scope org, and resuming switches them on",
    area: 'keys',
    guarantees: ['KILL-ORG', 'ORG-SUSPEND-RESUME'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const key = (await mintChildKey(context, child.id, { scopes: ['projects:read'] })).response.body.secret as string;

      await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/suspend` });
      const refused = await whoamiWith(context, key);
      expectErrorCode(refused, 503, 'KILL_SWITCH', "a suspended child's key on whoami");
      expectEqual(refused.response.body.error.details?.scope, 'org', 'the kill switch scope is org', refused);
      expectStatus(await context.target.call({ method: 'GET', path: `/v1/organizations/${child.id}` }), 200, 'the parent still reads the suspended child');

      await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/resume` });
      expectStatus(await whoamiWith(context, key), 200, 'the key works again after resume');
    },
  }),

  defineCheck({
    id: 'keys.kill-switch-global',
    title: 'The global kill switch answers 503 scope global on every endpoint, whoami included',
    area: 'keys',
    guarantees: ['KILL-GLOBAL'],
    level: 'documented',
    // The global switch stops every client of the target, so only a run's own mock may flip it.
    requires: ['control', 'exclusive'],
    async run(context) {
      const control = context.control!;
      await control.setKillSwitch(true);
      try {
        for (const path of ['/v1/whoami', '/v1/credits', '/v1/organizations']) {
          const refused = await context.target.call({ method: 'GET', path });
          expectErrorCode(refused, 503, 'KILL_SWITCH', `GET ${path} under the global kill switch`);
          expectEqual(refused.response.body.error.details?.scope, 'global', 'the kill switch scope is global', refused);
        }
      } finally {
        await control.setKillSwitch(false);
      }
      expectStatus(await context.target.call({ method: 'GET', path: '/v1/whoami' }), 200, 'whoami works once the switch is off');
    },
  }),
];
