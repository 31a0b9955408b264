// Events: batch ingest with its limits and eventId deduplication, the stream, PII redaction, and
// the user signal, conversion and Apple Search Ads views built on ingested events.
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check, type CheckContext } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

async function projectWithApp(target: TargetClient): Promise<{ projectId: string; appId: string }> {
  const project = (await createProject(target)).response.body;
  const app = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/sdk-apps`, body: { name: 'Kit events', platform: 'web', webDomain: 'events.kit.example' } });
  expectStatus(app, 201, 'create an SDK app for events');
  return { projectId: project.id, appId: app.response.body.appId };
}

function send(target: TargetClient, projectId: string, sdkAppId: string, events: unknown[]) {
  return target.call({ method: 'POST', path: '/v1/events', body: { projectId, sdkAppId, events } });
}

/**
 * PII is visible to a key whose scopes cover events:read+pii (the run's key usually has `*`)
 * and redacted for a key with events:read alone, which only the control surface can mint.
 */
async function expectRedaction(context: CheckContext, projectId: string, items: { name: string; properties: Record<string, unknown> }[]): Promise<void> {
  const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
  const scopes = whoami.response.body.scopes as string[];
  const open = items.find((item) => item.name === 'app_open');
  const seesPii = scopes.some((scope) => scope === '*' || scope === 'events:*' || scope === 'events:read+pii');
  expectEqual(open?.properties.email, seesPii ? 'ana@example.com' : '[redacted]', `email as the run's key (${scopes.join(' ')}) sees it`, whoami);
  expectEqual(open?.properties.screen, 'home', 'other properties are kept');

  if (context.control === null) {
    context.note('A key with events:read alone needs the control surface; the redacted view was checked only as far as the run key allows.');
    return;
  }
  const narrow = context.target.withKey((await context.control.mintKey({ organizationId: whoami.response.body.organizationId, scopes: ['events:read'] })).key);
  const stream = await narrow.call({ method: 'GET', path: `/v1/projects/${projectId}/events`, query: { eventNames: 'app_open' } });
  expectStatus(stream, 200, 'GET …/events with an events:read key');
  const item = (stream.response.body.items as { properties: Record<string, unknown>; context: Record<string, unknown> }[])[0];
  expectEqual(item?.properties.email, '[redacted]', 'email is redacted without events:read+pii', stream);
  expectEqual(item?.properties.screen, 'home', 'other properties are kept for the narrow key', stream);
}

export const eventChecks: Check[] = [
  defineCheck({
    id: 'events.batch-limits',
    title: 'A batch holds 1–100 events for an app of a visible project',
    area: 'events',
    guarantees: ['EVT-BATCH-LIMITS'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const { projectId, appId } = await projectWithApp(target);
      const other = await projectWithApp(target);
      const event = { name: 'app_open', occurredAt: new Date().toISOString() };

      expectErrorCode(await send(target, projectId, appId, []), 422, 'VALIDATION', 'an empty batch');
      expectErrorCode(await send(target, projectId, appId, Array.from({ length: 101 }, () => event)), 422, 'VALIDATION', 'a batch of 101 events');
      expectStatus(await send(target, projectId, appId, Array.from({ length: 100 }, () => event)), 200, 'a batch of 100 events');

      expectErrorCode(await send(target, projectId, other.appId, [event]), 404, 'NOT_FOUND', 'an app of another project');
      expectErrorCode(await send(target, 'prj_00000000-0000-4000-8000-000000000000', appId, [event]), 404, 'NOT_FOUND', 'a project that does not exist');
      expectErrorCode(await send(target, projectId, appId, [{ ...event, occurredAt: '2026-07-01T10:00:00+02:00' }]), 422, 'VALIDATION', 'occurredAt with an offset instead of Z');
      expectErrorCode(await send(target, projectId, appId, [{ ...event, properties: { currency: 'dollars' } }]), 422, 'VALIDATION', 'a reserved property of the wrong shape');
    },
  }),

  defineCheck({
    id: 'events.dedupe',
    title: 'An eventId already received for the app is a no-op, and the stream holds each event once',
    area: 'events',
    guarantees: ['EVT-DEDUPE', 'EVT-STREAM'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const { projectId, appId } = await projectWithApp(target);
      let round = 0;

      const batches = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });
      await assertProperty(context, [batches], async (ids) => {
        round += 1;
        const name = `kit_dedupe_${round}_${Date.now()}`;
        const seen = new Set<string>();

        for (const batch of ids) {
          const response = await send(target, projectId, appId, batch.map((id) => ({ name, occurredAt: new Date().toISOString(), eventId: `${name}-${id}` })));
          expectStatus(response, 200, 'POST /v1/events');
          const expected = batch.map((id) => {
            const fresh = !seen.has(id);
            seen.add(id);
            return fresh ? 'accepted' : 'duplicate';
          });
          expectEqual((response.response.body.events as { status: string }[]).map((entry) => entry.status), expected, `outcomes of the batch ${JSON.stringify(batch)}`, response);
          expectEqual(response.response.body.accepted, expected.filter((status) => status === 'accepted').length, 'accepted counts the new ids', response);
        }

        const stream = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/events`, query: { eventNames: name, limit: 200 } });
        expectStatus(stream, 200, 'GET …/events filtered by name');
        const clientIds = (stream.response.body.items as { clientEventId: string }[]).map((item) => item.clientEventId).sort();
        expectEqual(clientIds, [...seen].map((id) => `${name}-${id}`).sort(), 'the stream holds each eventId once');
      });
    },
  }),

  defineCheck({
    id: 'events.derived-views',
    title: 'Stream order and filters, PII redaction, user signal, conversions and Apple Ads records follow the events',
    area: 'events',
    guarantees: ['EVT-STREAM', 'EVT-PII-REDACTED', 'EVT-DERIVED-VIEWS'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const { projectId, appId } = await projectWithApp(target);
      const base = Date.parse('2026-03-01T12:00:00.000Z');
      const at = (days: number) => new Date(base + days * 86_400_000).toISOString();

      const ingested = await send(target, projectId, appId, [
        { name: 'app_open', occurredAt: at(0), appUserId: 'u-1', properties: { email: 'ana@example.com', screen: 'home' }, context: { traits: { plan: 'free' }, consent: { analytics: true, marketing: false, personalization: true } } },
        { name: 'app_install', occurredAt: at(0), appUserId: 'u-1', context: { att: 'authorized', appleAds: { attribution: true, campaignId: 11, adGroupId: 22, countryOrRegion: 'DE' } } },
        { name: 'app_install', occurredAt: at(0), appUserId: 'u-2', context: { att: 'denied', appleAds: { attribution: true, campaignId: 11, adGroupId: 22 } } },
        { name: 'purchase_success', occurredAt: at(1), appUserId: 'u-1', properties: { revenue: 9.99, currency: 'USD' } },
        { name: 'purchase_success', occurredAt: at(7), appUserId: 'u-1', properties: { revenue_amount: 20, currency: 'USD' } },
        { name: 'trial_start', occurredAt: at(7), appUserId: 'u-2' },
      ]);
      expectStatus(ingested, 200, 'ingest the scenario');

      const stream = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/events`, query: { userId: 'u-1', since: at(0), until: at(7) } });
      expectStatus(stream, 200, 'GET …/events for u-1 in [day 0, day 7)');
      const items = stream.response.body.items as { name: string; occurredAt: string; properties: Record<string, unknown> }[];
      expectEqual(items.length, 3, 'u-1 has three events in the window', stream);
      expectEqual(items[0]?.name, 'purchase_success', 'the newest event comes first', stream);
      expectEqual(items.slice(1).map((item) => item.name).sort(), ['app_install', 'app_open'], 'then the two events of day 0', stream);
      expectTrue(items.every((item, index) => index === 0 || (items[index - 1] as { occurredAt: string }).occurredAt >= item.occurredAt), 'occurredAt never increases down the page', stream);
      expectTrue(items.every((item) => item.occurredAt < at(7)), 'until is exclusive', stream);
      await expectRedaction(context, projectId, items);

      const signal = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/users/u-1/signal` });
      expectStatus(signal, 200, 'GET the user signal of u-1');
      expectEqual(signal.response.body.firstSeen, at(0), 'firstSeen is the first event', signal);
      expectEqual(signal.response.body.lastSeen, at(7), 'lastSeen is the last event', signal);
      expectEqual(signal.response.body.retention, { day1: true, day7: true, day30: false }, 'retention follows the active days', signal);
      expectEqual(signal.response.body.consent.marketing, false, 'consent comes from the context', signal);
      expectEqual(signal.response.body.properties, { plan: 'free' }, 'properties are the user traits', signal);
      expectErrorCode(await target.call({ method: 'GET', path: `/v1/projects/${projectId}/users/nobody/signal` }), 404, 'NOT_FOUND', 'a user without events');

      const conversions = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/conversions`, query: { since: at(0), until: at(8), groupBy: ['eventName'] } });
      expectStatus(conversions, 200, 'GET …/conversions grouped by event name');
      expectEqual(conversions.response.body.totals, { count: 3, value: 29.99, currency: 'USD' }, 'three conversions worth 29.99 USD', conversions);
      const groups = Object.fromEntries((conversions.response.body.groups as { key: { eventName: string }; count: number }[]).map((group) => [group.key.eventName, group.count]));
      expectEqual(groups, { purchase_success: 2, trial_start: 1 }, 'the groups by event name', conversions);

      const attribution = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/apple-ads-attribution` });
      expectStatus(attribution, 200, 'GET …/apple-ads-attribution');
      const records = attribution.response.body.records as { appUserId: string; campaignId: number; countryOrRegion: string }[];
      expectEqual(records.map((record) => [record.appUserId, record.campaignId, record.countryOrRegion]), [['u-1', 11, 'DE']], 'only the ATT-authorized install is attributed', attribution);
    },
  }),
];
