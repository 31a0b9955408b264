// Events: batch ingest, the event stream, user signal, conversions and Apple Search Ads
// attribution. Every view reads the events ingested through POST /v1/events.
import { principalOf, type Handler } from '../../context.ts';
import { notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { hasScope } from '../../http/scopes.ts';
import { findProject } from '../projects/rules.ts';
import { ingestEvents } from './ingest.ts';
import { piiScope } from './pii.ts';
import { attributionRecord, conversionRollup, defaultConversionEvents, eventsOfProject, isAttributedInstall, streamItem, userSignal } from './views.ts';

function splitNames(values: string | string[] | undefined): string[] | undefined {
  if (values === undefined) {
    return undefined;
  }
  const list = (Array.isArray(values) ? values : [values]).flatMap((value) => value.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  return list.length === 0 ? undefined : list;
}

export const telemetryHandlers: Record<string, Handler> = {
  ingestEvents,

  listProjectEvents(request) {
    const principal = principalOf(request);
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const names = splitNames(query.eventNames);
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const until = query.until === undefined ? undefined : Date.parse(query.until);

    const rows = eventsOfProject(request.mock, project.id).filter(
      (event) =>
        (query.appId === undefined || event.appId === query.appId) &&
        (names === undefined || names.includes(event.name)) &&
        (query.userId === undefined || event.appUserId === query.userId) &&
        (since === undefined || event.occurredAt >= since) &&
        (until === undefined || event.occurredAt < until),
    );

    const withPii = hasScope(principal.apiKey.scopes, piiScope);
    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (event) => ({ createdAt: event.occurredAt, id: event.eventId }) });
    return { status: 200, body: { items: page.items.map((event) => streamItem(event, withPii)), nextCursor: page.nextCursor } };
  },

  getUserSignal(request) {
    const principal = principalOf(request);
    const project = findProject(request, request.params.projectId);
    const signal = userSignal(eventsOfProject(request.mock, project.id), request.params.appUserId, request.now, hasScope(principal.apiKey.scopes, piiScope));
    if (signal === null) {
      throw notFound('App user', request.params.appUserId);
    }
    return { status: 200, body: signal };
  },

  getConversions(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const since = Date.parse(query.since);
    const until = Date.parse(query.until);
    if (until <= since) {
      throw validationError('until', `must be later than since (${query.since}).`);
    }

    const apps = request.mock.store.sdkApps;
    const body = conversionRollup(eventsOfProject(request.mock, project.id), {
      since,
      until,
      eventNames: splitNames(query.eventNames) ?? defaultConversionEvents,
      groupBy: (query.groupBy as string[] | undefined) ?? [],
      appId: query.appId,
      platformOf: (appId) => apps.get(appId)?.platform ?? 'unknown',
    });
    return { status: 200, body };
  },

  listAppleAdsAttribution(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const until = query.until === undefined ? undefined : Date.parse(query.until);

    const rows = eventsOfProject(request.mock, project.id).filter(
      (event) =>
        isAttributedInstall(event) &&
        (query.userId === undefined || event.appUserId === query.userId) &&
        (since === undefined || event.occurredAt >= since) &&
        (until === undefined || event.occurredAt <= until),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (event) => ({ createdAt: event.occurredAt, id: event.eventId }) });
    return { status: 200, body: { records: page.items.map(attributionRecord), nextCursor: page.nextCursor } };
  },
};
