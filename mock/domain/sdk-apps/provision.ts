// Creating SDK apps and their ingest keys. A project has one app per platform. The ingest key
// is shown once; only its SHA-256 is kept.
import { createHash } from 'node:crypto';

import type { MockContext } from '../../context.ts';
import type { Project, SdkApp, SdkPlatform } from '../../state/types.ts';
import { appsOfProject, webPlatforms } from './identifiers.ts';

export const ingestEndpoint = 'https://in.layers.com/l/events';

export function hashIngestKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newIngestKey(mock: MockContext): string {
  return `lsk_${mock.ids.base64url(32)}`;
}

export interface NewSdkApp {
  name: string;
  platform: SdkPlatform;
  bundleId: string | null;
  androidPackage: string | null;
  webDomain: string | null;
}

export function createSdkAppRecord(mock: MockContext, project: Project, input: NewSdkApp, at: number): { app: SdkApp; apiKey: string } {
  const apiKey = newIngestKey(mock);
  const app: SdkApp = {
    appId: `app_${mock.ids.bytes(12).toString('hex')}`,
    organizationId: project.organizationId,
    projectId: project.id,
    ...input,
    keyHash: hashIngestKey(apiKey),
    capiPlatforms: [],
    createdAt: at,
    updatedAt: at,
    lastRotatedAt: null,
    lastEventAt: null,
  };
  mock.store.sdkApps.set(app.appId, app);
  return { app, apiKey };
}

/** The project's app of `platform`, created with identifiers derived from the repository when missing (GitHub ingest). */
export function provisionSdkApp(mock: MockContext, project: Project, platform: SdkPlatform, repoFullName: string, at: number): SdkApp {
  const existing = appsOfProject(mock, project.id).find((app) => app.platform === platform);
  if (existing !== undefined) {
    return existing;
  }

  const repoName = (repoFullName.split('/')[1] ?? 'app').toLowerCase().replace(/[^a-z0-9]+/g, '');
  const owner = (repoFullName.split('/')[0] ?? 'partner').toLowerCase().replace(/[^a-z0-9]+/g, '');
  const reverseDomain = `com.${owner || 'partner'}.${repoName || 'app'}`;

  return createSdkAppRecord(
    mock,
    project,
    {
      name: `${repoFullName} (${platform})`.slice(0, 128),
      platform,
      bundleId: platform === 'android' || webPlatforms.has(platform) ? null : reverseDomain,
      androidPackage: platform === 'android' ? reverseDomain : null,
      webDomain: webPlatforms.has(platform) ? `${repoName || 'app'}.example.com` : null,
    },
    at,
  ).app;
}
