// The sub-organization checks fail against a mock with a defect that breaks their guarantee, so a
// passing run against the conforming mock means something.
import { afterAll, describe, expect, it } from 'vitest';

import { allChecks } from '../suites/index.ts';
import { prepareTarget, runCheck, type PreparedTarget } from '../suites/lib/runner.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const opened = new Map<string, { mock: RunningMock; prepared: PreparedTarget }>();

afterAll(async () => {
  for (const { mock, prepared } of opened.values()) {
    await prepared.shared.agent.close();
    await mock.close();
  }
});

/** Runs one check against a mock with the defect; checks with the same defect share one mock. */
async function runAgainstDefect(checkId: string, defect: string): Promise<Awaited<ReturnType<typeof runCheck>>> {
  let entry = opened.get(defect);
  if (entry === undefined) {
    const mock = await startMock({ defects: [defect] });
    const minted = await mintKey(mock.baseUrl, { credits: 100_000 });
    entry = { mock, prepared: await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key }) };
    opened.set(defect, entry);
  }

  const check = allChecks.find((candidate) => candidate.id === checkId);
  if (check === undefined) {
    throw new Error(`No check has the id ${checkId}.`);
  }
  return runCheck(check, entry.prepared, { seed: 20260609, numRuns: 20, strict: true });
}

describe('sub-organization checks against broken mocks', () => {
  it('metadata boundaries catch lengths counted in UTF-16 code units', async () => {
    const result = await runAgainstDefect('metadata.create-boundaries', 'metadata-utf16-length');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/Counterexample/);
    expect(result.counterexample).toBeDefined();
  });

  it('metadata merge catches a PATCH that replaces the map', async () => {
    const result = await runAgainstDefect('metadata.patch-merge', 'metadata-patch-replaces');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/Counterexample/);
  });

  it('the metadata field cases catch a PATCH that replaces the map', async () => {
    const result = await runAgainstDefect('metadata.field-cases', 'metadata-patch-replaces');
    expect(result.status).toBe('failed');
  });

  it('allocate replay catches an ignored Idempotency-Key', async () => {
    const result = await runAgainstDefect('wallets.allocate-replay', 'idempotency-ignored');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/replay/);
  });

  it('the in-flight allocation check catches a double debit', async () => {
    const result = await runAgainstDefect('wallets.allocate-in-flight', 'idempotency-ignored');
    expect(result.status).toBe('failed');
  });

  it('the transfer check catches a missing parent ledger row', async () => {
    const result = await runAgainstDefect('wallets.allocate-transfer', 'skip-parent-ledger-row');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/one row on each ledger/);
  });
});
