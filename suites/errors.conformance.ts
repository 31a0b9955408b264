// The error envelope (D2, D3): every 4xx names its code, states how to fix it, and repeats the
// X-Request-Id header; validation issues name the field; a rejected request changes nothing.
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, uniqueProjectName } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { SendOptions } from './lib/target.ts';

interface BadRequest {
  label: string;
  request: SendOptions;
  status: number;
  code: string;
}

const badRequests = (): BadRequest[] => [
  { label: 'no API key', request: { method: 'GET', path: '/v1/whoami', apiKey: null }, status: 401, code: 'UNAUTHENTICATED' },
  { label: 'an unknown route', request: { method: 'GET', path: '/v1/no-such-route' }, status: 404, code: 'ROUTE_NOT_FOUND' },
  { label: 'a method the path lacks', request: { method: 'PUT', path: '/v1/projects', body: {} }, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { label: 'malformed JSON', request: { method: 'POST', path: '/v1/projects', rawBody: '{"name": "Broken' }, status: 400, code: 'INVALID_JSON' },
  { label: 'an unknown body field', request: { method: 'POST', path: '/v1/projects', body: { name: 'Valid name', timezone: 'UTC', colour: 'blue' } }, status: 422, code: 'VALIDATION' },
  { label: 'a body id on a create', request: { method: 'POST', path: '/v1/projects', body: { id: `prj_${randomUUID()}`, name: 'Valid name', timezone: 'UTC' } }, status: 422, code: 'VALIDATION' },
  { label: 'an unknown project id', request: { method: 'GET', path: `/v1/projects/prj_${randomUUID()}` }, status: 404, code: 'NOT_FOUND' },
  { label: 'a malformed project id', request: { method: 'GET', path: '/v1/projects/not-an-id' }, status: 422, code: 'VALIDATION' },
  { label: 'an out-of-range limit', request: { method: 'GET', path: '/v1/projects', query: { limit: 0 } }, status: 422, code: 'VALIDATION' },
  { label: 'an offset timestamp filter', request: { method: 'GET', path: '/v1/credits/events', query: { since: '2026-06-01T00:00:00+02:00' } }, status: 422, code: 'VALIDATION' },
  { label: 'a malformed cursor', request: { method: 'GET', path: '/v1/projects', query: { cursor: '!!not-a-cursor!!' } }, status: 422, code: 'VALIDATION' },
];

/** Field names that no request body of the API defines. */
const unknownFieldName = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,20}$/).filter((name) => !['name', 'timezone', 'customerExternalId', 'ownerEmail', 'primaryLanguage', 'appName', 'appDescription', 'tagline', 'brandVoice', 'targetGender', 'metadata', 'id'].includes(name));

export const errorChecks: Check[] = [
  defineCheck({
    id: 'errors.envelope',
    title: 'Every client error is an envelope whose requestId is the X-Request-Id header',
    area: 'errors',
    guarantees: ['ERR-ENVELOPE', 'ERR-REQUEST-ID-HEADER', 'ERR-ROUTE-NOT-FOUND', 'ERR-METHOD-NOT-ALLOWED', 'ERR-NOT-FOUND-NO-LEAK'],
    level: 'documented',
    async run(context) {
      for (const bad of badRequests()) {
        const exchange = await context.target.call(bad.request);
        expectErrorCode(exchange, bad.status, bad.code, bad.label);
        expectEnvelope(exchange, bad.label);
        if (bad.status === 405) {
          expectTrue((exchange.response.headers.allow ?? '').includes('GET'), `405 lists the allowed methods in Allow: ${String(exchange.response.headers.allow)}`, exchange);
        }
      }
    },
  }),

  defineCheck({
    id: 'errors.request-id-on-success',
    title: 'Every response, success included, carries X-Request-Id req_<ULID>',
    area: 'errors',
    guarantees: ['ERR-REQUEST-ID-HEADER'],
    level: 'documented',
    async run(context) {
      const ids = new Set<string>();
      for (const path of ['/v1/whoami', '/v1/credits', '/v1/projects']) {
        const exchange = await context.target.call({ method: 'GET', path });
        expectStatus(exchange, 200, `GET ${path}`);
        const id = exchange.response.headers['x-request-id'] ?? '';
        expectTrue(/^req_[0-9A-HJKMNP-TV-Z]{26}$/.test(id), `X-Request-Id is req_<ULID>, got ${id}`, exchange);
        ids.add(id);
      }
      expectEqual(ids.size, 3, 'each request gets its own request id');
    },
  }),

  defineCheck({
    id: 'errors.unknown-fields',
    title: 'An unknown body field gets 422 VALIDATION naming the field, and nothing is created',
    area: 'errors',
    guarantees: ['ERR-VALIDATION-ISSUES', 'ERR-REJECTED-NO-STATE-CHANGE'],
    level: 'inferred',
    async run(context) {
      await assertProperty(context, [unknownFieldName, fc.jsonValue()], async (field, value) => {
        const name = uniqueProjectName('Unknown');
        const exchange = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name, timezone: 'UTC', [field]: value } });
        expectErrorCode(exchange, 422, 'VALIDATION', `unknown field ${field}`);
        const paths = (exchange.response.body.error.details?.issues ?? []).map((issue: { path: string }) => issue.path);
        expectTrue(paths.includes(field), `details.issues names ${field} (got ${paths.join(', ')})`, exchange);

        const list = await context.target.call({ method: 'GET', path: '/v1/projects', query: { search: name } });
        expectEqual(list.response.body.items.length, 0, 'the rejected request created no project', list);
      });
    },
  }),

  defineCheck({
    id: 'errors.body-id-rejected',
    title: 'A body id on a create is rejected in favour of Idempotency-Key',
    area: 'errors',
    guarantees: ['ERR-BODY-ID-REJECTED'],
    level: 'documented',
    async run(context) {
      const project = await createProject(context.target);
      const projectId = project.response.body.id as string;

      // The changelog names project, sdk-app, influencer and content creates; the first and the
      // last are in this kit's spec.
      const creates: [string, Record<string, unknown>][] = [
        ['/v1/projects', { id: `prj_${randomUUID()}`, name: uniqueProjectName('BodyId'), timezone: 'UTC' }],
        [`/v1/projects/${projectId}/content`, { id: `cnt_${randomUUID()}`, format: 'slideshow-builder', hook: 'A body id' }],
        [`/v1/projects/${projectId}/content/slideshow-builder`, { id: `cnt_${randomUUID()}`, hook: 'A body id' }],
      ];
      for (const [path, body] of creates) {
        const exchange = await context.target.call({ method: 'POST', path, body });
        expectErrorCode(exchange, 422, 'VALIDATION', `a body id on POST ${path.replace(projectId, '{projectId}')}`);
        const issue = (exchange.response.body.error.details?.issues ?? []).find((entry: { path: string }) => entry.path === 'id');
        expectTrue(issue !== undefined, 'the issue names the field id', exchange);
        expectTrue(/Idempotency-Key/.test(String(issue?.message)), `the message points to Idempotency-Key: ${String(issue?.message)}`, exchange);
      }
    },
  }),
];
