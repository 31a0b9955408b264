// Metrics: series that tile the window and add up to the totals, money in integer cents, and the
// scored ads-content with its override and forgiving cursor.
import fc from 'fast-check';

import { expectEqual, expectStatus, expectTrue } from './lib/assert.ts';
import { connectAdAccounts, createCampaign, eligibleAdsContent, letTimePass, uploadAdsContent } from './lib/ads-flows.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';

const dayMs = 86_400_000;
const counters = ['spend', 'impressions', 'clicks', 'conversions', 'reach'];

export const metricsChecks: Check[] = [
  defineCheck({
    id: 'metrics.series-add-up',
    title: 'Metric buckets tile the window and their counters add up to the totals',
    area: 'metrics',
    guarantees: ['MET-SERIES-TOTALS', 'MET-MONEY-CENTS'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      await eligibleAdsContent(target, project.id, 'Metrics creative one');
      await eligibleAdsContent(target, project.id, 'Metrics creative two');
      const accounts = await connectAdAccounts(context, project.id, ['meta', 'apple']);
      const meta = await createCampaign(target, project.id, 'meta', accounts.meta, { dailyBudgetCents: 10_000 });
      await createCampaign(target, project.id, 'apple', accounts.apple, { dailyBudgetCents: 4000 });
      await letTimePass(context, 5 * dayMs);
      const now = await context.control!.now();
      const recent = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/ads-metrics`, query: { scope: 'project', id: project.id, metrics: ['spend'], since: new Date(now - 4 * dayMs).toISOString() } });
      expectTrue((recent.response.body.totals.spend as number) > 0, 'campaigns that ran for days have spent', recent);

      await assertProperty(
        context,
        [fc.constantFrom('campaign', 'project'), fc.constantFrom('day', 'week'), fc.integer({ min: 0, max: 4 * 24 }), fc.integer({ min: 1, max: 10 * 24 })],
        async (scope, granularity, startHoursAgo, lengthHours) => {
          const since = now - (startHoursAgo + lengthHours) * 3_600_000;
          const until = now - startHoursAgo * 3_600_000;
          const response = await target.call({
            method: 'GET',
            path: `/v1/projects/${project.id}/ads-metrics`,
            query: { scope, id: scope === 'campaign' ? meta.campaignId : project.id, granularity, since: new Date(since).toISOString(), until: new Date(until).toISOString() },
          });
          expectStatus(response, 200, 'GET …/ads-metrics');
          const { series, totals } = response.response.body as { series: { start: string; end: string; values: Record<string, number | null> }[]; totals: Record<string, number | null> };

          expectEqual(series[0]?.start, new Date(since).toISOString(), 'the first bucket starts at since', response);
          expectEqual(series[series.length - 1]?.end, new Date(until).toISOString(), 'the last bucket ends at until', response);
          for (let index = 1; index < series.length; index += 1) {
            expectEqual(series[index]?.start, series[index - 1]?.end, 'buckets are contiguous', response);
          }
          for (const name of counters) {
            const sum = series.reduce((total, bucket) => total + (bucket.values[name] ?? 0), 0);
            expectEqual(sum, totals[name], `the ${name} buckets add up to the total`, response);
          }
          for (const name of ['spend', 'cpa', 'cpc', 'cpm']) {
            const value = totals[name];
            expectTrue(value === null || Number.isInteger(value), `${name} is integer cents (got ${value})`, response);
          }
        },
      );

      const hour = Math.floor(now / 3_600_000) * 3_600_000;
      const organic = await target.call({
        method: 'GET',
        path: `/v1/projects/${project.id}/metrics`,
        query: { scope: 'project', id: project.id, granularity: 'hour', since: new Date(hour - dayMs).toISOString(), until: new Date(hour).toISOString() },
      });
      expectStatus(organic, 200, 'GET …/metrics at hour granularity');
      expectEqual(organic.response.body.series.length, 24, 'a day aligned to the hour has 24 hourly buckets', organic);
    },
  }),

  defineCheck({
    id: 'metrics.ads-content-override',
    title: 'An override includes or excludes a creative; null returns it to score gating',
    area: 'metrics',
    guarantees: ['MET-ADS-CONTENT-ELIGIBILITY', 'MET-ADS-CONTENT-CURSOR'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const adsContentId = await uploadAdsContent(target, project.id, 'A creative nobody has seen yet');
      await uploadAdsContent(target, project.id, 'A second creative');
      const rowPath = `/v1/projects/${project.id}/ads-content/${adsContentId}`;
      const listPath = `/v1/projects/${project.id}/ads-content`;

      const eligibleOf = async (): Promise<boolean> => {
        const list = await target.call({ method: 'GET', path: listPath });
        expectStatus(list, 200, 'GET …/ads-content');
        return (list.response.body.items as { adsContentId: string; eligible: boolean }[]).find((item) => item.adsContentId === adsContentId)?.eligible as boolean;
      };

      expectEqual(await eligibleOf(), false, 'an unpublished creative scores 0 and is not eligible');
      for (const [override, eligible] of [['include', true], ['exclude', false], [null, false]] as const) {
        const patched = await target.call({ method: 'PATCH', path: rowPath, body: { override, note: `set ${override}` } });
        expectStatus(patched, 200, `PATCH override ${override}`);
        expectEqual(patched.response.body.eligible, eligible, `override ${override} gives eligible ${eligible}`, patched);
        expectEqual(await eligibleOf(), eligible, `the list agrees after override ${override}`);
      }

      const first = await target.call({ method: 'GET', path: listPath, query: { limit: 1 } });
      expectTrue(typeof first.response.body.nextCursor === 'string', 'a page of one of two rows has a next cursor', first);
      const second = await target.call({ method: 'GET', path: listPath, query: { limit: 1, cursor: first.response.body.nextCursor } });
      expectTrue(second.response.body.items[0]?.adsContentId !== first.response.body.items[0]?.adsContentId, 'the next page holds the other row', second);
      const forged = await target.call({ method: 'GET', path: listPath, query: { limit: 1, cursor: 'not-a-cursor' } });
      expectStatus(forged, 200, 'a forged cursor is not an error');
      expectEqual(forged.response.body.items, first.response.body.items, 'a forged cursor starts from the first page', forged);
    },
  }),
];
