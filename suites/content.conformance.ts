// Content generation (changelog 2026-05-08, D30, D32, D33): the required, verbatim hook, the
// price of each format, the per-format URLs, the references cap, the media URL guard, and test
// keys that bill like live ones.
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { createProject, ugcRemixActor, waitForContainer } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

/** Prices in credits per variant (changelog 2026-05-08). */
const prices = { 'slideshow-builder': 50, 'ugc-remix': 120 } as const;

function issuePaths(exchange: Exchange): string[] {
  return (exchange.response.body?.error?.details?.issues ?? []).map((issue: { path: string }) => issue.path);
}

async function reservedCredits(target: TargetClient): Promise<number> {
  const wallet = await target.call({ method: 'GET', path: '/v1/credits' });
  expectStatus(wallet, 200, 'GET /v1/credits');
  return wallet.response.body.reservedCredits as number;
}

/** Cancels a job the check started only to inspect its 202; a job already ended is fine. */
async function cancelQuietly(target: TargetClient, jobId: string): Promise<void> {
  await target.send({ method: 'POST', path: `/v1/jobs/${jobId}/cancel` });
}

/** Media URLs a real server must not fetch, with why (D32). */
const rejectedUrls: [string, string][] = [
  ['http://cdn.layers-kit.invalid/a.jpg', 'plain http'],
  ['https://user:secret@cdn.layers-kit.invalid/a.jpg', 'credentials in the URL'],
  ['https://localhost/a.jpg', 'localhost'],
  ['https://127.0.0.1/a.jpg', 'a loopback address'],
  ['https://[::1]/a.jpg', 'the IPv6 loopback address'],
  ['https://169.254.169.254/latest/meta-data.jpg', 'the metadata address'],
  ['https://10.1.2.3/a.jpg', 'a private 10/8 address'],
  ['https://192.168.0.10/a.jpg', 'a private 192.168/16 address'],
  ['https://172.20.0.1/a.jpg', 'a private 172.16/12 address'],
  ['ftp://cdn.layers-kit.invalid/a.jpg', 'another scheme'],
];

/** Literal private and loopback IPv4 addresses, as text only: nothing connects to them. */
const privateIPv4 = fc.oneof(
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
);

/** Hooks of any Unicode, astral characters, combining marks and compatibility forms included. */
const unicodeHook = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('ﬁ', 'Å', 'Å', 'é', 'é', '①', 'Ⅸ', '😀', '👩‍💻', '\u00a0', 'ｆ', 'x'), minLength: 1, maxLength: 12 }),
);

export const contentChecks: Check[] = [
  defineCheck({
    id: 'content.hook-required',
    title: 'A generation without hook gets 422 naming hook and reserves nothing',
    area: 'content',
    guarantees: ['CONTENT-HOOK-REQUIRED', 'ERR-REJECTED-NO-STATE-CHANGE'],
    level: 'documented',
    async run(context) {
      const target = context.control === null ? context.target : context.target.withKey((await context.control.mintKey({ credits: 500 })).key);
      const project = (await createProject(target)).response.body;

      const requests: [string, unknown][] = [
        [`/v1/projects/${project.id}/content`, { format: 'slideshow-builder' }],
        [`/v1/projects/${project.id}/content`, { format: 'ugc-remix', variantCount: 2 }],
        [`/v1/projects/${project.id}/content/slideshow-builder`, {}],
        [`/v1/projects/${project.id}/content/ugc-remix`, {}],
      ];
      for (const [path, body] of requests) {
        const exchange = await target.call({ method: 'POST', path, body });
        expectErrorCode(exchange, 422, 'VALIDATION', `POST ${path.replace(String(project.id), '{id}')} without hook`);
        expectTrue(issuePaths(exchange).includes('hook'), `details.issues names hook (got ${issuePaths(exchange).join(', ')})`, exchange);
      }

      if (context.control !== null) {
        expectEqual(await reservedCredits(target), 0, 'the rejected generations reserved nothing');
      }
    },
  }),

  defineCheck({
    id: 'content.hook-verbatim',
    title: 'The container returns the hook exactly as sent, any Unicode included',
    area: 'content',
    guarantees: ['CONTENT-HOOK-VERBATIM'],
    level: 'documented',
    async run(context) {
      // Each run starts a generation and cancels it at once, which releases its reservation.
      const target = context.control === null ? context.target : context.target.withKey((await context.control.mintKey({ credits: prices['slideshow-builder'] * 4 })).key);
      const project = (await createProject(target)).response.body;

      await assertProperty(context, [unicodeHook], async (hook) => {
        if (context.control === null) {
        }
        const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'slideshow-builder', hook } });
        expectStatus(started, 202, `a generation with hook ${JSON.stringify(hook)}`);

        try {
          const containerId = started.response.body.containerIds[0] as string;
          const container = await target.call({ method: 'GET', path: `/v1/content/${containerId}` });
          expectStatus(container, 200, 'GET /v1/content/{containerId}');
          expectEqual(container.response.body.hook, hook, 'the container keeps the hook verbatim', container);
        } finally {
          await cancelQuietly(target, started.response.body.jobId);
        }
      });
    },
  }),

  defineCheck({
    id: 'content.pricing',
    title: 'Each format reserves its price per variant, through either URL',
    area: 'content',
    guarantees: ['CONTENT-PRICING', 'CONTENT-PER-FORMAT-URLS', 'CONTENT-VARIANTS'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target.withKey((await context.control!.mintKey({ credits: 1000 })).key);
      const project = (await createProject(target)).response.body;
      const influencerId = await ugcRemixActor(context, target, project.id);
      const starts: [string, Record<string, unknown>, number, string][] = [
        ['content/ugc-remix', { hook: 'Per-format ugc-remix', influencerId }, 120, 'ugc-remix'],
        ['content', { format: 'ugc-remix', hook: 'Generic ugc-remix', influencerId }, 240, 'ugc-remix'],
        ['content/slideshow-builder', { hook: 'Per-format slideshow' }, 290, 'slideshow-builder'],
        ['content', { format: 'slideshow-builder', hook: 'Two slideshow variants', variantCount: 2 }, 390, 'slideshow-builder'],
      ];

      const jobIds: string[] = [];
      const kinds = new Set<string>();
      try {
        for (const [suffix, body, expectedReserved, format] of starts) {
          const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/${suffix}`, body });
          expectStatus(started, 202, `POST …/${suffix}`);
          jobIds.push(started.response.body.jobId);
          kinds.add(started.response.body.kind);

          expectEqual(await reservedCredits(target), expectedReserved, `after POST …/${suffix} ${JSON.stringify(body)} the wallet reserves ${expectedReserved} credits`);
          for (const containerId of started.response.body.containerIds as string[]) {
            const container = await target.call({ method: 'GET', path: `/v1/content/${containerId}` });
            expectEqual(container.response.body.format, format, `POST …/${suffix} makes a ${format} container`, container);
          }
        }
        expectEqual(kinds.size, 1, `every start is the same kind of job, got ${[...kinds].join(', ')}`);
      } finally {
        for (const jobId of jobIds) {
          await cancelQuietly(target, jobId);
        }
      }
    },
  }),

  defineCheck({
    id: 'content.references-cap',
    title: 'references lists take at most 20 entries',
    area: 'content',
    guarantees: ['CONTENT-REFERENCES-CAP'],
    level: 'documented',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const mediaIds = (count: number) => Array.from({ length: count }, (_, index) => `med_01J0000000000000000000${String(index).padStart(4, '0')}`);
      const assetIds = (count: number) => Array.from({ length: count }, (_, index) => `asset_${index}`);

      for (const [field, references] of [
        ['mediaIds', { mediaIds: mediaIds(21) }],
        ['assetIds', { assetIds: assetIds(21) }],
      ] as const) {
        const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'slideshow-builder', hook: 'Too many references', references } });
        expectErrorCode(exchange, 422, 'VALIDATION', `21 references.${field}`);
        expectTrue(issuePaths(exchange).includes(`references.${field}`), `details.issues names references.${field} (got ${issuePaths(exchange).join(', ')})`, exchange);
      }

      const atCap = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'slideshow-builder', hook: 'Twenty references', references: { mediaIds: mediaIds(20) } } });
      if (atCap.response.status === 202) {
        await cancelQuietly(context.target, atCap.response.body.jobId);
      }
      expectTrue(!issuePaths(atCap).includes('references.mediaIds'), `20 references.mediaIds are within the cap (got ${atCap.response.status} ${atCap.response.text.slice(0, 200)})`, atCap);
    },
  }),

  defineCheck({
    id: 'content.unknown-format',
    title: 'A format outside the enum gets 422 naming format',
    area: 'content',
    guarantees: ['CONTENT-UNKNOWN-FORMAT'],
    level: 'inferred',
    async run(context) {
      const project = (await createProject(context.target)).response.body;

      for (const format of ['carousel', 'slideshow-builder-remix', 'SLIDESHOW-BUILDER', '']) {
        const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format, hook: 'Unknown format' } });
        expectErrorCode(exchange, 422, 'VALIDATION', `format ${JSON.stringify(format)}`);
        expectTrue(issuePaths(exchange).includes('format'), `details.issues names format (got ${issuePaths(exchange).join(', ')})`, exchange);
      }
    },
  }),

  defineCheck({
    id: 'content.test-keys-bill',
    title: 'A test key spends from its organization\'s wallet like a live key',
    area: 'content',
    guarantees: ['SANDBOX-TEST-KEYS-BILL'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const live = await context.control!.mintKey({ env: 'live', credits: 100 });
      const test = await context.control!.mintKey({ env: 'test', organizationId: live.organizationId });
      expectTrue(test.key.startsWith('lp_test_') && live.key.startsWith('lp_live_'), 'the mock minted one key of each environment');

      const testTarget = context.target.withKey(test.key);
      const liveTarget = context.target.withKey(live.key);
      const project = (await createProject(testTarget)).response.body;
      const started = await testTarget.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook: 'Billed with a test key' } });
      expectStatus(started, 202, 'the test key starts a generation');

      expectEqual(await reservedCredits(liveTarget), prices['slideshow-builder'], 'the organization\'s wallet, read with the live key, holds the test key\'s reservation');
      await waitForContainer(context, started.response.body.containerIds[0], testTarget);

      const wallet = await liveTarget.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(wallet.response.body.balance, 100 - prices['slideshow-builder'], 'the completed generation is charged to the shared wallet', wallet);
    },
  }),

  defineCheck({
    id: 'content.url-guard',
    title: 'Media URLs that could aim a fetch inward get 422 naming the field',
    area: 'content',
    guarantees: ['URL-SSRF-GUARD', 'ERR-REJECTED-NO-STATE-CHANGE'],
    level: 'inferred',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const upload = (url: string) =>
        context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/upload`, body: { media: [{ url }], caption: 'guarded' } });

      for (const [url, why] of rejectedUrls) {
        const exchange = await upload(url);
        expectErrorCode(exchange, 422, 'VALIDATION', `an upload from ${why} (${url})`);
        expectTrue(issuePaths(exchange).includes('media.0.url'), `details.issues names media.0.url (got ${issuePaths(exchange).join(', ')})`, exchange);
      }

      await assertProperty(context, [privateIPv4], async (octets) => {
        const url = `https://${octets.join('.')}/image.jpg`;
        const exchange = await upload(url);
        expectErrorCode(exchange, 422, 'VALIDATION', `an upload from ${url}`);
      });

      const list = await context.target.call({ method: 'GET', path: `/v1/projects/${project.id}/content` });
      expectEqual(list.response.body.items.length, 0, 'none of the rejected uploads created content', list);
    },
  }),

  defineCheck({
    id: 'content.mock-no-fetch',
    title: 'The mock stores an upload from a host that cannot resolve, because it fetches nothing',
    area: 'content',
    guarantees: ['MOCK-NO-OUTBOUND-FETCH'],
    level: 'mock-only',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const url = `https://${randomUUID()}.invalid/never-fetched.mp4`;
      const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/upload`, body: { media: [{ url }], caption: 'never fetched' } });
      expectStatus(exchange, 201, 'an upload from an unresolvable host');
      expectEqual(exchange.response.body.status, 'completed', 'the item is stored completed', exchange);
    },
  }),

  defineCheck({
    id: 'content.generation-replay',
    title: 'A replayed generation start returns the same job and reserves once',
    area: 'content',
    guarantees: ['IDEMP-NO-DOUBLE-EFFECT', 'IDEMP-REPLAY-SAME-BODY'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = context.target.withKey((await context.control!.mintKey({ credits: 500 })).key);
      const project = (await createProject(target)).response.body;
      const influencerId = await ugcRemixActor(context, target, project.id);
      const key = randomUUID();
      const body = { format: 'ugc-remix', hook: 'Started once, sent twice', variantCount: 2, influencerId };

      const first = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body, idempotencyKey: key });
      expectStatus(first, 202, 'the first request starts the generation');
      try {
        const second = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body, idempotencyKey: key });
        expectStatus(second, 202, 'the retry with the same key gets the stored 202');
        expectEqual(second.response.body.jobId, first.response.body.jobId, 'the replay names the same job', second);
        expectEqual(second.response.body.containerIds, first.response.body.containerIds, 'the replay names the same containers', second);

        expectEqual(await reservedCredits(target), 2 * prices['ugc-remix'], 'the wallet reserves the two variants once, not twice');
        const listed = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/content` });
        expectEqual(listed.response.body.items.length, 2, 'the project holds the two containers of one generation', listed);
      } finally {
        await cancelQuietly(target, first.response.body.jobId);
      }
    },
  }),
];
