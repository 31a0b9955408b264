// The project-setup checks fail against a mock with the defect each one guards against, so a
// passing run means the guarantee holds rather than that the check cannot fail.
import { afterEach, describe, expect, it } from 'vitest';

import { allChecks } from '../suites/index.ts';
import { prepareTarget, runCheck } from '../suites/lib/runner.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const running: RunningMock[] = [];

afterEach(async () => {
  for (const mock of running.splice(0)) {
    await mock.close();
  }
});

async function runAgainst(defects: string[], checkId: string) {
  const mock = await startMock({ defects });
  running.push(mock);
  const minted = await mintKey(mock.baseUrl, { credits: 10_000 });
  const prepared = await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key });
  const check = allChecks.find((entry) => entry.id === checkId);
  if (check === undefined) {
    throw new Error(`No check has the id ${checkId}.`);
  }
  try {
    return await runCheck(check, prepared, { seed: 20261204, numRuns: 10, strict: true });
  } finally {
    await prepared.shared.agent.close();
  }
}

const cases: [string, string, RegExp][] = [
  ['app-media-kind-unchecked', 'app-media.kind-rules', /is rejected/],
  ['events-dedupe-ignored', 'events.dedupe', /outcomes of the batch|each eventId once/],
  ['capi-write-through-dropped', 'sdk-apps.capi-write-through', /meta/],
];

describe('project-setup checks against a broken mock', () => {
  for (const [defect, checkId, reason] of cases) {
    it(`${checkId} fails with ${defect}`, async () => {
      const result = await runAgainst([defect], checkId);
      expect(result.status).toBe('failed');
      expect(result.reason).toMatch(reason);
    });

    it(`${checkId} passes without ${defect}`, async () => {
      const result = await runAgainst([], checkId);
      expect(result.status, result.reason).toBe('passed');
    });
  }
});
