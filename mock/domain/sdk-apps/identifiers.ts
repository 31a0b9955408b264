// The identifiers each SDK platform needs, and the project-level platform ids derived from the
// project's apps.
import type { MockContext } from '../../context.ts';
import type { SdkApp, SdkPlatform } from '../../state/types.ts';

export type IdentifierField = 'bundleId' | 'androidPackage' | 'webDomain';

export const webPlatforms: ReadonlySet<SdkPlatform> = new Set(['web', 'nextjs', 'vite', 'react-router']);
const crossPlatformMobile: ReadonlySet<SdkPlatform> = new Set(['react-native', 'flutter', 'expo']);

/** The identifier fields a platform may carry. */
export function allowedIdentifiers(platform: SdkPlatform): IdentifierField[] {
  if (platform === 'ios') {
    return ['bundleId'];
  }
  if (platform === 'android') {
    return ['androidPackage'];
  }
  if (webPlatforms.has(platform)) {
    return ['webDomain'];
  }
  return ['bundleId', 'androidPackage'];
}

/** True when the set identifiers satisfy the platform: its one identifier, or one of the two for cross-platform mobile. */
export function hasRequiredIdentifier(platform: SdkPlatform, values: Partial<Record<IdentifierField, string | null>>): boolean {
  if (crossPlatformMobile.has(platform)) {
    return typeof values.bundleId === 'string' || typeof values.androidPackage === 'string';
  }
  return allowedIdentifiers(platform).every((field) => typeof values[field] === 'string');
}

export function appsOfProject(mock: MockContext, projectId: string): SdkApp[] {
  return [...mock.store.sdkApps.values()].filter((app) => app.projectId === projectId).sort((left, right) => left.createdAt - right.createdAt || (left.appId < right.appId ? -1 : 1));
}

/** platformIosBundleId, platformAndroidBundleId and platformWebDomain of a project, from its apps. */
export function platformIdentifiersOf(mock: MockContext, projectId: string): Record<string, string | null> {
  const apps = appsOfProject(mock, projectId);
  return {
    platformIosBundleId: apps.find((app) => app.platform === 'ios')?.bundleId ?? null,
    platformAndroidBundleId: apps.find((app) => app.platform === 'android')?.androidPackage ?? null,
    platformWebDomain: apps.find((app) => webPlatforms.has(app.platform))?.webDomain ?? null,
  };
}
