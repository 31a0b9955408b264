// Clock-driven rules of approval, social accounts, publishing and uploads in the mock, on a frozen
// clock so every step is exact. Each describe block shares one mock, because its tests work in
// projects of their own and only move the clock forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const adminKey = 'lp_test_ACMEPARTNERADMIN_BKm4rboDBlFnUJ3KtFf8TH1KW4KZTE_TQTGrl6W-irw';
const minute = 60_000;
const day = 24 * 60 * minute;

let mock: RunningMock;

function useFreshMock(): void {
  beforeAll(async () => {
    mock = await startMock({ clock: 'frozen' });
  });

  afterAll(async () => {
    await mock.close();
  });
}

function api(method: string, path: string, body?: unknown) {
  return call(mock.baseUrl, method, path, { key: adminKey, body });
}

async function advance(ms: number): Promise<string> {
  return (await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } })).body.now as string;
}

async function newProject(): Promise<string> {
  const project = await api('POST', '/v1/projects', { name: 'Clock rules', timezone: 'UTC', appName: 'Clock App', appDescription: 'x'.repeat(120) });
  expect(project.status).toBe(201);
  return project.body.id as string;
}

async function connect(projectId: string): Promise<string> {
  const started = await api('POST', `/v1/projects/${projectId}/social/oauth-url`, { platform: 'tiktok', returnUrl: 'http://localhost:3000/back' });
  expect(started.status).toBe(200);
  const done = await call(mock.baseUrl, 'POST', `/_mock/social/oauth/${started.body.state}/complete`, { body: {} });
  expect(done.status).toBe(200);
  return done.body.socialAccountId as string;
}

async function upload(projectId: string): Promise<string> {
  const item = await api('POST', `/v1/projects/${projectId}/content/upload`, { media: [{ url: 'https://cdn.example.com/a.jpg' }], caption: 'c' });
  expect(item.status).toBe(201);
  return item.body.id as string;
}

describe('OAuth hand-off', () => {
  useFreshMock();

  it('expires after 10 minutes and can no longer complete', async () => {
    const projectId = await newProject();
    const started = await api('POST', `/v1/projects/${projectId}/social/oauth-url`, { platform: 'instagram', returnUrl: 'https://example.com/x' });

    await advance(10 * minute);
    const status = await api('GET', `/v1/social/oauth-status/${started.body.state}`);
    expect(status.body.status).toBe('expired');

    const late = await call(mock.baseUrl, 'POST', `/_mock/social/oauth/${started.body.state}/complete`, { body: {} });
    expect(late.status).toBe(409);
  });

  it('is visible only to the key that started it', async () => {
    const projectId = await newProject();
    const started = await api('POST', `/v1/projects/${projectId}/social/oauth-url`, { platform: 'tiktok', returnUrl: 'https://example.com/x' });
    const other = await call(mock.baseUrl, 'POST', '/_mock/keys', { body: { organizationId: 'org_9eb42718-9520-4ee8-bdd9-b2a7b9baa7f2' } });

    const foreign = await call(mock.baseUrl, 'GET', `/v1/social/oauth-status/${started.body.state}`, { key: other.body.key });
    expect(foreign.status).toBe(404);
  });

  it('takes a key allowlist set through the control surface', async () => {
    const minted = await call(mock.baseUrl, 'POST', '/_mock/keys', { body: { allowedReturnDomains: ['App.Partner.Example'] } });
    const projectId = (await call(mock.baseUrl, 'POST', '/v1/projects', { key: minted.body.key, body: { name: 'Allowlist', timezone: 'UTC' } })).body.id;
    const path = `/v1/projects/${projectId}/social/oauth-url`;

    const allowed = await call(mock.baseUrl, 'POST', path, { key: minted.body.key, body: { platform: 'tiktok', returnUrl: 'https://app.partner.example/done' } });
    const refused = await call(mock.baseUrl, 'POST', path, { key: minted.body.key, body: { platform: 'tiktok', returnUrl: 'https://example.com/done' } });
    const plainHttp = await call(mock.baseUrl, 'POST', path, { key: minted.body.key, body: { platform: 'tiktok', returnUrl: 'http://app.partner.example/done' } });

    expect(allowed.status).toBe(200);
    expect(refused.body.error.code).toBe('RETURN_URL_NOT_ALLOWED');
    expect(plainHttp.status).toBe(422);
  });
});

describe('publish-time gate', () => {
  useFreshMock();

  it('fails a due post whose account needs reauth', async () => {
    const projectId = await newProject();
    const accountId = await connect(projectId);
    const containerId = await upload(projectId);
    const published = await api('POST', `/v1/content/${containerId}/publish`, { targets: [{ socialAccountId: accountId, mode: 'publish' }] });
    expect(published.status).toBe(201);

    await call(mock.baseUrl, 'POST', `/_mock/social-accounts/${accountId}/needs-reauth`);
    await advance(30_000);

    const post = await api('GET', `/v1/scheduled-posts/${published.body.scheduledPosts[0].id}`);
    expect(post.body.status).toBe('failed');
    expect(post.body.lastError.code).toBe('CREDENTIAL_INVALID');
  });

  it('fails a due post whose content went back to review', async () => {
    const projectId = await newProject();
    const accountId = await connect(projectId);
    const job = await api('POST', `/v1/projects/${projectId}/content/slideshow-builder`, { hook: 'Gate' });
    await advance(2000);
    const containerId = job.body.containerIds[0] as string;
    const scheduled = await api('POST', `/v1/content/${containerId}/schedule`, { scheduledFor: new Date(Date.parse(await advance(0)) + 10 * minute).toISOString(), targets: [{ socialAccountId: accountId, mode: 'draft' }] });
    expect(scheduled.status).toBe(201);

    await api('PATCH', `/v1/projects/${projectId}/content-review-policy`, { policy: 'review_all' });
    const regenerated = await api('POST', `/v1/content/${containerId}/regenerate`, {});
    expect(regenerated.status).toBe(202);
    await advance(10 * minute);

    const post = await api('GET', `/v1/scheduled-posts/${scheduled.body.scheduledPosts[0].id}`);
    expect(post.body.status).toBe('failed');
    expect(post.body.lastError.code).toBe('APPROVAL_REQUIRED');
  });

  it('ends a draft target as draft', async () => {
    const projectId = await newProject();
    const accountId = await connect(projectId);
    const containerId = await upload(projectId);
    const published = await api('POST', `/v1/content/${containerId}/publish`, { targets: [{ socialAccountId: accountId, mode: 'draft' }] });

    await advance(40_000);
    const post = await api('GET', `/v1/scheduled-posts/${published.body.scheduledPosts[0].id}`);
    const events = await call(mock.baseUrl, 'GET', '/_mock/events?type=post.published');

    expect(post.body.status).toBe('draft');
    expect(events.body.items).toEqual([]);
  });
});

describe('tokens and timed approval', () => {
  useFreshMock();

  it('expires a token after 60 days', async () => {
    const projectId = await newProject();
    const accountId = await connect(projectId);

    await advance(60 * day - minute);
    expect((await api('GET', `/v1/social-accounts/${accountId}/health`)).body.status).toBe('connected');
    await advance(minute);
    expect((await api('GET', `/v1/social-accounts/${accountId}/health`)).body.status).toBe('reauth_required');
  });

  it('approves pending content after autoApproveAfter', async () => {
    const projectId = await newProject();
    const policy = await api('PATCH', `/v1/projects/${projectId}/approval-policy`, { requiresApproval: true, autoApproveAfter: 'PT30M' });
    expect(policy.status).toBe(200);
    const containerId = await upload(projectId);
    expect((await api('GET', `/v1/content/${containerId}`)).body.approvalStatus).toBe('pending');

    await advance(30 * minute);
    expect((await api('GET', `/v1/content/${containerId}`)).body.approvalStatus).toBe('approved');
  });

  it('rejects a calendar autoApproveAfter', async () => {
    const projectId = await newProject();
    const refused = await api('PATCH', `/v1/projects/${projectId}/approval-policy`, { autoApproveAfter: 'P1Y' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.issues[0].path).toBe('autoApproveAfter');
  });
});

describe('upload sessions', () => {
  useFreshMock();

  it('fail containers not finalized within 24 hours', async () => {
    const projectId = await newProject();
    const session = await api('POST', `/v1/projects/${projectId}/content/uploads`, { files: [{ filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 10 }] });
    const containerId = session.body.containers[0].containerId as string;

    await advance(day);
    const container = await api('GET', `/v1/content/${containerId}`);
    const late = await api('POST', `/v1/content/${containerId}/finalize-upload`, { caption: 'late' });

    expect(container.body.status).toBe('failed');
    expect(container.body.lastError.code).toBe('UPLOAD_EXPIRED');
    expect(late.status).toBe(409);
  });
});

describe('frozen clock', () => {
  useFreshMock();

  async function transcript(baseUrl: string): Promise<string[]> {
    const lines: string[] = [];
    const send = async (method: string, path: string, body?: unknown, control = false) => {
      const reply = await call(baseUrl, method, path, control ? { body } : { key: adminKey, body });
      lines.push(`${reply.status} ${reply.text}`);
      return reply;
    };

    const project = await send('POST', '/v1/projects', { name: 'Same flows', timezone: 'UTC' });
    const projectId = project.body.id as string;
    const started = await send('POST', `/v1/projects/${projectId}/social/oauth-url`, { platform: 'tiktok', returnUrl: 'https://example.com/x' });
    const done = await send('POST', `/_mock/social/oauth/${started.body.state}/complete`, {}, true);
    const item = await send('POST', `/v1/projects/${projectId}/content/upload`, { media: [{ url: 'https://cdn.example.com/a.mp4' }], caption: 'same' });
    await send('POST', `/v1/content/${item.body.id}/publish`, { targets: [{ socialAccountId: done.body.socialAccountId, mode: 'publish' }] });
    await send('POST', `/v1/projects/${projectId}/leased-accounts/request`, { projectId, count: 1, niche: { vertical: 'Pets' } });
    await send('POST', '/_mock/clock/advance', { ms: 20 * minute }, true);
    await send('GET', `/v1/projects/${projectId}/scheduled-posts`);
    await send('GET', `/v1/projects/${projectId}/social-accounts`);
    await send('GET', '/_mock/events', undefined, true);
    return lines;
  }

  it('replays publishing flows byte for byte', async () => {
    const second = await startMock({ clock: 'frozen' });
    try {
      const left = await transcript(mock.baseUrl);
      const right = await transcript(second.baseUrl);
      expect(left).toEqual(right);
      expect(left.join('\n')).toContain('"status":"published"');
    } finally {
      await second.close();
    }
  });
});
