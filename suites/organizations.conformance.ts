// The organization control plane: child organizations, their statuses, acting for a child with
// X-Layers-Organization (D10), and migrating flat projects into children.
import { randomUUID } from 'node:crypto';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { createChild, uniqueChildName } from './lib/orgs.ts';

export const organizationChecks: Check[] = [
  defineCheck({
    id: 'organizations.lifecycle',
    title: 'A child is created, read with its summary, listed, suspended, resumed and archived for good',
    area: 'organizations',
    guarantees: ['ORG-CREATE', 'ORG-GET-SUMMARY', 'ORG-LIST', 'ORG-SUSPEND-RESUME', 'ORG-ARCHIVE-TERMINAL'],
    level: 'documented',
    async run(context) {
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const child = await createChild(context, { metadata: { plan: 'pro' }, billingEmail: 'billing@example.com' });
      expectEqual(child.status, 'active', 'a new child is active');
      expectEqual(child.parentOrganizationId, whoami.response.body.organizationId, 'the child names the caller as its parent');
      expectEqual(child.metadata, { plan: 'pro' }, 'the child keeps its metadata');

      const detail = await context.target.call({ method: 'GET', path: `/v1/organizations/${child.id}` });
      expectStatus(detail, 200, 'GET /v1/organizations/{orgId}');
      expectEqual(detail.response.body.summary, { projectCount: 0, balance: 0, available: 0, creditConfig: { monthlyCreditCap: null, refillThreshold: null, refillAmount: null, autoRefillEnabled: false } }, 'a new child has an empty wallet and no config', detail);

      const bare = await context.target.call({ method: 'GET', path: `/v1/organizations/${String(child.id).slice(4)}` });
      expectEqual(bare.response.body.id, child.id, 'the bare UUID names the same child', bare);

      const listed = await context.target.call({ method: 'GET', path: '/v1/organizations', query: { status: 'active', limit: 200 } });
      expectStatus(listed, 200, 'GET /v1/organizations');
      expectTrue(listed.response.body.items.some((item: { id: string }) => item.id === child.id), 'the list of active children includes the new child', listed);
      expectTrue(listed.response.body.items.every((item: { status: string; summary?: unknown }) => item.status === 'active' && item.summary === undefined), 'the status filter holds and list items carry no summary', listed);

      await createChild(context);
      const firstPage = await context.target.call({ method: 'GET', path: '/v1/organizations', query: { limit: 1 } });
      expectEqual(firstPage.response.body.items.length, 1, 'limit 1 returns one child', firstPage);
      expectTrue(typeof firstPage.response.body.nextCursor === 'string', 'a further page has a cursor', firstPage);
      const secondPage = await context.target.call({ method: 'GET', path: '/v1/organizations', query: { limit: 1, cursor: firstPage.response.body.nextCursor } });
      expectTrue(secondPage.response.body.items[0]?.id !== firstPage.response.body.items[0]?.id, 'the next page starts after the first', secondPage);
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/organizations', query: { limit: 201 } }), 422, 'VALIDATION', 'limit 201');

      const suspended = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/suspend` });
      expectEqual(suspended.response.body.status, 'suspended', 'suspend', suspended);
      const again = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/suspend` });
      expectStatus(again, 200, 'suspending a suspended child is idempotent by state');
      expectEqual(again.response.body.status, 'suspended', 'it stays suspended', again);
      const resumed = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/resume` });
      expectEqual(resumed.response.body.status, 'active', 'resume', resumed);

      const archived = await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
      expectStatus(archived, 200, 'DELETE archives');
      expectEqual([archived.response.body.status, archived.response.body.reclaimedCredits, archived.response.body.revokedApiKeys], ['archived', 0, 0], 'an unfunded child without keys reclaims 0 and revokes 0', archived);
      const archivedAgain = await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
      expectEqual(archivedAgain.response.body, archived.response.body, 'archiving again returns the terminal state', archivedAgain);

      for (const [method, path, body] of [
        ['POST', `/v1/organizations/${child.id}/suspend`, undefined],
        ['POST', `/v1/organizations/${child.id}/resume`, undefined],
        ['PATCH', `/v1/organizations/${child.id}`, { name: 'Renamed' }],
      ] as const) {
        expectErrorCode(await context.target.call({ method, path, body }), 409, 'CONFLICT', `${method} ${path} on an archived child`);
      }

      const archivedList = await context.target.call({ method: 'GET', path: '/v1/organizations', query: { status: 'archived', limit: 200 } });
      expectTrue(archivedList.response.body.items.some((item: { id: string }) => item.id === child.id), 'the archived child is listed under status archived', archivedList);
    },
  }),

  defineCheck({
    id: 'organizations.patch',
    title: 'PATCH renames, sets and clears billingEmail, and needs at least one field',
    area: 'organizations',
    guarantees: ['ORG-PATCH'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context, { billingEmail: 'a@example.com' });
      const renamed = await context.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: { name: 'Renamed child', billingEmail: null } });
      expectStatus(renamed, 200, 'PATCH name and billingEmail');
      expectEqual([renamed.response.body.name, renamed.response.body.billingEmail], ['Renamed child', null], 'the name changes and billingEmail is cleared', renamed);

      expectErrorCode(await context.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: {} }), 422, 'VALIDATION', 'an empty PATCH');
      expectErrorCode(await context.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: { status: 'archived' } }), 422, 'VALIDATION', 'status is not editable through PATCH');
    },
  }),

  defineCheck({
    id: 'organizations.not-found',
    title: 'Anything that is not a direct child gets 404, and a malformed id 422',
    area: 'organizations',
    guarantees: ['ORG-NOT-FOUND-NO-LEAK'],
    level: 'documented',
    async run(context) {
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const own = whoami.response.body.organizationId as string;

      expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/organizations/org_${randomUUID()}` }), 404, 'NOT_FOUND', 'an unknown organization');
      expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/organizations/${own}` }), 404, 'NOT_FOUND', "the caller's own organization is not its child");
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/organizations/org_not-a-uuid' }), 422, 'VALIDATION', 'a malformed id');

      if (context.control !== null) {
        const other = await context.control.mintKey({ scopes: ['*', 'org:admin'] });
        const stranger = await createChild(context, {}, context.target.withKey(other.key));
        expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/organizations/${stranger.id}` }), 404, 'NOT_FOUND', "another parent's child");
      }
    },
  }),

  defineCheck({
    id: 'organizations.one-level',
    title: 'A child cannot create a child',
    area: 'organizations',
    guarantees: ['ORG-ONE-LEVEL'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const nested = await context.target.call({ method: 'POST', path: '/v1/organizations', body: { name: uniqueChildName('Grandchild') }, organization: child.id });
      expectErrorCode(nested, 422, 'VALIDATION', 'creating an organization while acting for a child');
    },
  }),

  defineCheck({
    id: 'organizations.acting-header',
    title: 'X-Layers-Organization runs any endpoint inside a direct child, with the rules of D10',
    area: 'organizations',
    guarantees: ['ORG-ACTING-HEADER', 'ORG-WHOAMI-PARENT'],
    level: 'inferred',
    async run(context) {
      const parent = (await context.target.call({ method: 'GET', path: '/v1/whoami' })).response.body;
      const child = await createChild(context);

      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami', organization: child.id });
      expectStatus(whoami, 200, 'whoami acting for the child');
      expectEqual(
        [whoami.response.body.organizationId, whoami.response.body.parentOrganizationId, whoami.response.body.apiKeyId],
        [child.id, parent.organizationId, parent.apiKeyId],
        'whoami reports the child, its parent and the parent key',
        whoami,
      );
      expectEqual(parent.parentOrganizationId, null, 'a top-level organization has no parent');

      const project = await createProject(context.target);
      const inside = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name: `In ${Date.now().toString(36)}`, timezone: 'UTC' }, organization: child.id });
      expectStatus(inside, 201, 'creating a project inside the child');
      expectEqual(inside.response.body.organizationId, child.id, 'the project belongs to the child', inside);
      expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/projects/${inside.response.body.id}` }), 404, 'NOT_FOUND', "the child's project is not the parent's");
      expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/projects/${project.response.body.id}`, organization: child.id }), 404, 'NOT_FOUND', "the parent's project is not the child's");

      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/whoami', organization: 'not-an-org' }), 422, 'VALIDATION', 'a malformed header');
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/whoami', organization: `org_${randomUUID()}` }), 404, 'NOT_FOUND', 'an unknown organization in the header');
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/whoami', organization: parent.organizationId }), 404, 'NOT_FOUND', "the caller's own organization in the header");

      await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/suspend` });
      expectStatus(await context.target.call({ method: 'GET', path: '/v1/credits', organization: child.id }), 200, 'the parent still acts in a suspended child');
      await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/resume` });

      const minted = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys`, body: { name: 'Header probe', scopes: ['projects:read'] } });
      expectStatus(minted, 201, 'minting a child key');
      const childKey = context.target.withKey(minted.response.body.secret);
      expectErrorCode(await childKey.call({ method: 'GET', path: '/v1/whoami', organization: child.id }), 403, 'FORBIDDEN_SCOPE', 'a child key sending the header');

      if (context.control !== null) {
        const plain = await context.control.mintKey({ scopes: ['*'], organizationId: parent.organizationId });
        expectErrorCode(await context.target.withKey(plain.key).call({ method: 'GET', path: '/v1/whoami', organization: child.id }), 403, 'FORBIDDEN_SCOPE', 'a parent key without org:admin');
      }

      await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/whoami', organization: child.id }), 404, 'NOT_FOUND', 'an archived child in the header');
    },
  }),

  defineCheck({
    id: 'organizations.migrate',
    title: 'Migrate moves projects into new children, all or nothing',
    area: 'organizations',
    guarantees: ['ORG-MIGRATE'],
    level: 'documented',
    async run(context) {
      const projects = [];
      // Without appDescription a project starts no keyword research, so no job blocks the move.
      for (let index = 0; index < 3; index += 1) {
        projects.push((await createProject(context.target, { appName: undefined, appDescription: undefined })).response.body.id as string);
      }
      const [first, second, third] = projects as [string, string, string];

      const missing = `prj_${randomUUID()}`;
      const rejected = await context.target.call({ method: 'POST', path: '/v1/organizations/migrate', body: { mapping: { [first]: 'Never', [missing]: 'Never' } } });
      expectErrorCode(rejected, 404, 'NOT_FOUND', 'a mapping with an unknown project');
      expectStatus(await context.target.call({ method: 'GET', path: `/v1/projects/${first}` }), 200, 'the rejected migration moved nothing');

      const nameA = uniqueChildName('Migrated A');
      const nameB = uniqueChildName('Migrated B');
      const migrated = await context.target.call({ method: 'POST', path: '/v1/organizations/migrate', body: { mapping: { [first]: nameA, [second.slice(4)]: nameA, [third]: nameB } } });
      expectStatus(migrated, 201, 'POST /v1/organizations/migrate');
      for (const created of migrated.response.body.children as { id: string }[]) {
        context.defer(async () => {
          await context.target.call({ method: 'DELETE', path: `/v1/organizations/${created.id}` });
        });
      }

      expectEqual([migrated.response.body.projectsMoved, migrated.response.body.childrenCreated], [3, 2], 'three projects moved into two children', migrated);
      const childA = (migrated.response.body.children as { id: string; name: string; projectIds: string[] }[]).find((entry) => entry.name === nameA);
      expectEqual([...(childA?.projectIds ?? [])].sort(), [first, second].sort(), 'projects mapped to one name share a child', migrated);

      expectStatus(await context.target.call({ method: 'GET', path: `/v1/projects/${first}` }), 200, 'the parent still reads the moved project during the 30-day grace');
      expectErrorCode(
        await context.target.call({ method: 'PATCH', path: `/v1/projects/${first}`, body: { tagline: 'Not the parent any more' } }),
        404,
        'NOT_FOUND',
        'the parent cannot change the moved project',
      );
      const parentList = await context.target.call({ method: 'GET', path: '/v1/projects', query: { limit: 200 } });
      expectTrue(!parentList.response.body.items.some((item: { id: string }) => item.id === first), "the moved project is no longer in the parent's list", parentList);
      const moved = await context.target.call({ method: 'GET', path: `/v1/projects/${first}`, organization: childA?.id });
      expectStatus(moved, 200, 'the moved project is in its child');
      expectEqual(moved.response.body.organizationId, childA?.id, 'the project names its new organization', moved);
    },
  }),
];
