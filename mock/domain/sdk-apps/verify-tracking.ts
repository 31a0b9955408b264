// The active tracking probe: it records a synthetic event tagged with a test_event_code in the
// project's stream and reports which expected events the app has sent and which CAPI platforms
// confirmed the synthetic event.
import type { MockContext } from '../../context.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { SdkApp, TelemetryEvent } from '../../state/types.ts';
import { adsPlatformNames, capiPlatforms } from './capi.ts';

export interface VerifyOptions {
  expectedEvents: string[];
  sampleEventName: string;
}

export function verifyTracking(mock: MockContext, app: SdkApp, options: VerifyOptions, at: number): Record<string, unknown> {
  const sent = new Set<string>();
  let received = 0;
  for (const event of mock.store.telemetryEvents.values()) {
    if (event.appId === app.appId && event.testEventCode === null) {
      sent.add(event.name);
      received += 1;
    }
  }

  const missing = options.expectedEvents.filter((name) => !sent.has(name));
  let status = 'degraded';
  if (received === 0) {
    status = 'not_receiving';
  } else if (missing.length === 0) {
    status = 'healthy';
  }
  const lastEventAt = app.lastEventAt;

  const testEventCode = `TEST${mock.ids.upperAlphanumeric(8)}`;
  const synthetic: TelemetryEvent = {
    eventId: mock.ids.prefixedUlid('evt', at),
    organizationId: app.organizationId,
    projectId: app.projectId,
    appId: app.appId,
    clientEventId: null,
    name: options.sampleEventName,
    appUserId: null,
    occurredAt: at,
    receivedAt: at,
    ingestedAt: at,
    properties: { test_event_code: testEventCode },
    context: {},
    testEventCode,
  };
  mock.store.telemetryEvents.set(synthetic.eventId, synthetic);

  const config = mock.store.capiConfigs.get(app.projectId);
  const dispatch = capiPlatforms
    .filter((platform) => config?.platforms[platform]?.enabled === true)
    .map((platform) => ({ platform: adsPlatformNames[platform], confirmed: true, confirmedAt: isoTimestamp(at) }));

  return {
    status,
    appId: app.appId,
    lastEventAt: nullableIso(lastEventAt),
    expectedEvents: [...options.expectedEvents],
    missing,
    sampleEventName: options.sampleEventName,
    testEventCode,
    syntheticEventId: synthetic.eventId,
    dispatch,
  };
}
