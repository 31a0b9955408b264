// Read views over a project's telemetry events: the stream, one user's signal, the conversion
// rollup and Apple Search Ads attribution records.
import type { MockContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { TelemetryEvent } from '../../state/types.ts';
import { redact } from './pii.ts';

const dayMs = 24 * 60 * 60 * 1000;

export function eventsOfProject(mock: MockContext, projectId: string): TelemetryEvent[] {
  return [...mock.store.telemetryEvents.values()].filter((event) => event.projectId === projectId);
}

export function streamItem(event: TelemetryEvent, withPii: boolean): Record<string, unknown> {
  return {
    eventId: event.eventId,
    clientEventId: event.clientEventId,
    appId: event.appId,
    name: event.name,
    appUserId: event.appUserId,
    occurredAt: isoTimestamp(event.occurredAt),
    receivedAt: isoTimestamp(event.receivedAt),
    properties: withPii ? structuredClone(event.properties) : redact(event.properties),
    context: withPii ? structuredClone(event.context) : redact(event.context),
    testEventCode: event.testEventCode,
  };
}

function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** Builds the signal of one user; returns null when the user has no events in the project. */
export function userSignal(events: TelemetryEvent[], appUserId: string, now: number, withPii: boolean): Record<string, unknown> | null {
  const own = events.filter((event) => event.appUserId === appUserId).sort((left, right) => left.occurredAt - right.occurredAt);
  const first = own[0];
  const last = own[own.length - 1];
  if (first === undefined || last === undefined) {
    return null;
  }

  let traits: Record<string, unknown> = {};
  let consent: Record<string, unknown> | null = null;
  let consentAt: number | null = null;
  for (const event of own) {
    const context = event.context;
    if (context.traits !== null && typeof context.traits === 'object') {
      traits = { ...traits, ...(context.traits as Record<string, unknown>) };
    }
    if (context.consent !== null && typeof context.consent === 'object') {
      consent = context.consent as Record<string, unknown>;
      consentAt = event.occurredAt;
    }
  }

  // Day N retention: an event on the Nth day after the first event, counted in whole days.
  const activeDays = new Set(own.map((event) => Math.floor((event.occurredAt - first.occurredAt) / dayMs)));

  return {
    appUserId,
    firstSeen: isoTimestamp(first.occurredAt),
    lastSeen: isoTimestamp(last.occurredAt),
    eventCount30d: own.filter((event) => event.occurredAt > now - 30 * dayMs && event.occurredAt <= now).length,
    properties: withPii ? traits : redact(traits),
    consent: {
      analytics: booleanOrNull(consent?.analytics),
      marketing: booleanOrNull(consent?.marketing),
      personalization: booleanOrNull(consent?.personalization),
      capturedAt: consentAt === null ? null : isoTimestamp(consentAt),
    },
    cohorts: [],
    retention: { day1: activeDays.has(1), day7: activeDays.has(7), day30: activeDays.has(30) },
    refreshedAt: isoTimestamp(now),
  };
}

export const defaultConversionEvents = ['purchase_success', 'subscribe_success', 'trial_start'];

/** The scan cap of the conversion rollup; past it the result is marked truncated. */
export const conversionScanCap = 50_000;

/** Returns the first numeric value among the documented keys, reading revenue (the ingest key) after revenue_amount. */
function valueOf(event: TelemetryEvent): number | null {
  for (const key of ['revenue_amount', 'revenue', 'price_amount', 'value']) {
    const value = event.properties[key];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
  }
  return null;
}

interface Accumulator {
  count: number;
  value: number | null;
  currencies: Set<string>;
}

function add(accumulator: Accumulator, event: TelemetryEvent): void {
  accumulator.count += 1;
  const value = valueOf(event);
  if (value !== null) {
    accumulator.value = (accumulator.value ?? 0) + value;
    const currency = event.properties.currency;
    accumulator.currencies.add(typeof currency === 'string' ? currency : 'unknown');
  }
}

function finish(accumulator: Accumulator): { count: number; value: number | null; currency: string | null } {
  const currencies = [...accumulator.currencies];
  const currency = currencies.length === 1 && currencies[0] !== 'unknown' ? (currencies[0] as string) : null;
  return { count: accumulator.count, value: accumulator.value === null ? null : Math.round(accumulator.value * 100) / 100, currency };
}

export interface ConversionQuery {
  since: number;
  until: number;
  eventNames: string[];
  groupBy: string[];
  appId?: string;
  platformOf(appId: string): string;
}

export function conversionRollup(events: TelemetryEvent[], query: ConversionQuery): Record<string, unknown> {
  const matching = events
    .filter(
      (event) =>
        event.testEventCode === null &&
        event.occurredAt >= query.since &&
        event.occurredAt < query.until &&
        query.eventNames.includes(event.name) &&
        (query.appId === undefined || event.appId === query.appId),
    )
    .sort((left, right) => left.occurredAt - right.occurredAt);

  const truncated = matching.length > conversionScanCap;
  const scanned = matching.slice(0, conversionScanCap);

  const totals: Accumulator = { count: 0, value: null, currencies: new Set() };
  const groups = new Map<string, { key: Record<string, string>; accumulator: Accumulator }>();

  for (const event of scanned) {
    add(totals, event);
    if (query.groupBy.length === 0) {
      continue;
    }

    const iso = isoTimestamp(event.occurredAt);
    const dimensions: Record<string, string> = {
      platform: query.platformOf(event.appId),
      appId: event.appId,
      eventName: event.name,
      day: iso.slice(0, 10),
      hour: `${iso.slice(0, 13)}:00:00.000Z`,
    };
    const key = Object.fromEntries(query.groupBy.map((dimension) => [dimension, dimensions[dimension] as string]));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, accumulator: { count: 0, value: null, currencies: new Set<string>() } };
    add(group.accumulator, event);
    groups.set(id, group);
  }

  const body: Record<string, unknown> = {
    window: { since: isoTimestamp(query.since), until: isoTimestamp(query.until) },
    totals: finish(totals),
    truncated,
  };
  if (query.groupBy.length > 0) {
    body.groups = [...groups.values()].map((group) => ({ key: group.key, ...finish(group.accumulator) }));
  }
  return body;
}

function integerOf(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : 0;
}

/** Tells whether the event carries an ATT-authorized Apple Search Ads attribution. */
export function isAttributedInstall(event: TelemetryEvent): boolean {
  const appleAds = event.context.appleAds as Record<string, unknown> | undefined;
  return event.context.att === 'authorized' && appleAds !== null && typeof appleAds === 'object' && (appleAds.attribution === true || appleAds.attribution === 'true');
}

export function attributionRecord(event: TelemetryEvent): Record<string, unknown> {
  const appleAds = event.context.appleAds as Record<string, unknown>;
  return {
    recordId: event.eventId,
    appUserId: event.appUserId,
    appId: event.appId,
    attribution: 'true',
    orgId: 0,
    campaignId: integerOf(appleAds.campaignId),
    adGroupId: integerOf(appleAds.adGroupId),
    keywordId: 0,
    creativeSetId: 0,
    countryOrRegion: typeof appleAds.countryOrRegion === 'string' ? appleAds.countryOrRegion : null,
    installedAt: isoTimestamp(event.occurredAt),
    clickDate: null,
  };
}
