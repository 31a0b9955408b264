// Runs every conformance check against an in-process mock, one vitest test per check.
import { afterAll, beforeAll, describe, it } from 'vitest';

import { allChecks } from '../suites/index.ts';
import { prepareTarget, runCheck, type PreparedTarget } from '../suites/lib/runner.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

let mock: RunningMock;
let prepared: PreparedTarget;

beforeAll(async () => {
  mock = await startMock({ jobDurationMs: 300 });
  const minted = await mintKey(mock.baseUrl, { credits: 100_000 });
  prepared = await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key, startedByRunner: true });
});

afterAll(async () => {
  await prepared.shared.agent.close();
  await mock.close();
});

describe('conformance suites against the mock', () => {
  for (const check of allChecks) {
    it(`${check.id} [${check.guarantees.join(', ')}]`, async (test) => {
      const result = await runCheck(check, prepared, { seed: 20261204, numRuns: 15, strict: true });

      if (result.status === 'skipped') {
        test.skip(result.reason);
      }
      if (result.status === 'failed') {
        throw new Error(`${result.reason}\n${result.curl ?? ''}`);
      }
    });
  }
});
