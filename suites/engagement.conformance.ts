// Engagement config: v1 and v2 fields, the field-by-field merge, and the autoReplyDelay bounds.
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';

const tones = ['authentic', 'witty', 'professional', 'warm', 'casual', 'educational'];
const platforms = ['tiktok', 'instagram'];

/** Partial engagement patches that the contract accepts. */
const patchArbitrary = fc.record(
  {
    enabled: fc.boolean(),
    firstComment: fc.record(
      {
        targets: fc.subarray(platforms),
        commentTemplate: fc.string({ minLength: 1, maxLength: 40 }),
        strategy: fc.constantFrom('literal', 'generated'),
      },
      { requiredKeys: [] },
    ).filter((value) => Object.keys(value).length > 0),
    replyToComments: fc.record(
      {
        targets: fc.subarray(platforms),
        autoReplyDelay: fc.constantFrom('PT30S', 'PT3M', 'PT15M', 'PT1H'),
        tone: fc.constantFrom(...tones, null),
        maxPerPostPerHour: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        ignoreCommentsMatching: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 3 }),
        escalateNegativeSentiment: fc.boolean(),
      },
      { requiredKeys: [] },
    ).filter((value) => Object.keys(value).length > 0),
  },
  { requiredKeys: [] },
).filter((value) => Object.keys(value).length > 0);

/** Merges `patch` into `current` field by field, as the contract says the target does. */
function merged(current: any, patch: any): any {
  return {
    ...current,
    enabled: patch.enabled ?? current.enabled,
    firstComment: { ...current.firstComment, ...(patch.firstComment ?? {}) },
    replyToComments: { ...current.replyToComments, ...(patch.replyToComments ?? {}) },
  };
}

function withoutTimestamp(config: any): any {
  const { updatedAt: _updatedAt, ...rest } = config;
  return rest;
}

export const engagementChecks: Check[] = [
  defineCheck({
    id: 'engagement.config',
    title: 'Engagement config takes v2 fields, merges patches and bounds autoReplyDelay',
    area: 'engagement',
    guarantees: ['ENG-V2-ACCEPTED', 'ENG-PATCH-MERGE', 'ENG-DELAY-BOUNDS'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const path = `/v1/projects/${project.id}/engagement`;

      const initial = await target.call({ method: 'GET', path });
      expectStatus(initial, 200, 'GET …/engagement');
      expectEqual(initial.response.body.enabled, false, 'engagement starts disabled', initial);
      expectEqual(initial.response.body.replyToComments.autoReplyDelay, 'PT3M', 'autoReplyDelay defaults to PT3M', initial);

      const v2 = { firstComment: { strategy: 'literal' }, replyToComments: { tone: 'witty', maxPerPostPerHour: 5, ignoreCommentsMatching: ['giveaway'], escalateNegativeSentiment: true } };
      const patched = await target.call({ method: 'PATCH', path, body: v2 });
      expectStatus(patched, 200, 'PATCH …/engagement with v2 fields');
      expectEqual(withoutTimestamp(patched.response.body), withoutTimestamp(merged(initial.response.body, v2)), 'the v2 fields are stored and the rest kept', patched);

      let current = patched.response.body;
      await assertProperty(context, [patchArbitrary], async (patch) => {
        const response = await target.call({ method: 'PATCH', path, body: patch });
        expectStatus(response, 200, 'PATCH …/engagement');
        expectEqual(withoutTimestamp(response.response.body), withoutTimestamp(merged(current, patch)), 'a patch merges field by field', response);
        current = response.response.body;
      }, { numRuns: Math.min(context.numRuns, 15) });

      for (const delay of ['PT29S', 'PT61M', 'P1D', 'soon']) {
        const refused = await target.call({ method: 'PATCH', path, body: { enabled: !current.enabled, replyToComments: { autoReplyDelay: delay } } });
        expectErrorCode(refused, 422, 'VALIDATION', `autoReplyDelay ${delay}`);
      }
      const older = await target.call({ method: 'PATCH', path, body: { replies: { tone: 'warm' } } });
      expectErrorCode(older, 422, 'VALIDATION', 'the older replies object');

      const after = await target.call({ method: 'GET', path });
      expectEqual(after.response.body, current, 'refused patches change nothing', after);
    },
  }),
];
