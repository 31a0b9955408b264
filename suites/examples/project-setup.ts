// Examples for the project-setup areas: keywords and brand ingestion, app media, GitHub, SDK
// apps, events and influencers.
import { expectStatus } from '../lib/assert.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

/** The installation id the examples register; registering it again is a no-op. */
const exampleInstallationId = 424242;

// example.com is on the return-domain list of a key minted without one.
const exampleReturnUrl = 'https://example.com/github/callback';

async function projectId(context: ExampleContext): Promise<string> {
  return (await context.resource('project')).id as string;
}

async function createInfluencer(context: ExampleContext): Promise<any> {
  const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${await projectId(context)}/influencers`, body: { gender: 'female', ageRange: 'adult' } });
  expectStatus(exchange, 202, 'creating an example influencer');
  return exchange.response.body;
}

async function uploadMedia(context: ExampleContext, kind: string, url: string): Promise<any> {
  const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${await projectId(context)}/app-media`, body: { kind, url } });
  expectStatus(exchange, 201, `uploading an example ${kind}`);
  return exchange.response.body;
}

async function createSdkApp(context: ExampleContext): Promise<any> {
  const exchange = await context.target.call({
    method: 'POST',
    path: `/v1/projects/${await projectId(context)}/sdk-apps`,
    body: { name: 'Example web app', platform: 'nextjs', webDomain: 'app.example.com' },
  });
  expectStatus(exchange, 201, 'creating an example SDK app');
  return exchange.response.body;
}

async function installState(context: ExampleContext): Promise<string> {
  const exchange = await context.target.call({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl: exampleReturnUrl } });
  expectStatus(exchange, 200, 'getting a GitHub install URL');
  return exchange.response.body.state as string;
}

async function registerInstallation(context: ExampleContext): Promise<any> {
  const state = await installState(context);
  const exchange = await context.target.call({ method: 'POST', path: '/v1/github/installation', body: { installationId: exampleInstallationId, state } });
  expectStatus(exchange, [201, 409], 'registering the example GitHub installation');
  return exchange.response.body;
}

async function firstRepo(context: ExampleContext): Promise<any> {
  await context.resource('githubInstallation');
  const exchange = await context.target.call({ method: 'GET', path: '/v1/github/repos', query: { limit: 1 } });
  expectStatus(exchange, 200, 'listing the installation repositories');
  return exchange.response.body.items[0];
}

async function ingestExampleEvents(context: ExampleContext): Promise<any> {
  const app = await context.resource('sdkApp');
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  const exchange = await context.target.call({
    method: 'POST',
    path: '/v1/events',
    body: {
      projectId: await projectId(context),
      sdkAppId: app.appId,
      events: [
        { name: 'app_open', occurredAt, appUserId: 'example-user', eventId: `example-open-${Date.now()}`, context: { traits: { plan: 'pro' }, consent: { analytics: true, marketing: false, personalization: true } } },
        { name: 'purchase_success', occurredAt, appUserId: 'example-user', properties: { revenue: 9.99, currency: 'USD', product_id: 'pro_monthly', quantity: 1 } },
        { name: 'app_install', occurredAt, appUserId: 'example-user', context: { att: 'authorized', appleAds: { attribution: true, campaignId: 1001, adGroupId: 2002, countryOrRegion: 'US' } } },
      ],
    },
  });
  expectStatus(exchange, 200, 'ingesting example events');
  return { appUserId: 'example-user', occurredAt };
}

export const projectSetupExamples: ExampleArea = {
  resources: {
    influencer: createInfluencer,
    demoVideo: (context) => uploadMedia(context, 'demo-video', 'https://cdn.example.com/example/demo.mp4'),
    screenshot: (context) => uploadMedia(context, 'screenshot', 'https://cdn.example.com/example/screen.png'),
    sdkApp: createSdkApp,
    githubInstallation: registerInstallation,
    githubRepo: firstRepo,
    telemetry: ingestExampleEvents,
  },

  examples: {
    listKeywords: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/keywords` }),
    refreshKeywords: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/keywords/refresh`, body: {} }),
    ingestWebsite: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/ingest/website`, body: { url: 'https://www.example.com/', followLinks: true, maxPages: 3 } }),
    ingestAppStore: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/ingest/appstore`, body: { iosBundleId: 'com.example.habits', countryCode: 'de' } }),

    uploadAppMedia: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/app-media`, body: { kind: 'logo', url: 'https://cdn.example.com/example/logo.svg' } }),
    listAppMedia: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/app-media`, query: { kind: 'logo', limit: 10 } }),
    deleteAppMedia: async (context) => ({ method: 'DELETE', path: `/v1/projects/${await projectId(context)}/app-media/${(await context.fresh('screenshot')).id}` }),

    getGithubInstallUrl: () => ({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl: exampleReturnUrl, state: 'example-csrf-state' } }),
    registerGithubInstallation: async (context) => ({
      method: 'POST',
      path: '/v1/github/installation',
      body: { installationId: exampleInstallationId, state: await installState(context) },
      expect: [201, 409],
    }),
    getGithubInstallation: async (context) => {
      await context.resource('githubInstallation');
      return { method: 'GET', path: '/v1/github/installation' };
    },
    listGithubRepos: async (context) => {
      await context.resource('githubInstallation');
      return { method: 'GET', path: '/v1/github/repos', query: { search: 'ios', limit: 5 } };
    },
    listProjectGithubRepos: async (context) => {
      await context.resource('githubInstallation');
      return { method: 'GET', path: `/v1/projects/${await projectId(context)}/github/repos` };
    },
    ingestGithub: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${await projectId(context)}/ingest/github`,
      body: { repoFullName: (await context.resource('githubRepo')).fullName, openPR: false },
    }),

    createSdkApp: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/sdk-apps`, body: { name: 'Example iOS app', platform: 'ios', bundleId: 'com.example.habits' } }),
    listSdkApps: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/sdk-apps`, query: { platform: 'nextjs' } }),
    getSdkApp: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/sdk-apps/${(await context.resource('sdkApp')).appId}` }),
    patchSdkApp: async (context) => ({
      method: 'PATCH',
      path: `/v1/projects/${await projectId(context)}/sdk-apps/${(await context.resource('sdkApp')).appId}`,
      body: { name: 'Example web app (renamed)', capi: { meta: { enabled: true } } },
    }),
    getSdkInstallSpec: async (context) => ({
      method: 'GET',
      path: `/v1/projects/${await projectId(context)}/sdk-apps/${(await context.resource('sdkApp')).appId}/install-spec`,
      query: { platforms: 'nextjs,web' },
    }),
    verifySdkTracking: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${await projectId(context)}/sdk-apps/${(await context.resource('sdkApp')).appId}/verify-tracking`,
      body: { expectedEvents: ['app_open', 'purchase_success'] },
    }),
    getCapiStatus: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/ads/capi-status`, query: { platforms: ['meta_ads', 'tiktok_ads'] } }),

    ingestEvents: async (context) => ({
      method: 'POST',
      path: '/v1/events',
      body: {
        projectId: await projectId(context),
        sdkAppId: (await context.resource('sdkApp')).appId,
        events: [{ name: 'screen_view', occurredAt: new Date().toISOString(), appUserId: 'example-user', properties: { screen: 'home' } }],
      },
    }),
    listProjectEvents: async (context) => {
      await context.resource('telemetry');
      return { method: 'GET', path: `/v1/projects/${await projectId(context)}/events`, query: { eventNames: 'app_open,purchase_success', limit: 10 } };
    },
    getUserSignal: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/users/${(await context.resource('telemetry')).appUserId}/signal` }),
    getConversions: async (context) => {
      await context.resource('telemetry');
      const now = Date.now();
      return {
        method: 'GET',
        path: `/v1/projects/${await projectId(context)}/conversions`,
        query: { since: new Date(now - 86_400_000).toISOString(), until: new Date(now + 60_000).toISOString(), groupBy: ['eventName', 'day'] },
      };
    },
    listAppleAdsAttribution: async (context) => {
      await context.resource('telemetry');
      return { method: 'GET', path: `/v1/projects/${await projectId(context)}/apple-ads-attribution`, query: { userId: 'example-user' } };
    },

    createInfluencer: async (context) => ({ method: 'POST', path: `/v1/projects/${await projectId(context)}/influencers`, body: { gender: 'non_binary', ageRange: 'young_adult', prompt: 'Bright studio light' } }),
    listInfluencers: async (context) => ({ method: 'GET', path: `/v1/projects/${await projectId(context)}/influencers`, query: { limit: 5 } }),
    getInfluencer: async (context) => ({ method: 'GET', path: `/v1/influencers/${(await context.resource('influencer')).influencerId}` }),
    patchInfluencer: async (context) => ({ method: 'PATCH', path: `/v1/influencers/${(await context.resource('influencer')).influencerId}`, body: { name: 'Example Persona', ageRange: null } }),
    cloneInfluencer: async (context) => ({
      method: 'POST',
      path: `/v1/influencers/${(await context.resource('influencer')).influencerId}/clone`,
      body: { name: 'Example Persona (German)', overrides: { language: 'de' } },
    }),
    addInfluencerReferenceImages: async (context) => ({
      method: 'POST',
      path: `/v1/influencers/${(await context.resource('influencer')).influencerId}/reference-images`,
      body: { assetIds: [(await context.resource('screenshot')).id] },
    }),
    archiveInfluencer: async (context) => ({ method: 'DELETE', path: `/v1/influencers/${(await context.fresh('influencer')).influencerId}`, body: { reason: 'example' } }),
  },
};
