// Partner metadata (D19, D20) on organizations and allocations: properties that generate
// metadata around every boundary, multi-byte characters included, and the merge of PATCH.
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { isValidMetadata, mergeExpected, metadataBounds, sortedEntries, toObject, type MetadataEntries, type MetadataPatch } from './lib/metadata-model.ts';
import { createChild, uniqueChildName } from './lib/orgs.ts';
import { assertProperty } from './lib/property.ts';

/** One code point each: 1, 2, 3 and 4 UTF-8 bytes, and a 4-byte letter outside the BMP. */
const characters = ['a', 'é', '€', '😀', '𝐀'];

function text(length: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...characters), { minLength: length, maxLength: length }).map((parts) => parts.join(''));
}

/** A single entry whose key and value lengths sit on and around their limits. */
const singleEntry = fc
  .record({ keyLength: fc.constantFrom(0, 1, 39, 40, 41), valueLength: fc.constantFrom(0, 1, 499, 500, 501) })
  .chain(({ keyLength, valueLength }) => fc.tuple(text(keyLength), text(valueLength)))
  .map(([key, value]): MetadataEntries => [[key, value]]);

/** 49, 50 or 51 short entries. */
const manyEntries = fc
  .constantFrom(49, 50, 51)
  .map((count): MetadataEntries => Array.from({ length: count }, (_, index) => [`k${String(index).padStart(2, '0')}`, `v${index}`]));

/** Entries whose compact JSON is a few bytes either side of 16,384, in one character width. */
const nearByteLimit = fc.record({ delta: fc.integer({ min: -3, max: 3 }), character: fc.constantFrom(...characters) }).map(({ delta, character }): MetadataEntries => {
  const target = metadataBounds.maxBytes + delta;
  const entries: MetadataEntries = [];
  const size = (list: MetadataEntries): number => Buffer.byteLength(JSON.stringify(toObject(list)), 'utf8');
  const full = character.repeat(metadataBounds.maxValueLength);

  while (size([...entries, [`k${String(entries.length).padStart(2, '0')}`, full]]) < target - 600) {
    entries.push([`k${String(entries.length).padStart(2, '0')}`, full]);
  }
  // The last value is filled with one-byte characters to land on the target exactly.
  const last = `k${String(entries.length).padStart(2, '0')}`;
  const missing = target - size([...entries, [last, '']]);
  entries.push([last, 'a'.repeat(missing)]);
  return entries;
});

const boundaryMetadata = fc.oneof(singleEntry, manyEntries, nearByteLimit);

function issuePaths(exchange: Exchange): string[] {
  return (exchange.response.body?.error?.details?.issues ?? []).map((issue: { path: string }) => issue.path);
}

async function readMetadata(context: Parameters<Check['run']>[0], childId: string): Promise<[string, unknown][]> {
  const exchange = await context.target.call({ method: 'GET', path: `/v1/organizations/${childId}` });
  expectStatus(exchange, 200, 'GET /v1/organizations/{orgId}');
  return sortedEntries(exchange.response.body.metadata);
}

/** Keys for merge sequences: few enough to collide, with __proto__ and constructor among them. */
const keyPool = ['a', 'b', 'c', 'plan', '__proto__', 'constructor', 'toString', 'k😀', ...Array.from({ length: 52 }, (_, index) => `k${index}`)];

const patchArbitrary: fc.Arbitrary<MetadataPatch> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant([] as [string, string | null][]) },
  {
    weight: 6,
    arbitrary: fc.uniqueArray(fc.tuple(fc.constantFrom(...keyPool), fc.oneof({ weight: 6, arbitrary: fc.constantFrom('x', 'yy', '😀', 'é'.repeat(500)) }, { weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant(null) })), {
      minLength: 1,
      maxLength: 6,
      selector: ([key]) => key,
    }),
  },
);

export const metadataChecks: Check[] = [
  defineCheck({
    id: 'metadata.create-boundaries',
    title: 'Metadata on and around every limit, in multi-byte characters, is accepted exactly within D19',
    area: 'metadata',
    guarantees: ['META-LIMITS', 'META-CODE-POINTS'],
    level: 'documented',
    async run(context) {
      await assertProperty(context, [boundaryMetadata], async (entries) => {
        const valid = isValidMetadata(entries);
        const exchange = await context.target.call({ method: 'POST', path: '/v1/organizations', body: { name: uniqueChildName('Meta'), metadata: toObject(entries) } });

        if (exchange.response.status === 201) {
          const id = exchange.response.body.id as string;
          context.defer(async () => {
            await context.target.call({ method: 'DELETE', path: `/v1/organizations/${id}` });
          });
        }

        if (valid) {
          expectStatus(exchange, 201, 'metadata within every limit is accepted');
          expectEqual(sortedEntries(exchange.response.body.metadata), sortedEntries(toObject(entries)), 'the metadata comes back as sent', exchange);
          return;
        }

        expectErrorCode(exchange, 422, 'VALIDATION', 'metadata past a limit is rejected');
        const paths = issuePaths(exchange);
        expectTrue(paths.length > 0 && paths.every((path) => path === 'metadata' || path.startsWith('metadata.')), `the issues name metadata or metadata.<key> (paths: ${paths.join(', ')})`, exchange);
      });
    },
  }),

  defineCheck({
    id: 'metadata.patch-merge',
    title: 'PATCH merges metadata key by key, limits apply to the result, and a rejected PATCH changes nothing',
    area: 'metadata',
    guarantees: ['META-MERGE', 'META-MERGED-LIMITS', 'META-PLAIN-KEYS'],
    level: 'documented',
    async run(context) {
      const start = fc.uniqueArray(fc.tuple(fc.constantFrom(...keyPool), fc.constantFrom('1', '2', '😀')), { maxLength: 50, selector: ([key]) => key });

      await assertProperty(context, [start, fc.array(patchArbitrary, { minLength: 1, maxLength: 4 })], async (initial, patches) => {
        const child = await createChild(context, { metadata: toObject(initial) });
        let expected: MetadataEntries = initial;

        for (const patch of patches) {
          const exchange = await context.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: { metadata: patch === null ? null : toObject(patch) } });
          const next = mergeExpected(expected, patch);

          if (next === null) {
            expectErrorCode(exchange, 422, 'VALIDATION', `PATCH ${JSON.stringify(patch)} must be rejected`);
          } else {
            expectStatus(exchange, 200, `PATCH ${JSON.stringify(patch)} must be accepted`);
            expectEqual(sortedEntries(exchange.response.body.metadata), sortedEntries(toObject(next)), 'the PATCH response carries the merged metadata', exchange);
            expected = next;
          }
          expectEqual(await readMetadata(context, child.id), sortedEntries(toObject(expected)), 'GET returns the merged metadata, unchanged by a rejected PATCH');
        }
      });
    },
  }),

  defineCheck({
    id: 'metadata.field-cases',
    title: 'The metadata field cases: emoji lengths, "" and null, 50 keys after merge, __proto__',
    area: 'metadata',
    guarantees: ['META-CODE-POINTS', 'META-MERGE', 'META-MERGED-LIMITS', 'META-PLAIN-KEYS'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const patch = (metadata: unknown): Promise<Exchange> => context.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: { metadata } });

      // F06: 500 emoji and a 40-letter key outside the BMP are within the limits; one more is not.
      expectStatus(await patch({ k: '😀'.repeat(500) }), 200, 'a value of 500 emoji');
      const longValue = await patch({ k: '😀'.repeat(501) });
      expectErrorCode(longValue, 422, 'VALIDATION', 'a value of 501 emoji');
      expectTrue(issuePaths(longValue).includes('metadata.k'), `the issue names metadata.k (paths: ${issuePaths(longValue).join(', ')})`, longValue);
      expectStatus(await patch({ ['𝐀'.repeat(40)]: 'v' }), 200, 'a key of 40 mathematical letters');
      const longKey = await patch({ ['𝐀'.repeat(41)]: 'v' });
      expectErrorCode(longKey, 422, 'VALIDATION', 'a key of 41 mathematical letters');
      expectTrue(issuePaths(longKey).some((path) => path.startsWith('metadata.')), `the issue names the key (paths: ${issuePaths(longKey).join(', ')})`, longKey);

      // F07: "" removes a key, a per-key null is rejected, {} changes nothing, null clears all.
      expectStatus(await patch(null), 200, 'metadata null clears all');
      expectStatus(await patch({ a: '1', b: '2' }), 200, 'setting a and b');
      expectEqual(sortedEntries((await patch({ a: '' })).response.body.metadata), [['b', '2']], '"" removes a');
      expectErrorCode(await patch({ b: null }), 422, 'VALIDATION', 'a per-key null');
      expectEqual(await readMetadata(context, child.id), [['b', '2']], 'the rejected PATCH changed nothing');
      expectEqual(sortedEntries((await patch({})).response.body.metadata), [['b', '2']], '{} changes nothing');
      expectEqual(sortedEntries((await patch(null)).response.body.metadata), [], 'null clears all');

      // F08: 50 keys, then a 51st is rejected unless the same PATCH removes one.
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index + 1}`, 'v']));
      expectStatus(await patch(fifty), 200, 'fifty keys');
      expectErrorCode(await patch({ k51: 'v' }), 422, 'VALIDATION', 'a 51st key after the merge');
      expectEqual((await readMetadata(context, child.id)).length, 50, 'the rejected PATCH left 50 keys');
      const swapped = await patch({ k51: 'v', k1: '' });
      expectStatus(swapped, 200, 'adding k51 while removing k1');
      expectEqual(Object.keys(swapped.response.body.metadata).length, 50, 'exactly 50 keys after the swap', swapped);
      const kept = await patch({ k2: 'x' });
      expectEqual(Object.keys(kept.response.body.metadata).length, 50, 'a one-key PATCH keeps the other keys', kept);
      expectEqual(kept.response.body.metadata.k2, 'x', 'k2 is overwritten', kept);

      // F12: __proto__ and constructor are plain keys, and no other organization gains them.
      expectStatus(await patch(null), 200, 'clearing before F12');
      const polluted = await patch(JSON.parse('{"__proto__":"x","constructor":"y"}'));
      expectStatus(polluted, 200, '__proto__ and constructor as keys');
      expectEqual(sortedEntries(polluted.response.body.metadata), [['__proto__', 'x'], ['constructor', 'y']], 'both keys come back as plain strings', polluted);
      expectEqual(await readMetadata(context, child.id), [['__proto__', 'x'], ['constructor', 'y']], 'GET returns both keys');
      const other = await createChild(context);
      expectEqual(sortedEntries(other.metadata), [], 'another organization has empty metadata');
      if (Object.prototype.hasOwnProperty.call({}, 'constructor')) {
        fail('Object.prototype gained a property in the suite itself');
      }
    },
  }),
];
