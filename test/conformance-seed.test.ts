// The same --seed replays the same counterexample: shown with the hook-normalized defect, which
// breaks the verbatim-hook guarantee only for hooks that Unicode NFKC normalization changes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from './helpers/cli.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, type RunningMock } from './helpers/mock-server.ts';

interface HookResult {
  status: string;
  seed: number;
  reason: string;
  counterexample: unknown;
  curl: string;
}

const reportRoot = mkdtempSync(join(tmpdir(), 'layers-seed-'));
let runs = 0;

async function runHookCheck(baseUrl: string, key: string, seed: number): Promise<{ code: number | null; result: HookResult }> {
  runs += 1;
  const reportDir = join(reportRoot, String(runs));
  const run = await runCli(['--base-url', baseUrl, '--api-key', key, '--report-dir', reportDir, '--only', 'content.hook-verbatim', '--seed', String(seed), '--num-runs', '25']);
  const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
  return { code: run.code, result: results.checks[0] as HookResult };
}

/** Returns the first line of a property failure: runs, seed, path and shrink count. */
function propertyLine(reason: string): string {
  return reason.split('\n')[0] ?? '';
}

describe('--seed against a mock that normalizes hooks', () => {
  let broken: RunningMock;
  let conforming: RunningMock;

  beforeAll(async () => {
    broken = await startMock({ defects: ['hook-normalized'] });
    conforming = await startMock();
  });
  afterAll(async () => {
    await broken.close();
    await conforming.close();
    rmSync(reportRoot, { recursive: true, force: true });
  });

  it('replays the same counterexample', async () => {
    const { key } = await mintKey(broken.baseUrl, { credits: 100_000 });

    const first = await runHookCheck(broken.baseUrl, key, 4242);
    const second = await runHookCheck(broken.baseUrl, key, 4242);

    expect(first.code).toBe(1);
    expect(second.code).toBe(1);
    expect(first.result.status).toBe('failed');
    expect(first.result.seed).toBe(4242);
    expect(first.result.counterexample).toBeDefined();
    expect(second.result.counterexample).toEqual(first.result.counterexample);
    expect(propertyLine(second.result.reason)).toBe(propertyLine(first.result.reason));
    expect(first.result.curl).toMatch(/^curl .*\/v1\/content\/cnt_/);
  });

  it('finds a hook that normalization changes', async () => {
    const { key } = await mintKey(broken.baseUrl, { credits: 100_000 });

    const { result } = await runHookCheck(broken.baseUrl, key, 4242);

    const [hook] = result.counterexample as [string];
    expect(hook.normalize('NFKC')).not.toBe(hook);
    expect(result.reason).toContain('the container keeps the hook verbatim');
  });

  it('passes with the same seed on a conforming mock', async () => {
    const { key } = await mintKey(conforming.baseUrl, { credits: 100_000 });

    const { code, result } = await runHookCheck(conforming.baseUrl, key, 4242);

    expect(code).toBe(0);
    expect(result.status).toBe('passed');
  });
});
