// Organic metrics, top performers and ads-content scores come from published posts. Publishing
// belongs to another area, so these tests announce posts the way it does: post.published events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { emitEvent } from '../mock/domain/events.ts';
import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const dayMs = 86_400_000;
const start = Date.parse('2026-07-01T00:00:00.000Z');
let mock: RunningMock;
let key: string;
let organizationId: string;
let projectId: string;
let containerId: string;

async function get(path: string): Promise<any> {
  return call(mock.baseUrl, 'GET', path, { key });
}

function publish(postId: string, platform: string, at: number): void {
  emitEvent(mock.server.mock, 'post.published', organizationId, { scheduledPostId: `sp_${postId}`, platformPostId: postId, containerId, projectId, socialAccountId: 'sa_kit', platform, externalId: postId, externalUrl: `https://www.tiktok.com/@kit/video/${postId}` }, at);
}

beforeAll(async () => {
  mock = await startMock({ clock: 'frozen', startTime: '2026-07-01T00:00:00.000Z' });
  const minted = await mintKey(mock.baseUrl, { credits: 1000 });
  key = minted.key;
  organizationId = minted.organizationId;
  projectId = (await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Organic', timezone: 'UTC' } })).body.id;
  containerId = (await call(mock.baseUrl, 'POST', `/v1/projects/${projectId}/content/upload`, { key, body: { media: [{ url: 'https://cdn.layers-kit.invalid/o.mp4' }], caption: 'Clip' } })).body.id;

  publish('7300000000000000001', 'tiktok', start);
  publish('7300000000000000002', 'instagram', start + dayMs);
  publish('7300000000000000003', 'youtube', start + dayMs);
  await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 10 * dayMs } });
});

afterAll(async () => mock.close());

describe('organic metrics', () => {
  it('sums project posts into buckets that add up', async () => {
    const reply = await get(`/v1/projects/${projectId}/metrics?scope=project&id=${projectId}&metrics=views&metrics=likes&metrics=posts_published&metrics=engagement_rate&since=2026-07-01T00:00:00Z&until=2026-07-11T00:00:00Z`);

    expect(reply.status).toBe(200);
    expect(reply.body.series).toHaveLength(10);
    const views = reply.body.series.reduce((sum: number, bucket: any) => sum + bucket.values.views, 0);
    expect(views).toBe(reply.body.totals.views);
    expect(reply.body.totals.views).toBeGreaterThan(0);
    expect(reply.body.totals.posts_published).toBe(2);
    expect(reply.body.totals.engagement_rate).toBeGreaterThan(0);
  });

  it('reports a single post by its scheduled post id', async () => {
    const reply = await get(`/v1/projects/${projectId}/metrics?scope=platform_post&id=sp_7300000000000000001&granularity=week`);

    expect(reply.status).toBe(200);
    expect(reply.body.metrics).toEqual(['views', 'likes', 'comments', 'shares', 'saves', 'engagement_rate']);
    expect(reply.body.totals.views).toBeGreaterThan(0);
  });

  it('leaves out platforms without metrics', async () => {
    const reply = await get(`/v1/projects/${projectId}/metrics?scope=platform_post&id=7300000000000000003`);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
  });

  it('rejects offsets, bare dates and oversized windows', async () => {
    const offset = await get(`/v1/projects/${projectId}/metrics?scope=project&id=${projectId}&since=2026-07-01T00:00:00%2B02:00`);
    expect(offset.status).toBe(422);
    const bareDate = await get(`/v1/projects/${projectId}/metrics?scope=project&id=${projectId}&since=2026-07-01`);
    expect(bareDate.status).toBe(422);
    const hours = await get(`/v1/projects/${projectId}/metrics?scope=project&id=${projectId}&granularity=hour&since=2026-05-01T00:00:00Z`);
    expect(hours.status).toBe(422);
    expect(hours.body.error.details.issues[0].path).toBe('granularity');
  });

  it('ranks posts and containers with the preview', async () => {
    const reply = await get(`/v1/projects/${projectId}/top-performers?metric=views&window=30d`);

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((item: any) => item.sourceType).sort()).toEqual(['manual', 'platform_post', 'platform_post']);
    const values = reply.body.items.map((item: any) => item.value);
    expect(values).toEqual([...values].sort((left: number, right: number) => right - left));
    expect(reply.body.items[0].preview.kind).toBeDefined();
  });

  it('scores the container from its posts', async () => {
    const reply = await get(`/v1/projects/${projectId}/ads-content`);

    const row = reply.body.items.find((item: any) => item.containerId === containerId);
    expect(row.organicScore).toBeGreaterThanOrEqual(4);
    expect(row.eligible).toBe(true);
    expect(row.eligibilityReason).toBe('score');
    expect(row.scoredAt).not.toBeNull();
  });

  it('ranks content by the ads that run it', async () => {
    await call(mock.baseUrl, 'PATCH', `/v1/projects/${projectId}/ads-content/${(await get(`/v1/projects/${projectId}/ads-content`)).body.items[0].adsContentId}`, { key, body: { override: 'include' } });
    await call(mock.baseUrl, 'POST', `/v1/projects/${projectId}/ads/ad-accounts/oauth-url`, { key, body: { platform: 'meta_ads', returnUrl: 'https://partner.example.com/back' } });
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
    const adAccountId = (await get(`/v1/projects/${projectId}/ads/ad-accounts`)).body.items[0].adAccountId;
    const created = await call(mock.baseUrl, 'POST', `/v1/projects/${projectId}/ads/meta/campaigns`, { key, body: { adAccountId, name: 'Ranked', outcome: 'app_installs', dailyBudgetCents: 20_000, campaignManagementMode: 'autopilot', creativeMode: 'autopilot' } });
    expect(created.status).toBe(202);
    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 3 * dayMs } });

    const reply = await get(`/v1/projects/${projectId}/top-performers?metric=roas&window=7d&platform=meta_ads`);

    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(1);
    expect(reply.body.items[0].containerId).toBe(containerId);
    expect(reply.body.items[0].platform).toBe('meta_ads');
    expect(reply.body.items[0].value).toBeGreaterThan(0);
  });
});
