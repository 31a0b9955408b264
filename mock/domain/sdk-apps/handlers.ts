// SDK apps: create, list, get, patch (identifiers, CAPI write-through, key rotation), install
// spec, verify-tracking, and the project's CAPI status.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { ApiError, conflict, notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { hasScope } from '../../http/scopes.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { CapiPlatform, Project, SdkApp, SdkPlatform } from '../../state/types.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { adsPlatformNames, applyCapiToggles, capiPlatforms } from './capi.ts';
import { allowedIdentifiers, appsOfProject, hasRequiredIdentifier, type IdentifierField } from './identifiers.ts';
import { installSpec } from './install-spec.ts';
import { createSdkAppRecord, hashIngestKey, newIngestKey } from './provision.ts';
import { sdkAppRepresentation } from './representation.ts';
import { verifyTracking } from './verify-tracking.ts';

const identifierFields: IdentifierField[] = ['bundleId', 'androidPackage', 'webDomain'];

function findSdkApp(request: RequestContext, project: Project): SdkApp {
  const app = request.mock.store.sdkApps.get(request.params.appId);
  if (app === undefined || app.projectId !== project.id) {
    throw notFound('SDK app', request.params.appId);
  }
  return app;
}

/** Rejects identifiers the platform does not use (422 naming the field). */
function assertIdentifiersFit(platform: SdkPlatform, body: Partial<Record<IdentifierField, string>>): void {
  const allowed = allowedIdentifiers(platform);
  for (const field of identifierFields) {
    if (body[field] !== undefined && !allowed.includes(field)) {
      throw validationError(field, `is not used by platform ${platform}; a ${platform} app takes ${allowed.join(' or ')}.`);
    }
  }
}

function describeRequirement(platform: SdkPlatform): string {
  const allowed = allowedIdentifiers(platform);
  return allowed.length === 1 ? `${allowed[0]} is required for platform ${platform}.` : `${allowed.join(' or ')} is required for platform ${platform}.`;
}

const capiCountWindows = { hour: 60 * 60 * 1000, day: 24 * 60 * 60 * 1000 };

export const sdkAppHandlers: Record<string, Handler> = {
  createSdkApp(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { name: string; platform: SdkPlatform } & Partial<Record<IdentifierField, string>>;

    assertIdentifiersFit(body.platform, body);
    if (!hasRequiredIdentifier(body.platform, body)) {
      throw validationError(allowedIdentifiers(body.platform)[0] as string, describeRequirement(body.platform));
    }
    assertActive(project);
    const existing = appsOfProject(request.mock, project.id).find((app) => app.platform === body.platform);
    if (existing !== undefined) {
      throw conflict(`Project ${project.id} already has the ${body.platform} SDK app ${existing.appId}; a project has one app per platform. Rotate its key with PATCH rotateKey instead.`, {
        appId: existing.appId,
        platform: body.platform,
      });
    }

    const { app, apiKey } = createSdkAppRecord(
      request.mock,
      project,
      { name: body.name, platform: body.platform, bundleId: body.bundleId ?? null, androidPackage: body.androidPackage ?? null, webDomain: body.webDomain ?? null },
      request.now,
    );
    return { status: 201, body: { ...sdkAppRepresentation(request.mock, app), apiKey } };
  },

  listSdkApps(request) {
    const project = findProject(request, request.params.projectId);
    const rows = appsOfProject(request.mock, project.id).filter((app) => request.query.platform === undefined || app.platform === request.query.platform);
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (app) => ({ createdAt: app.createdAt, id: app.appId }) });
    return { status: 200, body: { items: page.items.map((app) => sdkAppRepresentation(request.mock, app)), nextCursor: page.nextCursor } };
  },

  getSdkApp(request) {
    const project = findProject(request, request.params.projectId);
    return { status: 200, body: sdkAppRepresentation(request.mock, findSdkApp(request, project)) };
  },

  patchSdkApp(request) {
    const principal = principalOf(request);
    const project = findProject(request, request.params.projectId);
    const app = findSdkApp(request, project);
    const body = request.body as { name?: string; capi?: Partial<Record<CapiPlatform, { enabled: boolean }>>; rotateKey?: boolean } & Partial<Record<IdentifierField, string>>;

    assertIdentifiersFit(app.platform, body);
    if (body.capi !== undefined && !hasScope(principal.apiKey.scopes, 'ads:write:capi')) {
      throw new ApiError(
        'FORBIDDEN_SCOPE',
        { reason: 'Changing capi on an SDK app also requires the scope ads:write:capi, which this API key does not have. Use a key whose scopes include it.' },
        { requiredScope: 'ads:write:capi' },
      );
    }

    if (body.name !== undefined) {
      app.name = body.name;
    }
    for (const field of identifierFields) {
      if (body[field] !== undefined) {
        app[field] = body[field] as string;
      }
    }
    if (body.capi !== undefined) {
      applyCapiToggles(request.mock, app, body.capi, request.now);
    }

    let apiKey: string | undefined;
    if (body.rotateKey === true) {
      apiKey = newIngestKey(request.mock);
      app.keyHash = hashIngestKey(apiKey);
      app.lastRotatedAt = request.now;
    }
    app.updatedAt = request.now;

    const representation = sdkAppRepresentation(request.mock, app);
    return { status: 200, body: apiKey === undefined ? representation : { ...representation, apiKey } };
  },

  getSdkInstallSpec(request) {
    const project = findProject(request, request.params.projectId);
    const app = findSdkApp(request, project);
    const requested = typeof request.query.platforms === 'string' ? (request.query.platforms.split(',') as SdkPlatform[]) : [app.platform];
    return { status: 200, body: installSpec(app, [...new Set(requested)]) };
  },

  verifySdkTracking(request) {
    const project = findProject(request, request.params.projectId);
    const app = findSdkApp(request, project);
    const body = (request.body ?? {}) as { expectedEvents?: string[]; sampleEventName?: string };

    const report = verifyTracking(
      request.mock,
      app,
      { expectedEvents: body.expectedEvents ?? ['app_open'], sampleEventName: body.sampleEventName ?? 'layers_test_event' },
      request.now,
    );
    return { status: 200, body: report };
  },

  getCapiStatus(request) {
    const project = findProject(request, request.params.projectId);
    const mock = request.mock;
    const config = mock.store.capiConfigs.get(project.id);
    const requested = request.query.platforms as string[] | undefined;

    const events = [...mock.store.telemetryEvents.values()].filter((event) => event.projectId === project.id && event.testEventCode === null);
    const platforms = capiPlatforms
      .filter((platform) => requested === undefined || requested.includes(adsPlatformNames[platform]))
      .map((platform) => {
        const entry = config?.platforms[platform];
        const enabled = entry?.enabled === true;
        const forwarded = enabled ? events.filter((event) => event.ingestedAt >= (entry as { updatedAt: number }).updatedAt) : [];
        const lastEventAt = forwarded.reduce<number | null>((latest, event) => (latest === null || event.ingestedAt > latest ? event.ingestedAt : latest), null);
        const last24h = forwarded.filter((event) => event.ingestedAt > request.now - capiCountWindows.day).length;
        let status = 'disabled';
        if (enabled) {
          status = last24h > 0 ? 'healthy' : 'idle';
        }

        return {
          platform: adsPlatformNames[platform],
          enabled,
          status,
          pixelId: entry?.pixelId ?? null,
          accessTokenValid: enabled ? true : null,
          accessTokenLastValidatedAt: enabled ? isoTimestamp(entry?.updatedAt ?? request.now) : null,
          eventsLast1h: enabled ? forwarded.filter((event) => event.ingestedAt > request.now - capiCountWindows.hour).length : null,
          eventsLast24h: enabled ? last24h : null,
          lastEventAt: nullableIso(lastEventAt),
          lastError: null,
        };
      });

    return { status: 200, body: { projectId: project.id, platforms } };
  },
};
