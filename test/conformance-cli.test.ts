// The conformance CLI as a vendor runs it: a real child process against real servers, with its
// exit codes and its reports.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadGuarantees } from '../suites/lib/catalogue.ts';
import { runCli } from './helpers/cli.ts';
import { call, mintKey } from './helpers/http.ts';
import { startMock, unusedPort, type RunningMock } from './helpers/mock-server.ts';

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

/** Creates a logger for the mock that collects every request it serves as "METHOD route". */
function requestLog(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter((entry) => entry !== '')) {
        const record = JSON.parse(line) as { msg: string; method?: string; route?: string };
        if (record.msg === 'request') {
          lines.push(`${record.method} ${record.route}`);
        }
      }
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('layers-conformance against a conforming mock', () => {
  let mock: RunningMock;
  const log = requestLog();

  beforeAll(async () => {
    mock = await startMock({ logger: log.logger, jobDurationMs: 300 });
  });
  afterAll(async () => mock.close());

  it('exits 0 and writes junit.xml, results.json and report.html', async () => {
    const { key, organizationId } = await mintKey(mock.baseUrl, { credits: 10_000 });
    const reportDir = newReportDir();

    // The mock runs on this machine, so the webhook checks' receiver on 127.0.0.1 is reachable
    // without --webhook-public-url.
    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', reportDir, '--num-runs', '5', '--seed', '7']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(reportDir, 'junit.xml'))).toBe(true);
    expect(readFileSync(join(reportDir, 'report.html'), 'utf8')).toContain('<table id="matrix">');

    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(results.target).toBe(mock.baseUrl);
    expect(results.checks.length).toBeGreaterThan(40);
    expect(results.checks.filter((check: { status: string }) => check.status === 'failed')).toEqual([]);
    expect(readFileSync(join(reportDir, 'results.json'), 'utf8')).not.toContain(key);

    const named = new Set(results.checks.flatMap((check: { guarantee: string[] }) => check.guarantee));
    expect(loadGuarantees().map((guarantee) => guarantee.id).filter((id) => !named.has(id))).toEqual([]);

    const capabilities = Object.fromEntries(results.capabilities.map((capability: { name: string; available: boolean }) => [capability.name, capability.available]));
    expect(capabilities).toEqual({ control: true, exclusive: false, webhooks: true });
    const skipped = results.checks.filter((check: { status: string }) => check.status === 'skipped');
    expect(skipped.map((check: { id: string }) => check.id).sort()).toEqual(['control.faults-registry', 'control.kill-switch', 'control.reset-and-restore', 'keys.kill-switch-global']);
    expect(skipped[0].reason).toContain('did not start this target');

    // Every project of the run's organization is archived, and so is every other project the
    // run made with keys it minted in other organizations.
    const projects = [...mock.server.mock.store.projects.values()].filter((project) => project.organizationId === organizationId);
    const archivedIds = results.cleanup.archived.map((entry: { id: string }) => entry.id);
    expect(projects.length).toBeGreaterThan(10);
    expect(projects.map((project) => project.id).filter((id) => !archivedIds.includes(id))).toEqual([]);
    const store = mock.server.mock.store;
    const notArchived = results.cleanup.archived.filter((entry: { kind: string; id: string }) => {
      if (entry.kind === 'child organization') {
        return store.organizations.get(entry.id)?.status !== 'archived';
      }
      // A project of a child that was later archived is left as the child's archive found it.
      const project = store.projects.get(entry.id);
      return project?.status !== 'archived' && store.organizations.get(project?.organizationId ?? '')?.status !== 'archived';
    });
    expect(notArchived).toEqual([]);
    expect(results.cleanup.failures).toEqual([]);
    const archivedChildren = results.cleanup.archived.filter((entry: { kind: string }) => entry.kind === 'child organization').length;
    expect(archivedChildren).toBeGreaterThan(0);
    expect(run.stdout).toContain(`Archived: ${archivedChildren} child organizations, ${archivedIds.length - archivedChildren} projects.`);
  });

  it('never resets, restores, faults or kills a target it did not start', () => {
    const forbidden = log.lines.filter((line) => /^(POST \/_mock\/reset|PUT \/_mock\/state|POST \/_mock\/faults|DELETE \/_mock\/faults|POST \/_mock\/kill-switch)/.test(line));

    expect(log.lines.length).toBeGreaterThan(100);
    expect(log.lines).toContain('POST /_mock/clock/advance');
    expect(forbidden).toEqual([]);
  });

  it('skips what would pass --max-credits, and says why', async () => {
    const { key } = await mintKey(mock.baseUrl, { credits: 10_000 });
    const reportDir = newReportDir();

    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', reportDir, '--only', 'flow.getting-started,errors.envelope', '--max-credits', '20']);

    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    const flow = results.checks.find((check: { id: string }) => check.id === 'flow.getting-started');
    expect(flow.status).toBe('skipped');
    expect(flow.reason).toContain('--max-credits 20');
    expect(results.credits).toEqual({ spent: 0, max: 20 });
  });

  it('waits out a 429 with Retry-After without failing the check', async () => {
    const { key } = await mintKey(mock.baseUrl, { credits: 1000 });
    const fault = await call(mock.baseUrl, 'POST', '/_mock/faults', { body: { method: 'GET', path: '/v1/credits', status: 429, count: 1 } });
    expect(fault.status).toBe(201);
    const reportDir = newReportDir();
    const closedUrl = `http://127.0.0.1:${await unusedPort()}/hooks`;

    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', reportDir, '--only', 'errors.request-id-on-success', '--webhook-public-url', closedUrl]);

    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(results.checks[0].status).toBe('passed');
    expect(results.rateLimit).toEqual({ retries: 1, waitedSeconds: 1 });

    const webhooks = results.capabilities.find((capability: { name: string }) => capability.name === 'webhooks');
    expect(webhooks.available).toBe(false);
    expect(webhooks.reason).toContain('did not respond');
  });

  it('archives and reports when interrupted with Ctrl-C', async () => {
    const { key, organizationId } = await mintKey(mock.baseUrl, { credits: 10_000 });
    const reportDir = newReportDir();
    let signaled = false;

    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', reportDir, '--only', 'transport,jobs', '--num-runs', '3'], {}, (output, child) => {
      if (!signaled && output.includes('PASS  transport.json-responses')) {
        signaled = true;
        // A terminal's Ctrl-C reaches a wrapper and the runner both, so the runner can see one
        // key press twice in quick succession; it must still archive and report.
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGINT'), 20);
      }
    });

    expect(signaled).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted');
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    const interrupted = results.checks.filter((check: { reason?: string }) => check.reason === 'The run was interrupted before this check started.');
    expect(interrupted.length).toBeGreaterThan(5);
    expect(results.exitCode).toBe(130);

    const projects = [...mock.server.mock.store.projects.values()].filter((project) => project.organizationId === organizationId);
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.filter((project) => project.status !== 'archived').map((project) => project.id)).toEqual([]);
  });

  it('reads the target and key from the environment', async () => {
    const { key } = await mintKey(mock.baseUrl, { credits: 1000 });

    const run = await runCli(['--report-dir', newReportDir(), '--only', 'errors', '--num-runs', '3'], { LAYERS_BASE_URL: mock.baseUrl, LAYERS_API_KEY: key });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('errors.envelope');
  });

  it('exits 2 for a key without org:admin', async () => {
    const { key } = await mintKey(mock.baseUrl, { scopes: ['*'] });

    const run = await runCli(['--base-url', mock.baseUrl, '--api-key', key, '--report-dir', newReportDir()]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lacks the org:admin scope');
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

    const failed = results.checks.filter((check: { status: string }) => check.status === 'failed').map((check: { id: string }) => check.id);
    for (const id of ['idempotency.mismatch', 'idempotency.json-comparison', 'idempotency.window', 'idempotency.replay-marker', 'idempotency.in-flight']) {
      expect(failed, id).toContain(id);
    }
  });
});

describe('layers-conformance --start-mock', () => {
  it('passes with the default runs per property', async () => {
    const reportDir = newReportDir();

    // The defaults a newcomer runs first: 25 runs per property, every check, its own mock, which
    // also runs the checks that reset, restore and kill it. A fixed seed keeps CI repeatable.
    const run = await runCli(['--start-mock', '--report-dir', reportDir, '--seed', '20261204']);

    expect(run.code, run.stdout.split('\n').filter((line) => /FAIL|WARN/.test(line)).join('\n')).toBe(0);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(results.numRuns).toBe(25);
    expect(results.checks.filter((check: { status: string }) => check.status !== 'passed')).toEqual([]);
  }, 180_000);
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

  it('exits 2 on a negative --max-credits', async () => {
    const run = await runCli(['--base-url', 'http://127.0.0.1:9', '--api-key', 'x', '--max-credits=-5']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-credits must be an integer of at least 0');
  });

  it('exits 2 on a --webhook-public-url that is not a URL', async () => {
    const run = await runCli(['--base-url', 'http://127.0.0.1:9', '--api-key', 'x', '--webhook-public-url', 'hooks.example']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--webhook-public-url');
  });
});
