// The ads, metrics and audit checks fail against a mock broken on purpose, so a passing run means
// something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adsChecks } from '../suites/ads.conformance.ts';
import { auditChecks } from '../suites/audit.conformance.ts';
import type { Check } from '../suites/lib/check.ts';
import { prepareTarget, runCheck, type PreparedTarget } from '../suites/lib/runner.ts';
import { metricsChecks } from '../suites/metrics.conformance.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

let mock: RunningMock;
let prepared: PreparedTarget;

beforeAll(async () => {
  mock = await startMock({ defects: ['ads-authority-ignored', 'audit-order-reversed', 'metrics-buckets-overlap'] });
  const minted = await mintKey(mock.baseUrl, { credits: 10_000 });
  prepared = await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key });
});

afterAll(async () => {
  await prepared.shared.agent.close();
  await mock.close();
});

function check(checks: Check[], id: string): Check {
  const found = checks.find((candidate) => candidate.id === id);
  if (found === undefined) {
    throw new Error(`No check ${id}.`);
  }
  return found;
}

describe('checks against a broken mock', () => {
  it('ads.authority-gate fails when the gate ignores authority', async () => {
    const result = await runCheck(check(adsChecks, 'ads.authority-gate'), prepared, { seed: 7, numRuns: 5, strict: true });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('manual campaign (tactical off): expected status 403');
  });

  it('ads.gate-property fails and shrinks when the gate ignores authority', async () => {
    const result = await runCheck(check(adsChecks, 'ads.gate-property'), prepared, { seed: 7, numRuns: 10, strict: true });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('Counterexample');
  });

  it('audit.requests-and-order fails when rows come oldest first', async () => {
    const result = await runCheck(check(auditChecks, 'audit.requests-and-order'), prepared, { seed: 7, numRuns: 5, strict: true });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('occurredAt DESC');
  });

  it('metrics.series-add-up fails when buckets overlap', async () => {
    const result = await runCheck(check(metricsChecks, 'metrics.series-add-up'), prepared, { seed: 7, numRuns: 5, strict: true });
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('add up to the total');
  });
});
