// The model-based wallet run (D25) at full size against the mock, and the same run against a mock
// whose allocations skip the parent's ledger row, where it must fail with a shrunk counterexample.
import { afterEach, describe, expect, it } from 'vitest';

import { maxCommands, modelChecks } from '../suites/model.conformance.ts';
import { prepareTarget, runCheck, type PreparedTarget } from '../suites/lib/runner.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const modelCheck = modelChecks[0]!;
const opened: { mock: RunningMock; prepared: PreparedTarget }[] = [];

async function prepare(options: Parameters<typeof startMock>[0]): Promise<PreparedTarget> {
  const mock = await startMock(options);
  const minted = await mintKey(mock.baseUrl, { credits: 1000 });
  const prepared = await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key });
  opened.push({ mock, prepared });
  return prepared;
}

afterEach(async () => {
  for (const { mock, prepared } of opened.splice(0)) {
    await prepared.shared.agent.close();
    await mock.close();
  }
});

describe('model-based wallet run', () => {
  it('passes 200 runs of up to 30 commands', async () => {
    expect(maxCommands).toBe(30);
    const prepared = await prepare({ clock: 'frozen' });

    const result = await runCheck(modelCheck, prepared, { seed: 20260603, numRuns: 200, strict: true });

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('passed');
  }, 300_000);

  it('fails with a shrunk counterexample when the parent ledger row is skipped', async () => {
    const prepared = await prepare({ clock: 'frozen', defects: ['skip-parent-ledger-row'] });

    const result = await runCheck(modelCheck, prepared, { seed: 20260603, numRuns: 200, strict: true });

    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/shrunk \d+ time/);
    // Shrinking leaves the two commands that break conservation: a child and one allocation of 1.
    expect(result.reason).toMatch(/Counterexample: \[createChild\(\),allocate\(child 0, 1\)[ \]]/);
    expect(result.reason).toContain('sums to its balance');
    expect(result.counterexample).toBeDefined();
  }, 300_000);
});
