// Behaviours of the mock itself: determinism on a frozen clock, no outbound fetches, the
// self-check of responses, and clear errors for client mistakes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { Handler } from '../mock/context.ts';
import { apiHandlers } from '../mock/domain/index.ts';
import { call, mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const repositoryRoot = join(import.meta.dirname, '..');
const adminKey = 'lp_test_ACMEPARTNERADMIN_BKm4rboDBlFnUJ3KtFf8TH1KW4KZTE_TQTGrl6W-irw';
const seededProject = 'prj_2c6c69b3-a2f7-4e97-8ae4-9e4b82579832';

const running: RunningMock[] = [];

async function start(options: Parameters<typeof startMock>[0] = {}): Promise<RunningMock> {
  const mock = await startMock(options);
  running.push(mock);
  return mock;
}

afterEach(async () => {
  for (const mock of running.splice(0)) {
    await mock.close();
  }
});

/** Uploads a demo video and creates an influencer, which ugc-remix needs; returns the influencer id. */
async function ugcRemixActor(baseUrl: string, key: string, projectId: string): Promise<string> {
  const media = await call(baseUrl, 'POST', `/v1/projects/${projectId}/app-media`, { key, body: { kind: 'demo-video', url: 'https://cdn.example.com/demo.mp4' } });
  expect(media.status).toBe(201);
  const influencer = await call(baseUrl, 'POST', `/v1/projects/${projectId}/influencers`, { key, body: {} });
  expect(influencer.status).toBe(202);
  return influencer.body.influencerId as string;
}

async function scriptedSession(baseUrl: string): Promise<string[]> {
  const transcript: string[] = [];
  const record = (reply: { status: number; headers: Record<string, string>; text: string }) =>
    transcript.push(`${reply.status} ${reply.headers['x-request-id']} ${reply.text}`);

  const project = await call(baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Deterministic', timezone: 'UTC', appName: 'Same App', appDescription: 'x'.repeat(120) } });
  record(project);
  const actor = await ugcRemixActor(baseUrl, adminKey, project.body.id);
  const job = await call(baseUrl, 'POST', `/v1/projects/${project.body.id}/content`, { key: adminKey, body: { format: 'ugc-remix', hook: 'Same hook', variantCount: 2, influencerId: actor } });
  record(job);
  await call(baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 5000 } });
  record(await call(baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey }));
  record(await call(baseUrl, 'GET', `/v1/content/${job.body.containerIds[1]}`, { key: adminKey }));
  record(await call(baseUrl, 'GET', '/v1/credits/events', { key: adminKey }));
  return transcript;
}

describe('frozen clock', () => {
  it('gives byte-identical responses for the same seed and requests', async () => {
    const first = await start({ clock: 'frozen' });
    const second = await start({ clock: 'frozen' });

    const left = await scriptedSession(first.baseUrl);
    const right = await scriptedSession(second.baseUrl);

    expect(left).toEqual(right);
    expect(left.join('\n')).toContain('"status":"completed"');
  });

  it('finishes a job only when the clock is advanced past its duration', async () => {
    const mock = await start({ clock: 'frozen' });
    const job = await call(mock.baseUrl, 'POST', `/v1/projects/${seededProject}/content/slideshow-builder`, { key: adminKey, body: { hook: 'Frozen' } });

    await new Promise((resolve) => setTimeout(resolve, 1700));
    const before = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey });
    expect(before.body.status).toBe('running');

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 1500 } });
    const after = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey });
    expect(after.body.status).toBe('completed');
  });
});

describe('jobs', () => {
  it('answer If-None-Match with 304 while unchanged', async () => {
    const mock = await start({ clock: 'frozen' });
    const job = await call(mock.baseUrl, 'POST', `/v1/projects/${seededProject}/content/slideshow-builder`, { key: adminKey, body: { hook: 'ETag' } });

    const first = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey });
    const unchanged = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey, headers: { 'if-none-match': first.headers.etag as string } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
    const changed = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key: adminKey, headers: { 'if-none-match': first.headers.etag as string } });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('completed');
  });

  it('cancel releases the reservation and stays canceled', async () => {
    const mock = await start({ clock: 'frozen' });
    const { key } = await mintKey(mock.baseUrl, { credits: 500 });
    const project = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Cancel me', timezone: 'UTC' } });
    const actor = await ugcRemixActor(mock.baseUrl, key, project.body.id);
    const job = await call(mock.baseUrl, 'POST', `/v1/projects/${project.body.id}/content`, { key, body: { format: 'ugc-remix', hook: 'Cancel', variantCount: 2, influencerId: actor } });

    const reserved = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(reserved.body.reservedCredits).toBe(240);
    expect(reserved.body.available).toBe(260);

    const cancel = await call(mock.baseUrl, 'POST', `/v1/jobs/${job.body.jobId}/cancel`, { key });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toEqual({ jobId: job.body.jobId, accepted: true });

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 10_000 } });
    const after = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key });
    expect(after.body.status).toBe('canceled');
    const wallet = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(wallet.body.reservedCredits).toBe(0);
    expect(wallet.body.balance).toBe(500);

    const again = await call(mock.baseUrl, 'POST', `/v1/jobs/${job.body.jobId}/cancel`, { key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ jobId: job.body.jobId, accepted: false, reason: 'ALREADY_CANCELED' });
  });

  it('a failed generation releases its credits', async () => {
    const mock = await start({ clock: 'frozen' });
    const { key } = await mintKey(mock.baseUrl, { credits: 100 });
    const project = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Fails', timezone: 'UTC' } });
    const job = await call(mock.baseUrl, 'POST', `/v1/projects/${project.body.id}/content/slideshow-builder`, { key, body: { hook: 'This one [mock:fail]s' } });

    await call(mock.baseUrl, 'POST', '/_mock/clock/advance', { body: { ms: 2000 } });
    const failed = await call(mock.baseUrl, 'GET', `/v1/jobs/${job.body.jobId}`, { key });
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error.code).toBe('GENERATION_FAILED');

    const wallet = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(wallet.body.balance).toBe(100);
    expect(wallet.body.available).toBe(100);
  });

  it('a generation that available cannot cover gets 402 and changes nothing', async () => {
    const mock = await start({ clock: 'frozen' });
    const { key } = await mintKey(mock.baseUrl, { credits: 99 });
    const project = await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: 'Poor', timezone: 'UTC' } });

    const denied = await call(mock.baseUrl, 'POST', `/v1/projects/${project.body.id}/content`, { key, body: { format: 'slideshow-builder', hook: 'Two', variantCount: 2 } });
    expect(denied.status).toBe(402);
    expect(denied.body.error.code).toBe('BILLING_EXHAUSTED');
    expect(denied.body.error.details.reason).toBe('balance');

    const list = await call(mock.baseUrl, 'GET', `/v1/projects/${project.body.id}/content`, { key });
    expect(list.body.items).toEqual([]);
    const wallet = await call(mock.baseUrl, 'GET', '/v1/credits', { key });
    expect(wallet.body.reservedCredits).toBe(0);
  });
});

describe('outbound traffic', () => {
  function sourceFiles(directory: string): string[] {
    return readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
    });
  }

  // Ways a module could reach the network as a client. node:http's createServer is a server.
  const clientPatterns = [/from 'undici'/, /from 'node:https'/, /from 'node:dns'/, /\bfetch\(/, /\bhttp\.(request|get)\(/, /\{[^}]*\b(request|get)\b[^}]*\} from 'node:http'/, /\bconnect\(/];

  it('no mock module outside webhook delivery imports an HTTP client or fetches', () => {
    const offenders = sourceFiles(join(repositoryRoot, 'mock'))
      .filter((path) => !path.includes(join('domain', 'webhooks')))
      .filter((path) => clientPatterns.some((pattern) => pattern.test(readFileSync(path, 'utf8'))));

    expect(offenders).toEqual([]);
  });

  it('an upload from an unresolvable host succeeds, because nothing is fetched', async () => {
    const mock = await start();
    const upload = await call(mock.baseUrl, 'POST', `/v1/projects/${seededProject}/content/upload`, {
      key: adminKey,
      body: { media: [{ url: 'https://never-resolves.layers-kit.invalid/clip.mp4' }], caption: '' },
    });

    expect(upload.status).toBe(201);
    expect(upload.body.preview.kind).toBe('video');
    expect(upload.body.preview.primaryUrl).not.toContain('never-resolves');
  });

  it.each([
    ['http://cdn.example.com/a.mp4', 'must use https'],
    ['https://localhost/a.mp4', 'localhost'],
    ['https://127.0.0.1/a.mp4', 'private'],
    ['https://10.1.2.3/a.jpg', 'private'],
    ['https://[::1]/a.jpg', 'private'],
    ['https://169.254.169.254/latest/meta-data.jpg', 'metadata'],
    ['https://user:pass@cdn.example.com/a.jpg', 'credentials'],
    ['https://cdn.example.com/a.gif', 'extension'],
  ])('rejects the upload URL %s', async (url, fragment) => {
    const mock = await start();
    const upload = await call(mock.baseUrl, 'POST', `/v1/projects/${seededProject}/content/upload`, { key: adminKey, body: { media: [{ url }], caption: '' } });

    expect(upload.status).toBe(422);
    expect(upload.body.error.details.issues[0].path).toBe('media.0.url');
    expect(upload.body.error.message).toContain(fragment);
  });
});

describe('response self-check', () => {
  it('answers 500 with the spec violations when a handler breaks the contract', async () => {
    const mock = await start();
    const original = apiHandlers.getWhoami as Handler;
    apiHandlers.getWhoami = () => ({ status: 200, body: { organizationId: 'not-an-org-id' } });

    try {
      const reply = await call(mock.baseUrl, 'GET', '/v1/whoami', { key: adminKey });
      expect(reply.status).toBe(500);
      expect(reply.body.error.code).toBe('INTERNAL');
      expect(reply.body.error.details.specViolations.join(' ')).toContain('organizationId');
    } finally {
      apiHandlers.getWhoami = original;
    }
  });
});

describe('client mistakes', () => {
  it.each([
    ['text body', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['truncated JSON', { rawBody: '{"name":', headers: {} }, 400, 'INVALID_JSON'],
    ['a JSON array', { rawBody: '[1,2]', headers: {} }, 422, 'VALIDATION'],
    ['a JSON string', { rawBody: '"x"', headers: {} }, 422, 'VALIDATION'],
  ])('get a 4xx envelope for %s', async (_label, options, status, code) => {
    const mock = await start();
    const reply = await call(mock.baseUrl, 'POST', '/v1/projects', { key: adminKey, ...options });

    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.requestId).toBe(reply.headers['x-request-id']);
  });

  it('rejects an unknown query parameter, naming it', async () => {
    const mock = await start();
    const reply = await call(mock.baseUrl, 'GET', '/v1/projects?colour=blue', { key: adminKey });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues).toEqual([{ path: 'colour', message: expect.stringContaining('not a query parameter') }]);
  });

  it('rejects a non-IANA time zone and creates nothing', async () => {
    const mock = await start();
    const reply = await call(mock.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Bad zone', timezone: 'Mars/Olympus' } });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].path).toBe('timezone');
    const list = await call(mock.baseUrl, 'GET', '/v1/projects?search=Bad%20zone', { key: adminKey });
    expect(list.body.items).toEqual([]);
  });

  it('refuses a duplicate customerExternalId with 409', async () => {
    const mock = await start();
    const first = await call(mock.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'First', timezone: 'UTC', customerExternalId: 'cust-1' } });
    const second = await call(mock.baseUrl, 'POST', '/v1/projects', { key: adminKey, body: { name: 'Second', timezone: 'UTC', customerExternalId: 'cust-1' } });

    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
  });

  it('does not open the control surface to a forged admin token', async () => {
    const mock = await start({ adminToken: 'secret-token' });
    const reply = await call(mock.baseUrl, 'GET', '/_mock/clock', { headers: { 'x-mock-admin-token': 'wrong' } });

    // Loopback callers are always let in; the token matters only for other addresses.
    expect(reply.status).toBe(200);
  });
});

describe('snapshots', () => {
  it('import again after growing past a megabyte', async () => {
    const mock = await start({ clock: 'frozen' });
    const { key } = await mintKey(mock.baseUrl);
    const metadata = { notes: 'x'.repeat(8000) };
    for (let index = 0; index < 150; index += 1) {
      await call(mock.baseUrl, 'POST', '/v1/projects', { key, body: { name: `Bulky ${index}`, timezone: 'UTC', metadata } });
    }

    const exported = await call(mock.baseUrl, 'GET', '/_mock/state');
    expect(exported.text.length).toBeGreaterThan(1024 * 1024);

    const imported = await call(mock.baseUrl, 'PUT', '/_mock/state', { rawBody: exported.text });
    expect(imported.status).toBe(204);
    const list = await call(mock.baseUrl, 'GET', '/v1/projects?search=Bulky&limit=200', { key });
    expect(list.body.items).toHaveLength(150);
  });
});
