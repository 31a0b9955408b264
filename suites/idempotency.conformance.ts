// Idempotency-Key: replay, mismatch, in-flight, scoping and what is stored (D14–D18), restated for
// projects, the first create that every target has.
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { createProject, sampleDescription, uniqueProjectName } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

const timeZones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

/** Project create bodies with optional fields, so replays are compared on varied shapes. */
const projectBody = fc.record(
  {
    timezone: fc.constantFrom(...timeZones),
    appName: fc.string({ minLength: 3, maxLength: 30 }).filter((value) => value.trim().length >= 3),
    primaryLanguage: fc.constantFrom('en', 'de', 'pt-BR', 'ja'),
    tagline: fc.string({ maxLength: 80 }),
    brandVoice: fc.constantFrom('authentic', 'witty', 'professional', 'warm', 'casual', 'educational'),
  },
  { requiredKeys: ['timezone'] },
);

/** Reverses the key order of an object, to show that replays compare parsed JSON. */
function reorder(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).reverse());
}

async function countProjectsNamed(target: TargetClient, name: string): Promise<number> {
  const list = await target.call({ method: 'GET', path: '/v1/projects', query: { search: name, limit: 200 } });
  expectStatus(list, 200, 'GET /v1/projects?search=');
  return (list.response.body.items as { name: string }[]).filter((item) => item.name === name).length;
}

export const idempotencyChecks: Check[] = [
  defineCheck({
    id: 'idempotency.replay',
    title: 'Same key and body replays the first response and creates nothing new',
    area: 'idempotency',
    guarantees: ['IDEMP-REPLAY-SAME-BODY', 'IDEMP-NO-DOUBLE-EFFECT'],
    level: 'documented',
    async run(context) {
      await assertProperty(context, [projectBody], async (generated) => {
        const key = randomUUID();
        const body = { name: uniqueProjectName('Replay'), ...generated };

        const first = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
        expectStatus(first, 201, 'the first request creates the project');

        const second = await context.target.call({ method: 'POST', path: '/v1/projects', body: reorder(body), idempotencyKey: key });
        expectEqual(second.response.status, first.response.status, 'a replay keeps the status code (F01)', second);
        expectEqual(canonicalJson(second.response.body), canonicalJson(first.response.body), 'a replay returns the same body, the same id included', second);
        expectEqual(await countProjectsNamed(context.target, body.name), 1, 'a replay creates no second project');
      });
    },
  }),

  defineCheck({
    id: 'idempotency.replay-marker',
    title: 'A replay carries Idempotent-Replayed and the original request id',
    area: 'idempotency',
    guarantees: ['IDEMP-REPLAY-HEADER'],
    level: 'inferred',
    async run(context) {
      const key = randomUUID();
      const body = { name: uniqueProjectName('Marker'), timezone: 'UTC' };

      const first = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(first, 201, 'the first request creates the project');
      expectTrue(first.response.headers['idempotent-replayed'] === undefined, 'the first response is not marked as a replay', first);

      const second = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectEqual(second.response.headers['idempotent-replayed'], 'true', 'the replay has Idempotent-Replayed: true', second);
      expectEqual(second.response.headers['x-request-id'], first.response.headers['x-request-id'], 'the replay keeps the original X-Request-Id', second);
    },
  }),

  defineCheck({
    id: 'idempotency.error-replay',
    title: 'A stored error replays with the request id its body names',
    area: 'idempotency',
    guarantees: ['IDEMP-REPLAY-HEADER', 'IDEMP-BUSINESS-ERRORS-STORED', 'ERR-REQUEST-ID-HEADER'],
    level: 'inferred',
    async run(context) {
      const key = randomUUID();
      const path = `/v1/content/cnt_${randomUUID()}`;
      const body = { caption: 'for a container that does not exist' };

      const first = await context.target.call({ method: 'PATCH', path, body, idempotencyKey: key });
      expectErrorCode(first, 404, 'NOT_FOUND', 'PATCH on an unknown container');
      expectEnvelope(first, 'the 404 is an envelope');

      const second = await context.target.call({ method: 'PATCH', path, body, idempotencyKey: key });
      expectStatus(second, 404, 'the retry gets the same status');
      expectEnvelope(second, 'the replayed error body names the X-Request-Id it is sent with');
      expectEqual(second.response.headers['x-request-id'], first.response.headers['x-request-id'], 'the replay keeps the original request id', second);
    },
  }),

  defineCheck({
    id: 'idempotency.mismatch',
    title: 'Same key with another body gets 409 IDEMPOTENCY_CONFLICT and changes nothing',
    area: 'idempotency',
    guarantees: ['IDEMP-BODY-MISMATCH'],
    level: 'documented',
    async run(context) {
      await assertProperty(context, [projectBody, projectBody], async (firstFields, secondFields) => {
        const key = randomUUID();
        const firstBody = { name: uniqueProjectName('Mismatch'), ...firstFields };
        const secondBody = { ...firstBody, ...secondFields, name: `${firstBody.name.slice(0, 28)}-2` };

        const first = await context.target.call({ method: 'POST', path: '/v1/projects', body: firstBody, idempotencyKey: key });
        expectStatus(first, 201, 'the first request creates the project');

        const second = await context.target.call({ method: 'POST', path: '/v1/projects', body: secondBody, idempotencyKey: key });
        expectErrorCode(second, 409, 'IDEMPOTENCY_CONFLICT', 'the same key with a different body');
        expectEnvelope(second, 'the conflict is an error envelope');
        expectEqual(await countProjectsNamed(context.target, secondBody.name), 0, 'the conflicting request created nothing');
      });
    },
  }),

  defineCheck({
    id: 'idempotency.in-flight',
    title: 'Two concurrent requests with one key execute once (F03, for projects)',
    area: 'idempotency',
    guarantees: ['IDEMP-IN-FLIGHT', 'IDEMP-NO-DOUBLE-EFFECT'],
    level: 'inferred',
    async run(context) {
      const key = randomUUID();
      const body = { name: uniqueProjectName('InFlight'), timezone: 'UTC' };

      // On the mock, X-Mock-Fault delays the first request in its handler by 400 ms, so the second
      // arrives while it runs. The header changes no shared fault registry, and another target
      // ignores it, so there the two requests race as they come.
      const [left, right] = await Promise.all([
        context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key, headers: { 'x-mock-fault': 'latency=400' } }),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key })),
      ]);

      const statuses = [left.response.status, right.response.status].sort();
      const created = [left, right].filter((exchange) => exchange.response.status === 201);
      expectTrue(created.length >= 1, `one of the two requests creates the project (statuses ${statuses.join(', ')})`, right);

      for (const exchange of [left, right]) {
        if (exchange.response.status === 409) {
          expectErrorCode(exchange, 409, 'IDEMPOTENCY_CONFLICT', 'the concurrent duplicate is refused');
          expectEqual(exchange.response.body.error.details?.reason, 'in_flight', 'the refusal says the first request is in flight', exchange);
          const retryAfter = Number(exchange.response.headers['retry-after']);
          expectTrue(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After is whole seconds 1..60, got ${String(exchange.response.headers['retry-after'])}`, exchange);
        } else if (exchange.response.status !== 201) {
          fail(`a concurrent duplicate gets the replay or 409 in_flight, not ${exchange.response.status}`, exchange);
        }
      }
      if (created.length === 2) {
        expectEqual(created[0]?.response.body.id, created[1]?.response.body.id, 'two 201s are the same project (one is the replay)', right);
      }
      if (context.control !== null) {
        expectEqual(statuses, [201, 409], 'on the mock, the request that arrives while the first is held gets 409 in_flight');
      }
      expectEqual(await countProjectsNamed(context.target, body.name), 1, 'exactly one project exists');

      const retry = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(retry, 201, 'after the first finishes, a retry gets the stored response');
      expectEqual(retry.response.body.id, created[0]?.response.body.id, 'the retry returns the same project', retry);
    },
  }),

  defineCheck({
    id: 'idempotency.scope-per-key',
    title: 'One idempotency key used by two organizations gives each its own result (F02a)',
    area: 'idempotency',
    guarantees: ['IDEMP-SCOPED-PER-KEY'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const other = await context.control!.mintKey({ scopes: ['*'] });
      const otherTarget = context.target.withKey(other.key);
      const key = randomUUID();
      const body = { name: uniqueProjectName('Shared'), timezone: 'UTC' };

      const mine = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(mine, 201, 'P creates a project with the key');

      const theirs = await otherTarget.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(theirs, 201, 'Q with the same key creates its own project');
      expectTrue(theirs.response.body.id !== mine.response.body.id, 'Q never receives P\'s project', theirs);
      expectEqual(theirs.response.body.organizationId, other.organizationId, 'Q\'s project belongs to Q', theirs);
      expectTrue(theirs.response.headers['idempotent-replayed'] === undefined, 'Q\'s response is not a replay', theirs);
    },
  }),

  defineCheck({
    id: 'idempotency.scope-per-endpoint',
    title: 'One idempotency key on two endpoints runs fresh on each (F02b)',
    area: 'idempotency',
    guarantees: ['IDEMP-SCOPED-PER-ENDPOINT'],
    level: 'inferred',
    async run(context) {
      const key = randomUUID();
      const project = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Endpoint'), timezone: 'UTC', appName: 'Kit App', appDescription: sampleDescription }, idempotencyKey: key });
      expectStatus(project, 201, 'the key creates a project');

      const upload = await context.target.call({
        method: 'POST',
        path: `/v1/projects/${project.response.body.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/a.jpg' }], caption: 'same key, other endpoint' },
        idempotencyKey: key,
      });
      expectStatus(upload, 201, 'the same key on another endpoint runs as a fresh request');
      expectTrue(upload.response.headers['idempotent-replayed'] === undefined, 'it is not a replay', upload);
      expectEqual(upload.response.body.creativeType, 'uploaded', 'it returns the upload, not the project', upload);
    },
  }),

  defineCheck({
    id: 'idempotency.validation-not-stored',
    title: 'A request rejected by validation is not stored, so the corrected retry runs',
    area: 'idempotency',
    guarantees: ['IDEMP-VALIDATION-NOT-STORED'],
    level: 'inferred',
    async run(context) {
      const key = randomUUID();
      const name = uniqueProjectName('Corrected');

      const invalid = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name, timezone: 'UTC', unknownField: true }, idempotencyKey: key });
      expectErrorCode(invalid, 422, 'VALIDATION', 'an unknown field fails validation');

      const corrected = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name, timezone: 'UTC' }, idempotencyKey: key });
      expectStatus(corrected, 201, 'the corrected request with the same key runs fresh');
    },
  }),

  defineCheck({
    id: 'idempotency.key-format',
    title: 'An Idempotency-Key longer than 255 characters gets 422 naming the header',
    area: 'idempotency',
    guarantees: ['IDEMP-KEY-FORMAT'],
    level: 'inferred',
    async run(context) {
      const response = await context.target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Long'), timezone: 'UTC' }, idempotencyKey: 'k'.repeat(256) });
      expectErrorCode(response, 422, 'VALIDATION', 'a 256-character key');
      const paths = (response.response.body.error.details?.issues ?? []).map((issue: { path: string }) => issue.path);
      expectTrue(paths.includes('Idempotency-Key'), `the issue names Idempotency-Key (paths: ${paths.join(', ')})`, response);
    },
  }),

  defineCheck({
    id: 'idempotency.window',
    title: 'A replay is served for 24 hours, and the same key runs fresh after',
    area: 'idempotency',
    guarantees: ['IDEMP-WINDOW-24H'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const key = randomUUID();
      const body = { name: uniqueProjectName('Window'), timezone: 'UTC' };
      const dayMs = 24 * 60 * 60 * 1000;

      const first = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(first, 201, 'the first request creates the project');

      await context.control!.advanceClock(dayMs - 60_000);
      const within = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectEqual(within.response.body.id, first.response.body.id, 'a minute before 24 hours the same key replays the project', within);
      expectEqual(within.response.headers['idempotent-replayed'], 'true', 'it is marked as a replay', within);

      await context.control!.advanceClock(120_000);
      const after = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: key });
      expectStatus(after, 201, 'a minute after 24 hours the same key runs as a fresh request');
      expectTrue(after.response.body.id !== first.response.body.id, 'the fresh request creates a new project', after);
      expectTrue(after.response.headers['idempotent-replayed'] === undefined, 'it is not a replay', after);
      expectEqual(await countProjectsNamed(context.target, body.name), 2, 'two projects of that name exist');
    },
  }),

  defineCheck({
    id: 'idempotency.optional-key',
    title: 'Without an Idempotency-Key two identical creates make two resources',
    area: 'idempotency',
    guarantees: ['IDEMP-KEY-OPTIONAL'],
    level: 'documented',
    async run(context) {
      const body = { name: uniqueProjectName('NoKey'), timezone: 'UTC' };

      const first = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: null });
      const second = await context.target.call({ method: 'POST', path: '/v1/projects', body, idempotencyKey: null });
      expectStatus(first, 201, 'the first keyless create');
      expectStatus(second, 201, 'the second keyless create');
      expectTrue(first.response.body.id !== second.response.body.id, 'each keyless create makes its own project', second);
      expectEqual(await countProjectsNamed(context.target, body.name), 2, 'two projects of that name exist');
    },
  }),

  defineCheck({
    id: 'idempotency.json-comparison',
    title: 'Key order and whitespace do not make a replay a conflict',
    area: 'idempotency',
    guarantees: ['IDEMP-JSON-COMPARISON'],
    level: 'inferred',
    async run(context) {
      await assertProperty(context, [projectBody], async (fields) => {
        const key = randomUUID();
        const body = { name: uniqueProjectName('Json'), ...fields };

        const first = await context.target.call({ method: 'POST', path: '/v1/projects', rawBody: JSON.stringify(body), idempotencyKey: key });
        expectStatus(first, 201, 'the first request creates the project');

        const spaced = JSON.stringify(reorder(body), null, 2);
        const second = await context.target.call({ method: 'POST', path: '/v1/projects', rawBody: `\n ${spaced} \n`, idempotencyKey: key });
        expectStatus(second, 201, 'the same JSON with other key order and whitespace replays');
        expectEqual(second.response.body.id, first.response.body.id, 'the replay returns the same project', second);
      });
    },
  }),
];
