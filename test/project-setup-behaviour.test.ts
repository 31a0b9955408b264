// Stateful project-setup behaviours on a frozen clock: jobs started on their own, influencer
// status over a job's stages, expiry of GitHub install states, and requests that must change
// nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const description = 'A calm habit tracker for people who hate habit trackers: one tap a day, and a streak that forgives a missed day.';

let mock: RunningMock;
let key: string;

beforeEach(async () => {
  mock = await startMock({ clock: 'frozen', jobDurationMs: 1000 });
  key = (await mintKey(mock.baseUrl, { credits: 1000, allowedReturnDomains: ['partner.example.com'] })).key;
});

afterEach(async () => {
  await mock.close();
});

const advance = (ms: number) => call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms } });
const api = (method: string, path: string, body?: unknown) => call(mock.baseUrl, method, path, { key, body });

async function project(body: Record<string, unknown> = {}): Promise<any> {
  const created = await api('POST', '/v1/projects', { name: `Setup ${Math.random().toString(36).slice(2, 8)}`, timezone: 'UTC', ...body });
  expect(created.status).toBe(201);
  return created.body;
}

describe('keyword research', () => {
  it('starts on create with appDescription', async () => {
    const created = await project({ appDescription: description });

    const before = await api('GET', `/v1/projects/${created.id}/keywords`);
    expect(before.body.refreshedAt).toBeNull();

    await advance(1000);
    const after = await api('GET', `/v1/projects/${created.id}/keywords`);
    expect(after.body.refreshedAt).not.toBeNull();
    expect(after.body.hashtags.length).toBeGreaterThan(0);
  });

  it('reruns only on a changed appDescription', async () => {
    const created = await project({ appDescription: description });
    await advance(1000);
    const first = (await api('GET', `/v1/projects/${created.id}/keywords`)).body.refreshedAt;

    await api('PATCH', `/v1/projects/${created.id}`, { appDescription: description });
    await advance(1000);
    expect((await api('GET', `/v1/projects/${created.id}/keywords`)).body.refreshedAt).toBe(first);

    await api('PATCH', `/v1/projects/${created.id}`, { appDescription: `${description} Now with reminders.` });
    await advance(1000);
    expect((await api('GET', `/v1/projects/${created.id}/keywords`)).body.refreshedAt).not.toBe(first);
  });
});

describe('influencer status', () => {
  it('moves pending, training, ready with the job', async () => {
    const created = await project();
    const started = await api('POST', `/v1/projects/${created.id}/influencers`, {});
    const path = `/v1/influencers/${started.body.influencerId}`;

    expect((await api('GET', path)).body.status).toBe('pending');
    await advance(300);
    expect((await api('GET', path)).body.status).toBe('training');
    await advance(700);
    const ready = await api('GET', path);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.imageUrl).toMatch(/^https:\/\/media\.layers-mock\.test\//);
  });

  it('fails on the marker and fronts no content', async () => {
    const created = await project();
    const started = await api('POST', `/v1/projects/${created.id}/influencers`, { prompt: 'portrait [mock:fail]' });
    await advance(1000);

    const failed = await api('GET', `/v1/influencers/${started.body.influencerId}`);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.errorMessage).toMatch(/marker/);

    const job = await api('GET', `/v1/jobs/${started.body.jobId}`);
    expect(job.body.status).toBe('failed');

    const rejected = await api('POST', `/v1/projects/${created.id}/content`, { format: 'slideshow-builder', hook: 'Hi', influencerId: started.body.influencerId });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.details.issues[0].path).toBe('influencerId');
  });

  it('of another organization is not found', async () => {
    const created = await project();
    const started = await api('POST', `/v1/projects/${created.id}/influencers`, {});
    const other = (await mintKey(mock.baseUrl)).key;

    const read = await call(mock.baseUrl, 'GET', `/v1/influencers/${started.body.influencerId}`, { key: other });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
  });
});

describe('brand ingestion', () => {
  it('keeps ingestState on the newest run of a source', async () => {
    const created = await project();
    const first = await api('POST', `/v1/projects/${created.id}/ingest/website`, { url: 'https://one.example.com/' });
    await advance(500);
    const second = await api('POST', `/v1/projects/${created.id}/ingest/website`, { url: 'https://two.example.com/' });

    await advance(500);
    const midway = await api('GET', `/v1/projects/${created.id}`);
    expect(midway.body.ingestState.website).toMatchObject({ status: 'running', jobId: second.body.jobId });
    expect((await api('GET', `/v1/jobs/${first.body.jobId}`)).body.status).toBe('completed');

    await advance(500);
    const done = await api('GET', `/v1/projects/${created.id}`);
    expect(done.body.ingestState.website).toMatchObject({ status: 'completed', jobId: second.body.jobId });
    expect(done.body.appName).toBe('One');
  });

  it('never overwrites fields the partner set', async () => {
    const created = await project({ appName: 'Partner Name', tagline: 'Partner tagline' });
    await api('POST', `/v1/projects/${created.id}/ingest/appstore`, { iosBundleId: 'com.store.scraped' });
    await advance(1000);

    const after = await api('GET', `/v1/projects/${created.id}`);
    expect(after.body.appName).toBe('Partner Name');
    expect(after.body.tagline).toBe('Partner tagline');
    expect(after.body.brandContext.audience).toMatch(/Scraped/);
  });

  it('rejects an archived project with 409', async () => {
    const created = await project();
    await api('DELETE', `/v1/projects/${created.id}`);

    const rejected = await api('POST', `/v1/projects/${created.id}/ingest/website`, { url: 'https://www.example.com/' });
    expect(rejected.status).toBe(409);
    expect((await api('GET', `/v1/projects/${created.id}`)).body.ingestState.website).toBeNull();
  });

  it('rejects a private website URL', async () => {
    const created = await project();
    const rejected = await api('POST', `/v1/projects/${created.id}/ingest/website`, { url: 'https://169.254.169.254/latest/' });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.details.issues[0].path).toBe('url');
  });
});

describe('GitHub install state', () => {
  it('expires 15 minutes after it was issued', async () => {
    const issued = await api('GET', '/v1/github/installation/install-url?returnUrl=https%3A%2F%2Fpartner.example.com%2Fcb');
    expect(issued.status).toBe(200);

    await advance(15 * 60 * 1000);
    const late = await api('POST', '/v1/github/installation', { installationId: 5, state: issued.body.state });
    expect(late.status).toBe(422);
    expect(late.body.error.details.issues[0].path).toBe('state');
  });

  it('is used up by a registration', async () => {
    const issued = await api('GET', '/v1/github/installation/install-url?returnUrl=https%3A%2F%2Fpartner.example.com%2Fcb');
    expect((await api('POST', '/v1/github/installation', { installationId: 5, state: issued.body.state })).status).toBe(201);

    const other = (await mintKey(mock.baseUrl)).key;
    const reused = await call(mock.baseUrl, 'POST', '/v1/github/installation', { key: other, body: { installationId: 6, state: issued.body.state } });
    expect(reused.status).toBe(422);
  });
});

describe('SDK apps', () => {
  it('reject a foreign identifier on PATCH', async () => {
    const created = await project();
    const app = await api('POST', `/v1/projects/${created.id}/sdk-apps`, { name: 'iOS', platform: 'ios', bundleId: 'com.a.b' });

    const rejected = await api('PATCH', `/v1/projects/${created.id}/sdk-apps/${app.body.appId}`, { name: 'Renamed', webDomain: 'a.example.com' });
    expect(rejected.status).toBe(422);
    expect((await api('GET', `/v1/projects/${created.id}/sdk-apps/${app.body.appId}`)).body.name).toBe('iOS');
  });

  it('count forwarded events once CAPI is on', async () => {
    const created = await project();
    const app = await api('POST', `/v1/projects/${created.id}/sdk-apps`, { name: 'Web', platform: 'web', webDomain: 'a.example.com' });
    const send = () => api('POST', '/v1/events', { projectId: created.id, sdkAppId: app.body.appId, events: [{ name: 'page_view', occurredAt: '2026-01-01T00:00:00Z' }] });

    await send();
    await advance(1000);
    await api('PATCH', `/v1/projects/${created.id}/sdk-apps/${app.body.appId}`, { capi: { meta: { enabled: true } } });
    await advance(1000);
    await send();
    await send();

    const status = await api('GET', `/v1/projects/${created.id}/ads/capi-status?platforms=meta_ads`);
    expect(status.body.platforms).toHaveLength(1);
    expect(status.body.platforms[0]).toMatchObject({ platform: 'meta_ads', status: 'healthy', eventsLast1h: 2, eventsLast24h: 2 });

    await advance(25 * 60 * 60 * 1000);
    const later = await api('GET', `/v1/projects/${created.id}/ads/capi-status?platforms=meta_ads`);
    expect(later.body.platforms[0]).toMatchObject({ status: 'idle', eventsLast24h: 0 });
  });
});
