// The ads gate and platform rules in process: the layer kill switch, rejected writes that change
// nothing, pending expiry, Apple keyword verdicts and budget rules, and audit rows for rejected keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const dayMs = 86_400_000;
let mock: RunningMock;
let key: string;
let apiKeyId: string;
let projectId: string;
let accounts: Record<string, string>;

async function api(method: string, path: string, body?: unknown, withKey = key): Promise<any> {
  return call(mock.baseUrl, method, path, { key: withKey, body });
}

async function advance(ms: number): Promise<void> {
  await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } });
}

async function newCampaign(platform: string, mode = 'autopilot'): Promise<any> {
  const created = await api('POST', `/v1/projects/${projectId}/ads/${platform}/campaigns`, { adAccountId: accounts[platform], name: 'Gate', outcome: 'traffic', dailyBudgetCents: 5000, campaignManagementMode: mode, creativeMode: mode });
  expect(created.status).toBe(202);
  return (await api('GET', `/v1/projects/${projectId}/ads/${platform}/campaigns/${created.body.platformResponse.campaignId}`)).body;
}

beforeAll(async () => {
  mock = await startMock({ clock: 'frozen', startTime: '2026-08-01T00:00:00.000Z' });
  const minted = await mintKey(mock.baseUrl, { credits: 1000 });
  key = minted.key;
  apiKeyId = minted.apiKeyId;
  projectId = (await api('POST', '/v1/projects', { name: 'Gate rules', timezone: 'UTC' })).body.id;
  for (const platform of ['meta_ads', 'apple_ads']) {
    await api('POST', `/v1/projects/${projectId}/ads/ad-accounts/oauth-url`, { platform, returnUrl: 'https://partner.example.com/back' });
  }
  await advance(2000);
  const items = (await api('GET', `/v1/projects/${projectId}/ads/ad-accounts`)).body.items;
  accounts = Object.fromEntries(items.map((item: any) => [item.platform.replace('_ads', ''), item.adAccountId]));
});

afterAll(async () => mock.close());

describe('ads gate', () => {
  it('denies every write while the kill switch is on', async () => {
    const campaign = await newCampaign('meta');
    const layer = [...mock.server.mock.store.adsLayers.values()].find((candidate) => candidate.projectId === projectId && candidate.platform === 'meta');
    layer!.killSwitchActive = true;

    const denied = await api('PATCH', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}/budget`, { dailyBudgetCents: 5500 });
    layer!.killSwitchActive = false;

    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AUTHORITY_DENIED');
    expect(denied.body.error.details.reason).toBe('kill_switch_active');
    const after = await api('GET', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}`);
    expect(after.body.dailyBudgetCents).toBe(5000);
    const rows = (await api('GET', `/v1/audit-log?eventType=ads.write.denied&projectId=${projectId}`)).body.items;
    expect(rows.map((row: any) => row.verdictId)).toContain(denied.body.error.details.verdictId);
  });

  it('leaves no trace of a rejected write', async () => {
    const campaign = await newCampaign('meta', 'draft');
    const before = mock.server.mock.store.pendingActions.size;

    const low = await api('PATCH', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}/budget`, { dailyBudgetCents: 50 });
    const switched = await api('PATCH', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}/budget`, { lifetimeBudgetCents: 90_000 });

    expect(low.status).toBe(422);
    expect(low.body.error.details.issues[0].path).toBe('dailyBudgetCents');
    expect(switched.body.error.code).toBe('PLATFORM_REJECTED');
    expect(switched.body.error.details.platformCode).toBe('BUDGET_TYPE_SWITCH');
    expect(mock.server.mock.store.pendingActions.size).toBe(before);
  });

  it('rejects ad-set budgets under campaign budget optimization', async () => {
    const campaign = await newCampaign('meta');
    const reply = await api('PATCH', `/v1/projects/${projectId}/ads/meta/adsets/${campaign.adsets[0].adsetId}/budget`, { dailyBudgetCents: 5000 });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.platformCode).toBe('CBO_ADSET_BUDGET');
  });

  it('expires an undecided pending action after 7 days', async () => {
    const campaign = await newCampaign('meta', 'draft');
    const queued = await api('POST', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}/pause`);
    expect(queued.body.status).toBe('pending_approval');

    await advance(7 * dayMs);

    const list = await api('GET', `/v1/projects/${projectId}/ads/meta/pending?status=rejected`);
    expect(list.body.items.map((item: any) => item.pendingId)).toContain(queued.body.pendingId);
    const late = await api('POST', `/v1/projects/${projectId}/ads/meta/pending/${queued.body.pendingId}/approve`);
    expect(late.status).toBe(409);
  });

  it('reports Apple keyword verdicts one by one', async () => {
    const campaign = await newCampaign('apple');
    const path = `/v1/projects/${projectId}/ads/apple/adgroups/${campaign.adsets[0].adsetId}/keywords`;

    const first = await api('POST', path, { keywords: [{ text: 'meal plan', matchType: 'exact', bidAmountCents: 100 }, { text: 'Meal Plan', matchType: 'exact', bidAmountCents: 100 }] });
    const again = await api('POST', path, { keywords: [{ text: 'meal plan', matchType: 'exact', bidAmountCents: 100 }] });
    const tooMany = await api('POST', path, { keywords: Array.from({ length: 201 }, (_, index) => ({ text: `k${index}`, matchType: 'broad', bidAmountCents: 50 })) });

    expect(first.status).toBe(202);
    expect(first.body.results.map((result: any) => result.status)).toEqual(['added', 'rejected']);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('PLATFORM_REJECTED');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('VALIDATION');
    const stored = [...mock.server.mock.store.appleKeywords.values()].filter((keyword) => keyword.adgroupId === campaign.adsets[0].adsetId);
    expect(stored).toHaveLength(1);
  });

  it('tracks a dispatched write as a job', async () => {
    const campaign = await newCampaign('meta');
    const write = await api('POST', `/v1/projects/${projectId}/ads/meta/campaigns/${campaign.campaignId}/pause`);
    expect(write.body.status).toBe('dispatched');

    const running = await api('GET', `/v1/jobs/${write.body.jobId}`);
    await advance(2000);
    const done = await api('GET', `/v1/jobs/${write.body.jobId}`);

    expect(running.body.kind).toBe('ads_write');
    expect(running.body.status).toBe('running');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.verdictId).toBe(write.body.verdictId);
    expect(done.body.result.platformResponse.platformStatus).toBe('PAUSED');
  });

  it('keeps Apple out of the ad-level routes', async () => {
    const reply = await api('POST', `/v1/projects/${projectId}/ads/apple/ads/ad_00000000-0000-4000-8000-000000000000/pause`);
    expect(reply.status).toBe(422);
  });
});

describe('audit rows for rejected keys', () => {
  it('records a revoked key without its secret', async () => {
    const revoked = await mintKey(mock.baseUrl, { scopes: ['projects:read'] });
    mock.server.mock.store.apiKeys.get(revoked.apiKeyId)!.status = 'revoked';

    const reply = await api('GET', '/v1/projects', undefined, revoked.key);
    expect(reply.status).toBe(401);

    const rows = mock.server.mock.store.auditLog.filter((row) => row.actorApiKeyId === revoked.apiKeyId);
    expect(rows.map((row) => row.eventType)).toEqual(['auth.key_rejected']);
    expect(rows[0]?.organizationId).toBe(revoked.organizationId);
    expect(JSON.stringify(rows)).not.toContain(revoked.key.slice(-43));
  });

  it('attributes partner requests to the key', async () => {
    const rows = (await api('GET', `/v1/audit-log?apiKeyId=${apiKeyId}&eventType=api.request&limit=200`)).body.items;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((row: any) => row.actorType === 'partner' && row.actorApiKeyId === apiKeyId)).toBe(true);
  });
});
