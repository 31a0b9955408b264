// The ads area emits each of the 15 ads and approval events of the changelog (2026-05-08), with
// the partner writes, platform reviews, pending dispatch, optimizer and account lifecycle behind
// them. A frozen clock makes every step deterministic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const adsEvents = [
  'ads.account.connected',
  'ads.account.disconnected',
  'ads.account.token_expired',
  'ads.optimizer.action',
  'ads.optimizer.run.completed',
  'ads.write.executed',
  'ads.write.denied',
  'ads.creative.flagged',
  'ads.creative.unlocked',
  'ads.policy.violation',
  'approval.dispatched',
  'approval.dispatch_failed',
  'approval.approved',
  'approval.disapproved',
  'ads.budget.cap_exceeded',
];

const dayMs = 86_400_000;
let mock: RunningMock;
let key: string;

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const reply = await call(mock.baseUrl, method, path, { key, body });
  if (reply.status >= 500) {
    throw new Error(`${method} ${path} failed with ${reply.status}: ${reply.text}`);
  }
  return reply;
}

async function advance(ms: number): Promise<void> {
  const reply = await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } });
  expect(reply.status).toBe(200);
}

async function eligibleContent(projectId: string, caption: string): Promise<string> {
  const upload = await api('POST', `/v1/projects/${projectId}/content/upload`, { media: [{ url: 'https://cdn.layers-kit.invalid/e.jpg' }], caption });
  expect(upload.status).toBe(201);
  const list = await api('GET', `/v1/projects/${projectId}/ads-content?limit=200`);
  const row = list.body.items.find((item: { containerId: string }) => item.containerId === upload.body.id);
  await api('PATCH', `/v1/projects/${projectId}/ads-content/${row.adsContentId}`, { override: 'include' });
  return row.adsContentId;
}

async function campaign(projectId: string, adAccountId: string, mode: string): Promise<any> {
  const created = await api('POST', `/v1/projects/${projectId}/ads/meta/campaigns`, { adAccountId, name: `Events ${mode}`, outcome: 'app_installs', dailyBudgetCents: 20_000, campaignManagementMode: mode, creativeMode: mode });
  expect(created.status).toBe(202);
  return created.body.platformResponse;
}

beforeAll(async () => {
  mock = await startMock({ clock: 'frozen', startTime: '2026-07-01T00:00:00.000Z' });
  key = (await mintKey(mock.baseUrl, { credits: 10_000 })).key;
});

afterAll(async () => mock.close());

describe('ads and approval events', () => {
  it('emits all 15 event types', async () => {
    const project = (await api('POST', '/v1/projects', { name: 'Ads events', timezone: 'UTC' })).body;
    const base = `/v1/projects/${project.id}/ads`;
    for (let index = 0; index < 3; index += 1) {
      await eligibleContent(project.id, `Creative ${index}`);
    }

    expect((await api('POST', `${base}/ad-accounts/oauth-url`, { platform: 'meta_ads', returnUrl: 'https://partner.example.com/back' })).status).toBe(200);
    await advance(2000);
    const accountId = (await api('GET', `${base}/ad-accounts`)).body.items[0].adAccountId as string;

    const auto = await campaign(project.id, accountId, 'autopilot');
    const manual = await campaign(project.id, accountId, 'manual');
    const draft = await campaign(project.id, accountId, 'draft');
    for (let index = 0; index < 3; index += 1) {
      await campaign(project.id, accountId, 'autopilot');
    }

    expect((await api('PATCH', `${base}/meta/campaigns/${auto.campaignId}/budget`, { dailyBudgetCents: 21_000 })).status).toBe(202);
    expect((await api('PATCH', `${base}/meta/campaigns/${manual.campaignId}/budget`, { dailyBudgetCents: 21_000 })).body.error.code).toBe('AUTHORITY_DENIED');
    expect((await api('PATCH', `${base}/meta/campaigns/${auto.campaignId}/budget`, { dailyBudgetCents: 90_000 })).body.error.code).toBe('BUDGET_CAP_EXCEEDED');

    const flagged = await api('POST', `/v1/projects/${project.id}/content/upload`, { media: [{ url: 'https://cdn.layers-kit.invalid/f.jpg' }], caption: 'A miracle app' });
    const rows = (await api('GET', `/v1/projects/${project.id}/ads-content?limit=200`)).body.items;
    const flaggedRow = rows.find((item: { containerId: string }) => item.containerId === flagged.body.id);
    expect(flaggedRow.safetyFailed).toBe(true);
    expect((await api('POST', `${base}/meta/creatives/${flaggedRow.adsContentId}/unlock`, {})).status).toBe(200);

    // Pushes until the platform disapproves one creative (about one in ten reviews).
    const adId = auto.adIds[0] as string;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const content = await eligibleContent(project.id, `Review ${attempt}`);
      expect((await api('POST', `${base}/meta/ads/${adId}/creative`, { adsContentId: content })).status).toBe(202);
      await advance(2000);
      const reviews = (await api('GET', `${base}/meta/reviews?status=disapproved`)).body.items;
      if (reviews.length > 0) break;
    }

    // A queued delete dispatches first, so the queued budget change after it fails.
    const queuedDelete = (await api('DELETE', `${base}/meta/campaigns/${draft.campaignId}`)).body.pendingId;
    const queuedBudget = (await api('PATCH', `${base}/meta/campaigns/${draft.campaignId}/budget`, { dailyBudgetCents: 21_000 })).body.pendingId;
    expect((await api('POST', `${base}/meta/pending/${queuedDelete}/approve`, {})).status).toBe(200);
    expect((await api('POST', `${base}/meta/pending/${queuedBudget}/approve`, {})).status).toBe(200);

    await advance(5 * dayMs);
    const layerId = (await api('GET', `${base}/meta/defaults`)).body.layerId;
    const run = await api('POST', `${base}/optimizer/run`, { layerId, platform: 'meta_ads' });
    expect(run.status).toBe(202);
    await advance(2000);
    expect((await api('GET', `${base}/optimizer/runs/${run.body.runId}`)).body.status).toBe('completed');

    await advance(60 * dayMs);
    expect((await api('DELETE', `/v1/projects/${project.id}`)).status).toBe(200);

    const emitted = new Set(mock.server.mock.store.events.map((event) => event.type));
    expect(adsEvents.filter((type) => !emitted.has(type))).toEqual([]);

    const pending = mock.server.mock.store.pendingActions;
    expect(pending.get(queuedDelete)?.status).toBe('dispatched');
    expect(pending.get(queuedBudget)?.status).toBe('dispatch_failed');
  });

  it('carries organizationId and the partner actor on write events', async () => {
    const executed = mock.server.mock.store.events.find((event) => event.type === 'ads.write.executed' && event.data.actorType === 'partner');
    expect(executed?.data.organizationId).toMatch(/^org_/);
    expect(executed?.data.verdictId).toMatch(/^ver_/);
    expect(executed?.data.actorApiKeyId).toMatch(/^key_/);

    const flagged = mock.server.mock.store.events.find((event) => event.type === 'ads.creative.flagged');
    expect(flagged?.data.flagged_reason).toBe('prohibited_claim');
  });
});
