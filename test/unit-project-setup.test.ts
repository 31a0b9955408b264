// Unit tests of the project-setup rules that need no server: media kinds, platform identifiers,
// hashtag research, PII redaction and the telemetry views.
import { describe, expect, it } from 'vitest';

import { checkUpload } from '../mock/domain/app-media/handlers.ts';
import { researchHashtags } from '../mock/domain/projects/keywords.ts';
import { allowedIdentifiers, hasRequiredIdentifier } from '../mock/domain/sdk-apps/identifiers.ts';
import { redact } from '../mock/domain/telemetry/pii.ts';
import { conversionRollup, userSignal } from '../mock/domain/telemetry/views.ts';
import type { TelemetryEvent } from '../mock/state/types.ts';

const noDefects = new Set<string>();

function event(overrides: Partial<TelemetryEvent>): TelemetryEvent {
  return {
    eventId: `evt_${String(Math.random()).slice(2, 28).padEnd(26, '0')}`,
    organizationId: 'org_1',
    projectId: 'prj_1',
    appId: 'app_000000000000000000000001',
    clientEventId: null,
    name: 'app_open',
    appUserId: 'u-1',
    occurredAt: Date.parse('2026-03-01T00:00:00.000Z'),
    receivedAt: Date.parse('2026-03-01T00:00:00.000Z'),
    ingestedAt: Date.parse('2026-03-01T00:00:00.000Z'),
    properties: {},
    context: {},
    testEventCode: null,
    ...overrides,
  };
}

describe('app media upload rules', () => {
  it('maps allowed extensions to MIME types', () => {
    expect(checkUpload('logo', 'https://cdn.example.com/a.SVG', noDefects).mimeType).toBe('image/svg+xml');
    expect(checkUpload('screenshot', 'https://cdn.example.com/a.heic', noDefects).mimeType).toBe('image/heic');
    expect(checkUpload('demo-video', 'https://cdn.example.com/a.mov', noDefects).mimeType).toBe('video/quicktime');
  });

  it('rejects extensions outside the kind', () => {
    expect(() => checkUpload('end-card', 'https://cdn.example.com/a.svg', noDefects)).toThrow(/allowed type/);
    expect(() => checkUpload('demo-video', 'https://cdn.example.com/a.png', noDefects)).toThrow(/allowed type/);
    expect(() => checkUpload('logo', 'https://cdn.example.com/noextension', noDefects)).toThrow(/allowed type/);
  });

  it('applies the byte cap to the stated size', () => {
    expect(checkUpload('logo', 'https://cdn.example.com/a.png?mock-size-bytes=5242880', noDefects).sizeBytes).toBe(5_242_880);
    expect(() => checkUpload('logo', 'https://cdn.example.com/a.png?mock-size-bytes=5242881', noDefects)).toThrow(/above the logo limit/);
    expect(() => checkUpload('logo', 'https://cdn.example.com/a.png?mock-size-bytes=-1', noDefects)).toThrow(/positive whole number/);
  });

  it('assumes a size under the cap without a hint', () => {
    const { sizeBytes } = checkUpload('logo', 'https://cdn.example.com/any.png', noDefects);
    expect(sizeBytes).toBeGreaterThan(0);
    expect(sizeBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });
});

describe('SDK platform identifiers', () => {
  it('require the identifier of each platform', () => {
    expect(hasRequiredIdentifier('ios', { bundleId: 'com.a.b' })).toBe(true);
    expect(hasRequiredIdentifier('ios', { androidPackage: 'com.a.b' })).toBe(false);
    expect(hasRequiredIdentifier('react-router', { webDomain: 'a.example.com' })).toBe(true);
    expect(hasRequiredIdentifier('vite', {})).toBe(false);
  });

  it('take either store identifier for cross-platform mobile', () => {
    for (const platform of ['react-native', 'flutter', 'expo'] as const) {
      expect(allowedIdentifiers(platform)).toEqual(['bundleId', 'androidPackage']);
      expect(hasRequiredIdentifier(platform, { androidPackage: 'com.a.b' })).toBe(true);
      expect(hasRequiredIdentifier(platform, {})).toBe(false);
    }
  });
});

describe('hashtag research', () => {
  it('sorts by score, then viewCount, above the curation floor', () => {
    const bank = researchHashtags('Plan dinners for the whole family, shopping lists sorted by aisle, recipes kids actually eat, budgets that hold.');
    expect(bank.length).toBeGreaterThan(3);
    for (let index = 1; index < bank.length; index += 1) {
      const previous = bank[index - 1]!;
      const current = bank[index]!;
      expect(previous.score > current.score || (previous.score === current.score && previous.viewCount >= current.viewCount)).toBe(true);
    }
    expect(bank.every((entry) => entry.score >= 70 && entry.score <= 100)).toBe(true);
  });

  it('is deterministic', () => {
    const description = 'A calm habit tracker with streaks that forgive a missed day.';
    expect(researchHashtags(description)).toEqual(researchHashtags(description));
  });
});

describe('PII redaction', () => {
  it('redacts PII keys at any depth and keeps the rest', () => {
    expect(redact({ email: 'a@b.c', nested: { Phone: '+1', list: [{ ip: '1.2.3.4', ok: 1 }] }, plan: 'pro' })).toEqual({
      email: '[redacted]',
      nested: { Phone: '[redacted]', list: [{ ip: '[redacted]', ok: 1 }] },
      plan: 'pro',
    });
  });
});

describe('telemetry views', () => {
  const since = Date.parse('2026-03-01T00:00:00.000Z');
  const until = Date.parse('2026-03-10T00:00:00.000Z');
  const query = { since, until, eventNames: ['purchase_success'], groupBy: [] as string[], platformOf: () => 'web' };

  it('sums values by precedence and nulls mixed currencies', () => {
    const rollup = conversionRollup(
      [
        event({ name: 'purchase_success', properties: { revenue_amount: 5, revenue: 100, currency: 'EUR' } }),
        event({ name: 'purchase_success', properties: { price_amount: 1.25, currency: 'EUR' } }),
        event({ name: 'purchase_success', properties: { value: 2 } }),
      ],
      query,
    );
    expect(rollup.totals).toEqual({ count: 3, value: 8.25, currency: null });
  });

  it('reports one currency when every valued event has it', () => {
    const rollup = conversionRollup([event({ name: 'purchase_success', properties: { revenue: 3, currency: 'USD' } }), event({ name: 'purchase_success' })], query);
    expect(rollup.totals).toEqual({ count: 2, value: 3, currency: 'USD' });
  });

  it('excludes until and synthetic events', () => {
    const rollup = conversionRollup(
      [event({ name: 'purchase_success', occurredAt: until }), event({ name: 'purchase_success', testEventCode: 'TEST1' }), event({ name: 'purchase_success', occurredAt: since })],
      query,
    );
    expect(rollup.totals).toMatchObject({ count: 1 });
  });

  it('computes retention on whole days after the first event', () => {
    const first = Date.parse('2026-03-01T23:00:00.000Z');
    const day = 86_400_000;
    const signal = userSignal([event({ occurredAt: first }), event({ occurredAt: first + day + 1 }), event({ occurredAt: first + 30 * day })], 'u-1', first + 31 * day, true);
    expect(signal?.retention).toEqual({ day1: true, day7: false, day30: true });
    expect(signal?.eventCount30d).toBe(2);
  });

  it('returns null for a user without events', () => {
    expect(userSignal([event({})], 'someone-else', Date.now(), true)).toBeNull();
  });
});
