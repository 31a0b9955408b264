// The conformance CLI as a vendor runs it: a real child process against real servers, with its
// exit codes and its reports.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadSpec } from '../lib/openapi/spec.ts';
import { mintKey } from './helpers/http.ts';
import { startMock, unusedPort, type RunningMock } from './helpers/mock-server.ts';

const repositoryRoot = join(import.meta.dirname, '..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'layers-conformance.js'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, LAYERS_BASE_URL: '', LAYERS_API_KEY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const reportDirs: string[] = [];

function newReportDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'layers-conformance-'));
  reportDirs.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of reportDirs.splice(0)) {
    rmSync(directory, { recursive: true, force: true });
  }
});

describe('layers-conformance against a conforming mock', () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => mock.close());

  it('exits 0 and writes junit.xml and results.json', async () => {
    const { key } = await mintKey(mock.baseUrl, { credits: 10_000 });
    const reportDir = newReportDir();

    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', reportDir, '--num-runs', '5', '--seed', '7']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(reportDir, 'junit.xml'))).toBe(true);

    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(results.target).toBe(mock.baseUrl);
    expect(results.checks.length).toBeGreaterThan(10);
    // The firehose check needs POST /v1/organizations to create a child; until the spec has it,
    // that check is skipped and every other one passes.
    const notPassed = results.checks.filter((check: { status: string }) => check.status !== 'passed').map((check: { id: string }) => check.id);
    expect(notPassed).toEqual(loadSpec().byId.has('createOrganization') ? [] : ['webhooks.firehose']);
    expect(readFileSync(join(reportDir, 'results.json'), 'utf8')).not.toContain(key);
  });

  it('reads the target and key from the environment', async () => {
    const { key } = await mintKey(mock.baseUrl, { credits: 1000 });

    const run = await runCli(['--report-dir', newReportDir(), '--only', 'errors', '--num-runs', '3'], { LAYERS_BASE_URL: mock.baseUrl, LAYERS_API_KEY: key });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('errors.envelope');
  });

  it('exits 2 when the key is rejected', async () => {
    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', 'lp_test_AAAAAAAAAAAAAAAA_' + 'a'.repeat(43), '--report-dir', newReportDir()]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rejected the API key');
  });
});

describe('layers-conformance against a mock that ignores Idempotency-Key', () => {
  let broken: RunningMock;

  beforeAll(async () => {
    broken = await startMock({ defects: ['idempotency-ignored'] });
  });
  afterAll(async () => broken.close());

  it('exits 1 and names the broken guarantee with a reproduction', async () => {
    const { key } = await mintKey(broken.baseUrl, { credits: 10_000 });
    const reportDir = newReportDir();

    const run = await runCli(['--base-url', broken.baseUrl, '--api-key', key, '--report-dir', reportDir, '--only', 'idempotency', '--num-runs', '5', '--seed', '11']);

    expect(run.code).toBe(1);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    const replay = results.checks.find((check: { id: string }) => check.id === 'idempotency.replay');
    expect(replay.status).toBe('failed');
    expect(replay.guarantee).toContain('IDEMP-REPLAY-SAME-BODY');
    expect(replay.seed).toBe(11);
    expect(replay.curl).toMatch(/^curl .*\$LAYERS_API_KEY/);
    expect(replay.counterexample).toBeDefined();
  });
});

describe('layers-conformance that cannot start', () => {
  it('exits 2 against a port nothing listens on', async () => {
    const port = await unusedPort();

    const run = await runCli(['--base-url', `http://127.0.0.1:${port}`, '--api-key', 'lp_test_AAAAAAAAAAAAAAAA_' + 'a'.repeat(43), '--report-dir', newReportDir()]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot reach the target');
  });

  it('exits 2 on a bad flag, with the usage', async () => {
    const run = await runCli(['--no-such-flag']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: layers-conformance');
  });

  it('exits 2 without a target', async () => {
    const run = await runCli(['--api-key', 'x']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base-url');
  });
});
