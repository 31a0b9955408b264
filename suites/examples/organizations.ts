// Examples for organizations, child and parent keys, child wallets and credit config.
import { randomUUID } from 'node:crypto';

import { expectStatus } from '../lib/assert.ts';
import { uniqueProjectName } from '../lib/flows.ts';
import { uniqueChildName } from '../lib/orgs.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

async function createChild(context: ExampleContext): Promise<any> {
  const exchange = await context.target.call({ method: 'POST', path: '/v1/organizations', body: { name: uniqueChildName('Example child') } });
  expectStatus(exchange, 201, 'creating an example child organization');
  const child = exchange.response.body;
  context.defer(async () => {
    await context.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
  });
  return child;
}

async function mintChildKey(context: ExampleContext): Promise<any> {
  const child = await context.resource('childOrganization');
  const exchange = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/api-keys`, body: { name: 'Example key', scopes: ['projects:read'] } });
  expectStatus(exchange, 201, 'minting an example child key');
  return exchange.response.body.apiKey;
}

/** Mints a second key of the run's organization for the parent-key examples; null without the control surface. */
async function mintParentKey(context: ExampleContext): Promise<any> {
  if (context.control === null) {
    return null;
  }
  const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
  return context.control.mintKey({ scopes: ['projects:read'], organizationId: whoami.response.body.organizationId });
}

async function parentKeyExample(context: ExampleContext, action: 'kill' | 'rotate' | 'delete'): Promise<any> {
  const key = await context.fresh('parentKey');
  // Without the control surface there is no spare key to retire, so the example names an unknown
  // key and expects 404: the route is still shown to be served.
  const keyId = key === null ? `key_${randomUUID()}` : key.apiKeyId;
  const expect = key === null ? [404] : [200];
  if (action === 'delete') {
    return { method: 'DELETE', path: `/v1/api-keys/${keyId}`, expect };
  }
  return { method: 'POST', path: `/v1/api-keys/${keyId}/${action}`, expect };
}

async function projectInParent(context: ExampleContext): Promise<string> {
  const exchange = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Migrate'), timezone: 'UTC' } });
  expectStatus(exchange, 201, 'creating a project to migrate');
  return exchange.response.body.id;
}

// NOTE: the children that the createOrganization and migrateOrganizations examples create are not
// archived after the walk, because an example only describes its request.
export const organizationExamples: ExampleArea = {
  resources: {
    childOrganization: createChild,
    childApiKey: mintChildKey,
    parentKey: mintParentKey,
  },

  examples: {
    createOrganization: () => ({ method: 'POST', path: '/v1/organizations', body: { name: uniqueChildName('Walk'), metadata: { source: 'walk' } } }),
    listOrganizations: () => ({ method: 'GET', path: '/v1/organizations', query: { status: ['active', 'suspended'], limit: 5 } }),
    getOrganization: async (context) => ({ method: 'GET', path: `/v1/organizations/${(await context.resource('childOrganization')).id}` }),
    patchOrganization: async (context) => ({ method: 'PATCH', path: `/v1/organizations/${(await context.resource('childOrganization')).id}`, body: { metadata: { plan: 'pro' } } }),
    suspendOrganization: async (context) => ({ method: 'POST', path: `/v1/organizations/${(await context.fresh('childOrganization')).id}/suspend` }),
    resumeOrganization: async (context) => ({ method: 'POST', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/resume` }),
    archiveOrganization: async (context) => ({ method: 'DELETE', path: `/v1/organizations/${(await context.fresh('childOrganization')).id}` }),
    migrateOrganizations: async (context) => ({ method: 'POST', path: '/v1/organizations/migrate', body: { mapping: { [await projectInParent(context)]: uniqueChildName('Migrated') } } }),

    mintChildApiKey: async (context) => ({ method: 'POST', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/api-keys`, body: { name: 'Walk key', scopes: ['projects:read'], env: 'test' } }),
    listChildApiKeys: async (context) => ({ method: 'GET', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/api-keys`, query: { limit: 10 } }),
    rotateChildApiKey: async (context) => {
      const key = await context.fresh('childApiKey');
      return { method: 'POST', path: `/v1/organizations/${key.organizationId}/api-keys/${key.id}/rotate` };
    },
    deleteChildApiKey: async (context) => {
      const key = await context.fresh('childApiKey');
      return { method: 'DELETE', path: `/v1/organizations/${key.organizationId}/api-keys/${key.id}` };
    },

    killApiKey: (context) => parentKeyExample(context, 'kill'),
    rotateApiKey: (context) => parentKeyExample(context, 'rotate'),
    deleteApiKey: (context) => parentKeyExample(context, 'delete'),

    getOrganizationCredits: async (context) => ({ method: 'GET', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/credits` }),
    listOrganizationCreditEvents: async (context) => ({ method: 'GET', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/credits/events`, query: { eventType: 'allocation' } }),
    allocateCredits: async (context) => ({ method: 'POST', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/credits/allocate`, body: { credits: 1, description: 'Walk' }, expect: [201, 402] }),
    getCreditConfig: async (context) => ({ method: 'GET', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/credit-config` }),
    patchCreditConfig: async (context) => ({ method: 'PATCH', path: `/v1/organizations/${(await context.resource('childOrganization')).id}/credit-config`, body: { monthlyCreditCap: 1000 } }),
  },
};
