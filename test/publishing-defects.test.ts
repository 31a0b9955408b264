// The approval, publishing and engagement checks fail on a mock that breaks their guarantee on
// purpose, so their passing on the real mock means something. The operation walk also runs
// without a control surface, which takes the example paths that another target would take.
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

async function runAgainst(defects: string[], checkId: string, hideControl = false): Promise<{ status: string; reason?: string }> {
  const mock = await startMock({ defects });
  running.push(mock);
  const { key } = await mintKey(mock.baseUrl, { credits: 10_000 });
  const prepared = await prepareTarget({ baseUrl: mock.baseUrl, apiKey: key });
  const check = allChecks.find((candidate) => candidate.id === checkId);
  if (check === undefined) {
    throw new Error(`No check has the id ${checkId}.`);
  }

  try {
    return await runCheck(check, hideControl ? { ...prepared, control: null } : prepared, { seed: 7, numRuns: 5, strict: true });
  } finally {
    await prepared.shared.agent.close();
  }
}

describe('publishing checks against broken mocks', () => {
  it('approval.gate fails when the gate is ignored', async () => {
    const result = await runAgainst(['approval-gate-ignored'], 'approval.gate');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('publishing pending content');
  });

  it('publishing.lifecycle fails when posts never fall due', async () => {
    const result = await runAgainst(['scheduled-posts-stuck'], 'publishing.lifecycle');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('publishing');
  });

  it('engagement.config fails when a patch replaces', async () => {
    const result = await runAgainst(['engagement-patch-replaces'], 'engagement.config');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('merge');
  });
});

describe('operation walk without a control surface', () => {
  it('serves every operation on the fallback examples', async () => {
    const result = await runAgainst([], 'operations.every-operation-served', true);
    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('passed');
  });
});
