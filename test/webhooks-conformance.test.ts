// The webhook checks fail against a mock broken on purpose, and run against a target without the
// control surface only through a public receiver URL.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { allChecks } from '../suites/index.ts';
import { prepareTarget, runCheck, type CheckResult, type PreparedTarget } from '../suites/lib/runner.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

const opened: { mock: RunningMock; prepared: PreparedTarget }[] = [];
let conforming: { mock: RunningMock; prepared: PreparedTarget };

async function open(options: Parameters<typeof startMock>[0] = {}): Promise<{ mock: RunningMock; prepared: PreparedTarget }> {
  const mock = await startMock(options);
  const minted = await mintKey(mock.baseUrl, { credits: 10_000 });
  return { mock, prepared: await prepareTarget({ baseUrl: mock.baseUrl, apiKey: minted.key }) };
}

async function shut(target: { mock: RunningMock; prepared: PreparedTarget }): Promise<void> {
  await target.prepared.shared.agent.close();
  await target.mock.close();
}

beforeAll(async () => {
  conforming = await open();
});

afterAll(async () => {
  await shut(conforming);
});

afterEach(async () => {
  for (const target of opened.splice(0)) {
    await shut(target);
  }
});

async function prepare(options: Parameters<typeof startMock>[0]): Promise<PreparedTarget> {
  const target = await open(options);
  opened.push(target);
  return target.prepared;
}

/** Returns a copy of the conforming mock's target, whose control surface a test may remove. */
function conformingTarget(): PreparedTarget {
  return { ...conforming.prepared };
}

async function runWebhookCheck(id: string, prepared: PreparedTarget, extra: { webhookPublicUrl?: string; webhookPort?: number } = {}): Promise<CheckResult> {
  const check = allChecks.find((candidate) => candidate.id === id);
  if (check === undefined) {
    throw new Error(`No check has the id ${id}.`);
  }
  if (extra.webhookPublicUrl !== undefined) {
    prepared.webhookPublicUrl = extra.webhookPublicUrl;
  }
  return runCheck(check, prepared, { seed: 20261204, numRuns: 5, strict: true, webhookPort: extra.webhookPort });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('webhook checks against broken mocks', () => {
  it.each([
    ['webhook-signature-reserialized', 'webhooks.signed-delivery', 'v1 signature does not match'],
    ['webhook-ladder-early', 'webhooks.retry-ladder', 'no attempt 2 one second before 30 s'],
    ['webhook-replay-same-event-id', 'webhooks.replay', 'one replay arrives'],
    ['webhook-rotation-single-signature', 'webhooks.rotation', 'one v1 per active secret'],
    ['webhook-event-id-per-attempt', 'webhooks.dedupe', 'both attempts carry the event id'],
    ['webhook-retry-final-4xx', 'webhooks.stop-rules', 'a receiver answering 400'],
    ['webhook-delete-keeps-retrying', 'webhooks.delete-abandons', 'the pending delivery is abandoned'],
  ])('%s fails %s', async (defect, checkId, fragment) => {
    const passing = await runWebhookCheck(checkId, conformingTarget());
    const failing = await runWebhookCheck(checkId, await prepare({ defects: [defect] }));

    expect(passing.status, passing.reason).toBe('passed');
    expect(failing.status).toBe('failed');
    expect(failing.reason).toContain(fragment);
  });
});

describe('webhook checks without the control surface', () => {
  it('skip signed delivery without a public URL', async () => {
    const prepared = conformingTarget();
    prepared.control = null;

    const result = await runWebhookCheck('webhooks.signed-delivery', prepared);

    expect(result.status).toBe('skipped');
    expect(result.reason).toContain('--webhook-public-url');
  });

  it('verify signed delivery through a public URL', async () => {
    // A fresh mock: the shared one's clock was advanced, and without the control surface the
    // check compares the signature time with this machine's clock.
    const prepared = await prepare({});
    prepared.control = null;
    const port = await freePort();

    const result = await runWebhookCheck('webhooks.signed-delivery', prepared, { webhookPublicUrl: `http://127.0.0.1:${port}/public-hooks`, webhookPort: port });

    expect(result.status, result.reason).toBe('passed');
  });
});
