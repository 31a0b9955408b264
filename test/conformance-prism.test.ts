// The suites against Prism's stateless mock of the same spec must fail: Prism responds to every
// operation from the schema and its examples, but keeps no state, so it replays nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from './helpers/cli.ts';
import { startPrism, type RunningPrism } from './helpers/prism.ts';

describe('layers-conformance against Prism\'s stateless mock', () => {
  let prism: RunningPrism;
  const reportDir = mkdtempSync(join(tmpdir(), 'layers-prism-'));

  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(async () => {
    await prism.close();
    rmSync(reportDir, { recursive: true, force: true });
  });

  it('exits 1, with failed documented checks and the control checks skipped', async () => {
    const run = await runCli(['--base-url', prism.baseUrl, '--api-key', `lp_test_${'A'.repeat(16)}_${'a'.repeat(43)}`, '--report-dir', reportDir, '--num-runs', '3', '--seed', '5', '--job-timeout', '1']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);

    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    const byId = new Map(results.checks.map((check: { id: string }) => [check.id, check]));
    expect((byId.get('idempotency.replay') as { status: string }).status).toBe('failed');
    expect((byId.get('control.keys-mint') as { status: string }).status).toBe('skipped');
    expect(results.capabilities.find((capability: { name: string }) => capability.name === 'control').available).toBe(false);
    expect(results.checks.filter((check: { status: string; gating: boolean }) => check.status === 'failed' && check.gating).length).toBeGreaterThan(10);

    // Prism's responses conform to the spec, thanks to its examples, so the stateful checks fail
    // on behaviour: a replay finds no project, and a job never ends.
    expect((byId.get('idempotency.replay') as { failureKind: string }).failureKind).toBe('behaviour');
    expect((byId.get('jobs.lifecycle') as { reason: string }).reason).toContain('was still running after 1 s');
    expect((byId.get('transport.id-formats') as { status: string }).status).toBe('passed');
  });
});
