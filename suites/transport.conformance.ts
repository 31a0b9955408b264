// Transport rules every operation shares (D1–D8): the /v1 base path, JSON in and out, request
// ids the server draws itself, timestamp and id formats, and cursor-paged lists.
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { createProject, uniqueProjectName } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

const isoUtcMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uuidV4 = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ulid = '[0-9A-HJKMNP-TV-Z]{26}';

/** Collects every string that looks like a timestamp, with its JSON path. */
function timestampsIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}T/.test(value) ? [[path, value]] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((entry, index) => timestampsIn(entry, `${path}[${index}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, entry]) => timestampsIn(entry, path === '' ? key : `${path}.${key}`));
  }
  return [];
}

function expectIssuePath(exchange: Exchange, path: string, why: string): void {
  const paths = (exchange.response.body?.error?.details?.issues ?? []).map((issue: { path: string }) => issue.path);
  expectTrue(paths.includes(path), `${why}: details.issues names ${path} (got ${paths.join(', ') || 'none'})`, exchange);
}

/** Orders list items by createdAt descending, and ties by id ascending (D6). */
function newestFirstThenId(left: { id: string; createdAt: string }, right: { id: string; createdAt: string }): number {
  if (left.createdAt !== right.createdAt) {
    return left.createdAt < right.createdAt ? 1 : -1;
  }
  return left.id < right.id ? -1 : 1;
}

async function listAll(target: TargetClient, search: string, limit: number): Promise<{ items: { id: string; createdAt: string }[]; pages: Exchange[] }> {
  const items: { id: string; createdAt: string }[] = [];
  const pages: Exchange[] = [];
  let cursor: string | undefined;

  for (let page = 0; page < 50; page += 1) {
    const exchange = await target.call({ method: 'GET', path: '/v1/projects', query: { search, limit, cursor } });
    expectStatus(exchange, 200, `GET /v1/projects?search=…&limit=${limit}`);
    pages.push(exchange);
    items.push(...(exchange.response.body.items as { id: string; createdAt: string }[]));

    const next = exchange.response.body.nextCursor;
    if (next === null) {
      return { items, pages };
    }
    expectTrue(typeof next === 'string' && next !== '', `nextCursor is a non-empty string or null, got ${JSON.stringify(next)}`, exchange);
    cursor = next;
  }
  fail(`Paging with limit ${limit} did not reach nextCursor null within 50 pages.`, pages[pages.length - 1] ?? null);
}

export const transportChecks: Check[] = [
  defineCheck({
    id: 'transport.base-path',
    title: 'Operations live under /v1 and nowhere else',
    area: 'transport',
    guarantees: ['TRANSPORT-BASE-PATH'],
    level: 'inferred',
    async run(context) {
      const versioned = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      expectStatus(versioned, 200, 'GET /v1/whoami');

      for (const path of ['/whoami', '/v2/whoami', '/api/v1/whoami']) {
        const exchange = await context.target.call({ method: 'GET', path });
        expectErrorCode(exchange, 404, 'ROUTE_NOT_FOUND', `GET ${path} is not an operation`);
        expectEnvelope(exchange, `GET ${path}`);
      }
    },
  }),

  defineCheck({
    id: 'transport.json-responses',
    title: 'Responses with a body are application/json, errors included',
    area: 'transport',
    guarantees: ['TRANSPORT-JSON-RESPONSES'],
    level: 'documented',
    async run(context) {
      const project = await createProject(context.target);
      const exchanges = [
        project,
        await context.target.call({ method: 'GET', path: '/v1/whoami' }),
        await context.target.call({ method: 'GET', path: `/v1/projects/prj_${randomUUID()}` }),
        await context.target.call({ method: 'GET', path: '/v1/projects', query: { limit: 0 } }),
        await context.target.call({ method: 'GET', path: '/v1/whoami', apiKey: null }),
      ];

      for (const exchange of exchanges) {
        const type = exchange.response.headers['content-type'] ?? '';
        expectTrue(/^application\/json(\s*;|$)/i.test(type), `a ${exchange.response.status} response is application/json, got Content-Type ${JSON.stringify(type)}`, exchange);
      }
    },
  }),

  defineCheck({
    id: 'transport.json-requests-only',
    title: 'A body that is not JSON gets 415 or 400 in the envelope and creates nothing',
    area: 'transport',
    guarantees: ['TRANSPORT-JSON-REQUESTS-ONLY', 'ERR-REJECTED-NO-STATE-CHANGE'],
    level: 'inferred',
    async run(context) {
      const name = uniqueProjectName('MediaType');
      const json = JSON.stringify({ name, timezone: 'UTC' });

      const text = await context.target.call({ method: 'POST', path: '/v1/projects', rawBody: json, headers: { 'content-type': 'text/plain' } });
      expectErrorCode(text, 415, 'UNSUPPORTED_MEDIA_TYPE', 'a JSON body labelled text/plain');
      expectEnvelope(text, 'the 415');

      const form = await context.target.call({ method: 'POST', path: '/v1/projects', rawBody: `name=${encodeURIComponent(name)}&timezone=UTC`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectErrorCode(form, 415, 'UNSUPPORTED_MEDIA_TYPE', 'a form-encoded body');

      const broken = await context.target.call({ method: 'POST', path: '/v1/projects', rawBody: json.slice(0, -3) });
      expectErrorCode(broken, 400, 'INVALID_JSON', 'truncated JSON');
      expectEnvelope(broken, 'the 400');

      const list = await context.target.call({ method: 'GET', path: '/v1/projects', query: { search: name } });
      expectEqual(list.response.body.items.length, 0, 'none of the rejected requests created a project', list);
    },
  }),

  defineCheck({
    id: 'transport.request-id-not-trusted',
    title: 'An incoming X-Request-Id is not echoed as the response request id',
    area: 'transport',
    guarantees: ['ERR-REQUEST-ID-NOT-TRUSTED', 'ERR-REQUEST-ID-HEADER'],
    level: 'inferred',
    async run(context) {
      const forged = 'req_01HXZ9G7KMV2QX8Y1S5RJW3B7T';

      const success = await context.target.call({ method: 'GET', path: '/v1/whoami', headers: { 'x-request-id': forged } });
      expectStatus(success, 200, 'GET /v1/whoami with a chosen X-Request-Id');
      const successId = success.response.headers['x-request-id'] ?? '';
      expectTrue(new RegExp(`^req_${ulid}$`).test(successId), `the response has its own req_<ULID>, got ${successId}`, success);
      expectTrue(successId !== forged, 'the response does not take the request id the client sent', success);

      const error = await context.target.call({ method: 'GET', path: `/v1/projects/prj_${randomUUID()}`, headers: { 'x-request-id': forged } });
      expectErrorCode(error, 404, 'NOT_FOUND', 'an unknown project');
      expectEnvelope(error, 'the 404');
      expectTrue(error.response.body.error.requestId !== forged, 'the error body does not repeat the client\'s request id', error);
    },
  }),

  defineCheck({
    id: 'transport.timestamps',
    title: 'Timestamps are ISO-8601 UTC with milliseconds and Z',
    area: 'transport',
    guarantees: ['TIME-ISO-UTC-MILLIS'],
    level: 'inferred',
    async run(context) {
      const project = await createProject(context.target);
      const upload = await context.target.call({
        method: 'POST',
        path: `/v1/projects/${project.response.body.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/timestamps.jpg' }], caption: 'timestamps' },
      });
      expectStatus(upload, 201, 'an upload to read timestamps from');
      const exchanges = [project, upload, await context.target.call({ method: 'GET', path: '/v1/projects', query: { limit: 5 } }), await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { limit: 5 } })];

      let seen = 0;
      for (const exchange of exchanges) {
        for (const [path, value] of timestampsIn(exchange.response.body)) {
          seen += 1;
          expectTrue(isoUtcMillis.test(value), `${new URL(exchange.request.url).pathname} ${path} is ISO-8601 UTC with milliseconds and Z, got ${value}`, exchange);
        }
      }
      expectTrue(seen >= 3, `the responses carry timestamps to check (found ${seen})`);
    },
  }),

  defineCheck({
    id: 'transport.timestamp-filters',
    title: 'since and until accept the Z form only',
    area: 'transport',
    guarantees: ['TIME-FILTER-Z-ONLY'],
    level: 'documented',
    async run(context) {
      const accepted = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { since: '2026-01-01T00:00:00Z', until: '2030-01-01T00:00:00.000Z' } });
      expectStatus(accepted, 200, 'since and until in the Z form');

      for (const [name, value] of [
        ['since', '2026-01-01T00:00:00+00:00'],
        ['until', '2026-01-01T02:00:00+02:00'],
        ['since', '2026-01-01'],
      ] as const) {
        const rejected = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { [name]: value } });
        expectErrorCode(rejected, 422, 'VALIDATION', `${name}=${value}`);
        expectIssuePath(rejected, name, `${name}=${value}`);
      }
    },
  }),

  defineCheck({
    id: 'transport.id-formats',
    title: 'Ids carry their documented prefix and shape',
    area: 'transport',
    guarantees: ['ID-PREFIXED-FORMATS'],
    level: 'documented',
    async run(context) {
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const project = await createProject(context.target);
      const upload = await context.target.call({
        method: 'POST',
        path: `/v1/projects/${project.response.body.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/ids.jpg' }], caption: 'ids' },
      });
      expectStatus(upload, 201, 'an upload');

      const expectations: [string, unknown, RegExp, Exchange][] = [
        ['whoami organizationId', whoami.response.body.organizationId, new RegExp(`^org_${uuidV4}$`), whoami],
        ['whoami apiKeyId', whoami.response.body.apiKeyId, new RegExp(`^key_${uuidV4}$`), whoami],
        ['project id', project.response.body.id, new RegExp(`^prj_${uuidV4}$`), project],
        ['uploaded container id', upload.response.body.id, new RegExp(`^cnt_${uuidV4}$`), upload],
        ['X-Request-Id', upload.response.headers['x-request-id'], new RegExp(`^req_${ulid}$`), upload],
      ];
      for (const [label, value, pattern, exchange] of expectations) {
        expectTrue(typeof value === 'string' && pattern.test(value), `${label} matches ${pattern.source}, got ${JSON.stringify(value)}`, exchange);
      }
    },
  }),

  defineCheck({
    id: 'transport.bare-uuid-ids',
    title: 'Path parameters accept the bare UUID and reject malformed ids with 422',
    area: 'transport',
    guarantees: ['ID-BARE-UUID-ACCEPTED', 'ID-MALFORMED-REJECTED'],
    level: 'documented',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const upload = await context.target.call({
        method: 'POST',
        path: `/v1/projects/${project.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/bare.jpg' }], caption: 'bare ids' },
      });
      expectStatus(upload, 201, 'an upload');

      const bareProject = await context.target.call({ method: 'GET', path: `/v1/projects/${String(project.id).replace(/^prj_/, '')}` });
      expectStatus(bareProject, 200, 'GET /v1/projects/{bare UUID}');
      expectEqual(bareProject.response.body.id, project.id, 'the bare UUID names the same project, returned with its prefix', bareProject);

      const bareContainer = await context.target.call({ method: 'GET', path: `/v1/content/${String(upload.response.body.id).replace(/^cnt_/, '')}` });
      expectStatus(bareContainer, 200, 'GET /v1/content/{bare UUID}');
      expectEqual(bareContainer.response.body.id, upload.response.body.id, 'the bare UUID names the same container', bareContainer);

      for (const path of ['/v1/projects/not-an-id', `/v1/projects/cnt_${randomUUID()}`, '/v1/content/12345', '/v1/jobs/job_not-a-ulid']) {
        const exchange = await context.target.call({ method: 'GET', path });
        expectErrorCode(exchange, 422, 'VALIDATION', `GET ${path} has a malformed id`);
      }
    },
  }),

  defineCheck({
    id: 'transport.list-paging',
    title: 'Paging with any limit returns every item once, newest first',
    area: 'transport',
    guarantees: ['LIST-ENVELOPE', 'LIST-KEYSET-NO-SKIP'],
    level: 'inferred',
    async run(context) {
      const prefix = `Pg${randomUUID().slice(0, 8)}`;
      const created: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        created.push((await createProject(context.target, { name: `${prefix} ${index}` })).response.body.id);
      }

      await assertProperty(context, [fc.integer({ min: 1, max: 6 })], async (limit) => {
        const { items, pages } = await listAll(context.target, prefix, limit);
        const last = pages[pages.length - 1] as Exchange;

        expectEqual(Object.keys(last.response.body).sort(), ['items', 'nextCursor'], 'a page is exactly {items, nextCursor}', last);
        for (const page of pages) {
          expectTrue(page.response.body.items.length <= limit, `a page holds at most limit ${limit} items`, page);
        }

        const ids = items.map((item) => item.id);
        expectEqual(new Set(ids).size, ids.length, `no item repeats across pages of ${limit}`, last);
        expectEqual([...ids].sort(), [...created].sort(), `pages of ${limit} return every project exactly once`, last);

        const ordered = [...items].sort(newestFirstThenId);
        expectEqual(ids, ordered.map((item) => item.id), 'items come newest first, ties by id', last);
      });
    },
  }),

  defineCheck({
    id: 'transport.list-bounds',
    title: 'Out-of-range limits and malformed cursors get 422 naming the parameter',
    area: 'transport',
    guarantees: ['LIST-LIMIT-AND-CURSOR'],
    level: 'documented',
    async run(context) {
      const cases: [Record<string, string | number>, string][] = [
        [{ limit: 0 }, 'limit'],
        [{ limit: 201 }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ cursor: '!!not-a-cursor!!' }, 'cursor'],
      ];
      for (const [query, parameter] of cases) {
        const exchange = await context.target.call({ method: 'GET', path: '/v1/projects', query });
        expectErrorCode(exchange, 422, 'VALIDATION', `GET /v1/projects?${new URLSearchParams(query as Record<string, string>).toString()}`);
        expectIssuePath(exchange, parameter, `the ${parameter} issue`);
      }

      const edge = await context.target.call({ method: 'GET', path: '/v1/projects', query: { limit: 200 } });
      expectStatus(edge, 200, 'limit 200 is the top of the range');
    },
  }),

  defineCheck({
    id: 'transport.query-arrays',
    title: 'Repeated query keys are arrays and numbers are coerced',
    area: 'transport',
    guarantees: ['QUERY-ARRAYS-AND-COERCION'],
    level: 'inferred',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const upload = await context.target.call({
        method: 'POST',
        path: `/v1/projects/${project.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/query.jpg' }], caption: 'query arrays' },
      });
      expectStatus(upload, 201, 'an uploaded, completed item');
      const containerId = upload.response.body.id;

      const both = await context.target.call({ method: 'GET', path: `/v1/projects/${project.id}/content`, query: { status: ['failed', 'completed'], limit: '10' } });
      expectStatus(both, 200, 'status=failed&status=completed&limit=10');
      expectTrue(both.response.body.items.some((item: { id: string }) => item.id === containerId), 'the completed item matches one of the repeated statuses', both);

      const other = await context.target.call({ method: 'GET', path: `/v1/projects/${project.id}/content`, query: { status: ['failed', 'canceled'] } });
      expectStatus(other, 200, 'status=failed&status=canceled');
      expectTrue(!other.response.body.items.some((item: { id: string }) => item.id === containerId), 'the completed item matches neither failed nor canceled', other);
    },
  }),

  defineCheck({
    id: 'transport.bearer-only',
    title: 'A key in X-Api-Key alone does not authenticate',
    area: 'transport',
    guarantees: ['AUTH-BEARER-ONLY', 'AUTH-BEARER-REQUIRED'],
    level: 'inferred',
    async run(context) {
      const exchange = await context.target.call({ method: 'GET', path: '/v1/whoami', apiKey: null, headers: { 'x-api-key': context.target.apiKey } });
      expectErrorCode(exchange, 401, 'UNAUTHENTICATED', 'the run key in X-Api-Key, without Authorization');
      expectEnvelope(exchange, 'the 401');
    },
  }),

  defineCheck({
    id: 'transport.status-codes',
    title: 'Creates answer 201, async starts 202, patches and archives 200',
    area: 'transport',
    guarantees: ['STATUS-CODES-BY-KIND'],
    level: 'inferred',
    async run(context) {
      const project = await createProject(context.target, { appName: 'Status App' });
      expectStatus(project, 201, 'POST /v1/projects is a synchronous create');
      const projectId = project.response.body.id as string;

      const upload = await context.target.call({ method: 'POST', path: `/v1/projects/${projectId}/content/upload`, body: { media: [{ url: 'https://cdn.layers-kit.invalid/status.jpg' }], caption: 'status codes' } });
      expectStatus(upload, 201, 'an upload is a synchronous create');
      expectTrue(typeof upload.response.body.id === 'string', 'the 201 carries the created resource', upload);

      const started = await context.target.call({ method: 'POST', path: `/v1/projects/${projectId}/content/slideshow-builder`, body: { hook: 'Status codes' } });
      expectStatus(started, 202, 'a generation is an async start');
      expectTrue(typeof started.response.body.jobId === 'string' && started.response.body.locationUrl === `/v1/jobs/${started.response.body.jobId}`, 'the 202 carries the job envelope', started);
      await context.target.send({ method: 'POST', path: `/v1/jobs/${started.response.body.jobId}/cancel` });

      const patched = await context.target.call({ method: 'PATCH', path: `/v1/projects/${projectId}`, body: { tagline: 'Patched by the kit' } });
      expectStatus(patched, 200, 'a PATCH');
      expectEqual(patched.response.body.tagline, 'Patched by the kit', 'the 200 carries the resource in its new state', patched);

      const archived = await context.target.call({ method: 'DELETE', path: `/v1/projects/${projectId}` });
      expectStatus(archived, 200, 'a DELETE that archives');
      expectEqual(archived.response.body.status, 'archived', 'the 200 carries the final state', archived);
    },
  }),
];
