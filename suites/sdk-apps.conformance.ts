// SDK apps: the platform enum with its identifiers, one app per platform, the ingest key shown
// once, the install spec, CAPI write-through and the tracking probe.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';

/** Each platform with the identifiers it needs (changelog 2026-05-08 added nextjs, vite and react-router). */
const platforms: [string, Record<string, string>][] = [
  ['ios', { bundleId: 'com.kit.habits' }],
  ['android', { androidPackage: 'com.kit.habits' }],
  ['web', { webDomain: 'app.kit-habits.example' }],
  ['react-native', { bundleId: 'com.kit.rn' }],
  ['flutter', { androidPackage: 'com.kit.flutter' }],
  ['expo', { bundleId: 'com.kit.expo', androidPackage: 'com.kit.expo' }],
  ['nextjs', { webDomain: 'next.kit-habits.example' }],
  ['vite', { webDomain: 'vite.kit-habits.example' }],
  ['react-router', { webDomain: 'rr.kit-habits.example' }],
];

export const sdkAppChecks: Check[] = [
  defineCheck({
    id: 'sdk-apps.platforms',
    title: 'Every platform is created with its identifier, once per project, with the key shown once',
    area: 'sdk-apps',
    guarantees: ['SDK-PLATFORM-ENUM', 'SDK-ONE-PER-PLATFORM', 'SDK-KEY-ONCE'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const path = `/v1/projects/${project.id}/sdk-apps`;

      const missing = await target.call({ method: 'POST', path, body: { name: 'No domain', platform: 'nextjs' } });
      expectErrorCode(missing, 422, 'VALIDATION', 'a nextjs app without webDomain');
      expectEqual(missing.response.body.error.details.issues[0]?.path, 'webDomain', 'the issue names webDomain', missing);

      const foreign = await target.call({ method: 'POST', path, body: { name: 'Wrong id', platform: 'ios', bundleId: 'com.kit.x', webDomain: 'x.example.com' } });
      expectErrorCode(foreign, 422, 'VALIDATION', 'an ios app with a webDomain');

      const keys = new Set<string>();
      for (const [platform, identifiers] of platforms) {
        const created = await target.call({ method: 'POST', path, body: { name: `Kit ${platform}`, platform, ...identifiers } });
        expectStatus(created, 201, `create a ${platform} app`);
        expectTrue(typeof created.response.body.apiKey === 'string', `the ${platform} create response carries the ingest key`, created);
        keys.add(created.response.body.apiKey);
        expectEqual(created.response.body.capi, {}, 'a fresh app has capi {}', created);

        const read = await target.call({ method: 'GET', path: `${path}/${created.response.body.appId}` });
        expectStatus(read, 200, `GET the ${platform} app`);
        expectTrue(!('apiKey' in read.response.body), 'a read never shows the ingest key', read);
      }
      expectEqual(keys.size, platforms.length, 'every app gets its own key');

      const duplicate = await target.call({ method: 'POST', path, body: { name: 'Second iOS', platform: 'ios', bundleId: 'com.kit.second' } });
      expectErrorCode(duplicate, 409, 'CONFLICT', 'a second ios app in the project');

      const list = await target.call({ method: 'GET', path, query: { limit: 100 } });
      expectEqual((list.response.body.items as unknown[]).length, platforms.length, 'the list has one app per platform', list);
      expectTrue((list.response.body.items as Record<string, unknown>[]).every((item) => !('apiKey' in item)), 'the list never shows ingest keys', list);

      const project2 = await target.call({ method: 'GET', path: `/v1/projects/${project.id}` });
      expectEqual(project2.response.body.platformIosBundleId, 'com.kit.habits', 'the project shows the ios bundle id', project2);
      expectEqual(project2.response.body.platformAndroidBundleId, 'com.kit.habits', 'the project shows the android package', project2);
    },
  }),

  defineCheck({
    id: 'sdk-apps.install-spec',
    title: 'The install spec is deterministic and carries framework files for nextjs, vite and react-router',
    area: 'sdk-apps',
    guarantees: ['SDK-INSTALL-SPEC'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const app = (await target.call({ method: 'POST', path: `/v1/projects/${project.id}/sdk-apps`, body: { name: 'Kit web', platform: 'vite', webDomain: 'vite.example.com' } })).response.body;
      const path = `/v1/projects/${project.id}/sdk-apps/${app.appId}/install-spec`;

      const byDefault = await target.call({ method: 'GET', path });
      expectStatus(byDefault, 200, 'GET …/install-spec');
      expectEqual((byDefault.response.body.platforms as { platform: string }[]).map((entry) => entry.platform), ['vite'], 'the default is the app platform', byDefault);

      const all = 'ios,android,web,react-native,flutter,expo,nextjs,vite,react-router';
      const first = await target.call({ method: 'GET', path, query: { platforms: all } });
      const second = await target.call({ method: 'GET', path, query: { platforms: all } });
      expectStatus(first, 200, 'GET …/install-spec for every platform');
      expectEqual(second.response.text, first.response.text, 'the same request gives the same spec');

      for (const entry of first.response.body.platforms as { platform: string; filesToCreate: unknown[]; envVars: { value: string }[] }[]) {
        const framework = ['nextjs', 'vite', 'react-router'].includes(entry.platform);
        expectEqual(entry.filesToCreate.length > 0, framework, `${entry.platform} has filesToCreate exactly when it is a web framework`, first);
        expectTrue(entry.envVars.some((variable) => variable.value === app.appId), `${entry.platform} env vars carry the app id`, first);
      }
    },
  }),

  defineCheck({
    id: 'sdk-apps.capi-write-through',
    title: 'CAPI toggles write through to the project config, need ads:write:capi, and keys rotate',
    area: 'sdk-apps',
    guarantees: ['SDK-CAPI-WRITE-THROUGH', 'SDK-KEY-ONCE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ scopes: ['projects:read', 'projects:write', 'ads:read'] });
      const narrow = context.target.withKey(minted.key);
      const project = (await createProject(narrow)).response.body;
      const app = (await narrow.call({ method: 'POST', path: `/v1/projects/${project.id}/sdk-apps`, body: { name: 'Kit iOS', platform: 'ios', bundleId: 'com.kit.capi' } })).response.body;
      const path = `/v1/projects/${project.id}/sdk-apps/${app.appId}`;

      const denied = await narrow.call({ method: 'PATCH', path, body: { capi: { meta: { enabled: true } } } });
      expectErrorCode(denied, 403, 'FORBIDDEN_SCOPE', 'a capi change without ads:write:capi');
      expectEqual(denied.response.body.error.details?.requiredScope, 'ads:write:capi', 'details.requiredScope', denied);

      const wide = context.target.withKey((await context.control!.mintKey({ organizationId: minted.organizationId, scopes: ['projects:*', 'ads:write:*', 'ads:read'] })).key);
      const enabled = await wide.call({ method: 'PATCH', path, body: { capi: { meta: { enabled: true }, tiktok: { enabled: false } } } });
      expectStatus(enabled, 200, 'PATCH capi with ads:write:*');
      expectEqual(enabled.response.body.capi.meta?.enabled, true, 'the app shows meta enabled', enabled);
      expectTrue(!('apiKey' in enabled.response.body), 'a patch without rotateKey shows no key', enabled);

      const status = await wide.call({ method: 'GET', path: `/v1/projects/${project.id}/ads/capi-status` });
      expectStatus(status, 200, 'GET …/ads/capi-status');
      const byPlatform = Object.fromEntries((status.response.body.platforms as { platform: string; enabled: boolean; pixelId: string | null }[]).map((entry) => [entry.platform, entry]));
      expectEqual(byPlatform.meta_ads?.enabled, true, 'the project config has meta enabled', status);
      expectEqual(byPlatform.meta_ads?.pixelId, enabled.response.body.capi.meta.pixelId, 'the same pixel on the app and the project', status);
      expectEqual(byPlatform.tiktok_ads?.enabled, false, 'tiktok stays disabled', status);

      const rotated = await wide.call({ method: 'PATCH', path, body: { rotateKey: true } });
      expectStatus(rotated, 200, 'PATCH rotateKey');
      expectTrue(typeof rotated.response.body.apiKey === 'string' && rotated.response.body.apiKey !== app.apiKey, 'rotation returns a new key', rotated);
      expectTrue(rotated.response.body.lastRotatedAt !== null, 'lastRotatedAt is set', rotated);
    },
  }),

  defineCheck({
    id: 'sdk-apps.verify-tracking',
    title: 'verify-tracking reports missing expected events until they arrive',
    area: 'sdk-apps',
    guarantees: ['SDK-VERIFY-TRACKING'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const app = (await target.call({ method: 'POST', path: `/v1/projects/${project.id}/sdk-apps`, body: { name: 'Kit Android', platform: 'android', androidPackage: 'com.kit.probe' } })).response.body;
      const path = `/v1/projects/${project.id}/sdk-apps/${app.appId}/verify-tracking`;

      const silent = await target.call({ method: 'POST', path, body: { expectedEvents: ['app_open', 'signup'] } });
      expectStatus(silent, 200, 'verify-tracking before any event');
      expectEqual(silent.response.body.status, 'not_receiving', 'an app without events is not_receiving', silent);
      expectEqual(silent.response.body.missing, ['app_open', 'signup'], 'every expected event is missing', silent);

      const sent = await target.call({ method: 'POST', path: '/v1/events', body: { projectId: project.id, sdkAppId: app.appId, events: [{ name: 'app_open', occurredAt: new Date().toISOString() }] } });
      expectStatus(sent, 200, 'ingest app_open');

      const partial = await target.call({ method: 'POST', path, body: { expectedEvents: ['app_open', 'signup'] } });
      expectEqual(partial.response.body.status, 'degraded', 'some expected events arrived', partial);
      expectEqual(partial.response.body.missing, ['signup'], 'only signup is missing', partial);

      const healthy = await target.call({ method: 'POST', path, body: {} });
      expectEqual(healthy.response.body.status, 'healthy', 'the default expectation app_open is met', healthy);
      expectEqual(healthy.response.body.expectedEvents, ['app_open'], 'expectedEvents defaults to app_open', healthy);

      const stream = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/events`, query: { eventNames: 'layers_test_event' } });
      const probes = (stream.response.body.items as { eventId: string; testEventCode: string | null }[]).map((item) => item.eventId);
      expectTrue(probes.includes(healthy.response.body.syntheticEventId), 'the synthetic event is in the project stream', stream);
    },
  }),
];
