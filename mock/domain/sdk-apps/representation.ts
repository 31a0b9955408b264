import type { MockContext } from '../../context.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { SdkApp } from '../../state/types.ts';
import { appCapiView } from './capi.ts';
import { ingestEndpoint } from './provision.ts';

export function sdkAppRepresentation(mock: MockContext, app: SdkApp): Record<string, unknown> {
  return {
    appId: app.appId,
    projectId: app.projectId,
    name: app.name,
    platform: app.platform,
    bundleId: app.bundleId,
    androidPackage: app.androidPackage,
    webDomain: app.webDomain,
    ingestEndpoint,
    capi: appCapiView(mock, app),
    createdAt: isoTimestamp(app.createdAt),
    lastRotatedAt: nullableIso(app.lastRotatedAt),
    lastEventAt: nullableIso(app.lastEventAt),
  };
}
