// CAPI forwarding config. SDK app PATCH writes through to the project-level config, the one the
// relay reads (changelog 2026-05-08); GET …/ads/capi-status reads it back.
import { createHash } from 'node:crypto';

import type { MockContext } from '../../context.ts';
import { nullableIso } from '../../state/clock.ts';
import type { CapiPlatform, ProjectCapiConfig, SdkApp } from '../../state/types.ts';

export const capiPlatforms: CapiPlatform[] = ['meta', 'tiktok', 'apple'];

export const adsPlatformNames: Record<CapiPlatform, string> = { meta: 'meta_ads', tiktok: 'tiktok_ads', apple: 'apple_ads' };

export function capiConfigOf(mock: MockContext, projectId: string): ProjectCapiConfig {
  let config = mock.store.capiConfigs.get(projectId);
  if (config === undefined) {
    config = { projectId, platforms: {} };
    mock.store.capiConfigs.set(projectId, config);
  }
  return config;
}

/**
 * Derives a stable pixel id for a platform of the project. NOTE: the mock does not model the
 * ad-account connection that supplies the real one.
 */
function pixelIdFor(projectId: string, platform: CapiPlatform): string {
  const digits = createHash('sha256').update(`${projectId}:${platform}`).digest().readBigUInt64BE(0).toString().padStart(16, '0');
  return digits.slice(0, 16);
}

/** Writes the toggles of one app through to the project's config; the defect drops the write. */
export function applyCapiToggles(mock: MockContext, app: SdkApp, toggles: Partial<Record<CapiPlatform, { enabled: boolean }>>, at: number): void {
  const config = capiConfigOf(mock, app.projectId);

  for (const platform of capiPlatforms) {
    const toggle = toggles[platform];
    if (toggle === undefined) {
      continue;
    }
    if (!app.capiPlatforms.includes(platform)) {
      app.capiPlatforms.push(platform);
    }
    if (mock.config.defects.has('capi-write-through-dropped')) {
      continue;
    }
    config.platforms[platform] = { enabled: toggle.enabled, pixelId: pixelIdFor(app.projectId, platform), updatedAt: at, updatedByAppId: app.appId };
  }
}

/** Returns when the relay last forwarded an event of the project, counting events since `since`. */
export function lastForwardAt(mock: MockContext, projectId: string, since: number): number | null {
  let latest: number | null = null;
  for (const event of mock.store.telemetryEvents.values()) {
    if (event.projectId === projectId && event.ingestedAt >= since && (latest === null || event.ingestedAt > latest)) {
      latest = event.ingestedAt;
    }
  }
  return latest;
}

/** Builds the capi object of an SDK app: the project's state of each platform the app toggled. */
export function appCapiView(mock: MockContext, app: SdkApp): Record<string, unknown> {
  const config = mock.store.capiConfigs.get(app.projectId);
  const view: Record<string, unknown> = {};

  for (const platform of app.capiPlatforms) {
    const entry = config?.platforms[platform];
    if (entry === undefined) {
      continue;
    }
    view[platform] = {
      enabled: entry.enabled,
      pixelId: entry.pixelId,
      lastForwardAt: entry.enabled ? nullableIso(lastForwardAt(mock, app.projectId, entry.updatedAt)) : null,
    };
  }
  return view;
}
