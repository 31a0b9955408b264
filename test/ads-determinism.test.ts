// On a frozen clock the ads surface, its metrics and the audit log give byte-identical responses
// for the same seed and requests (D35).
import { afterAll, describe, expect, it } from 'vitest';

import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const running: RunningMock[] = [];

afterAll(async () => {
  for (const mock of running) {
    await mock.close();
  }
});

async function scriptedSession(): Promise<string[]> {
  const mock = await startMock({ clock: 'frozen', startTime: '2026-09-01T00:00:00.000Z' });
  running.push(mock);
  const base = mock.baseUrl;
  const { key } = await mintKey(base, { credits: 500 });
  const transcript: string[] = [];
  const send = async (method: string, path: string, body?: unknown) => {
    const reply = await call(base, method, path, { key, body });
    transcript.push(`${method} ${path} → ${reply.status} ${reply.headers['x-request-id']} ${reply.text}`);
    return reply;
  };

  const project = (await send('POST', '/v1/projects', { name: 'Same ads', timezone: 'UTC' })).body;
  const upload = (await send('POST', `/v1/projects/${project.id}/content/upload`, { media: [{ url: 'https://cdn.layers-kit.invalid/s.jpg' }], caption: 'Same' })).body;
  const row = (await send('GET', `/v1/projects/${project.id}/ads-content`)).body.items.find((item: any) => item.containerId === upload.id);
  await send('PATCH', `/v1/projects/${project.id}/ads-content/${row.adsContentId}`, { override: 'include' });
  await send('POST', `/v1/projects/${project.id}/ads/ad-accounts/oauth-url`, { platform: 'tiktok_ads', returnUrl: 'https://partner.example.com/back' });
  await call(base, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
  const account = (await send('GET', `/v1/projects/${project.id}/ads/ad-accounts`)).body.items[0];
  const created = (await send('POST', `/v1/projects/${project.id}/ads/tiktok/campaigns`, { adAccountId: account.adAccountId, name: 'Same', outcome: 'traffic', dailyBudgetCents: 4000, campaignManagementMode: 'autopilot', creativeMode: 'draft' })).body;
  await send('PATCH', `/v1/projects/${project.id}/ads/tiktok/campaigns/${created.platformResponse.campaignId}/budget`, { dailyBudgetCents: 4400 });
  await call(base, 'POST', '/_mock/clock/advance', { body: { ms: 2 * 86_400_000 } });
  await send('GET', `/v1/projects/${project.id}/ads-metrics?scope=project&id=${project.id}`);
  await send('GET', `/v1/projects/${project.id}/ads/reviews`);
  await send('GET', '/v1/audit-log?limit=200');
  return transcript;
}

describe('ads on a frozen clock', () => {
  it('repeats byte for byte', async () => {
    const left = await scriptedSession();
    const right = await scriptedSession();

    expect(left).toEqual(right);
    expect(left.join('\n')).toContain('"status":"dispatched"');
    expect(left.join('\n')).toContain('"eventType":"ads.write.executed"');
  });
});
