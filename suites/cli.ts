// layers-conformance: runs the conformance checks against any implementation of the Layers
// Partner API and writes junit.xml, results.json and report.html.
//
// Exit codes: 0 every gating check passed; 1 a gating check failed; 2 the run could not start
// (bad flags, unreachable target, rejected credentials); 130 the run was interrupted with Ctrl-C
// after it archived what it created and wrote the reports of the checks that ran.
//
// A shared target is never reset: the runner sends no POST /_mock/reset, PUT /_mock/state,
// /_mock/faults or /_mock/kill-switch request to a target it did not start. Its only change to
// such a target's control surface is POST /_mock/clock/advance, which the clock-dependent checks
// need. Those other routes are used only with --start-mock, where the target is the runner's own.
import { parseArgs } from 'node:util';

import { allChecks } from './index.ts';
import type { Check, Level } from './lib/check.ts';
import { archiveCreatedResources, exitCodeOf, prepareTarget, RunCannotStart, runChecks, type CleanupReport } from './lib/runner.ts';
import { startOwnMock, type OwnMock } from './lib/own-mock.ts';
import { ProgressPrinter } from './report/progress.ts';
import { renderSummary } from './report/summary.ts';
import { writeReports } from './report/write.ts';

const usage = `Usage: layers-conformance --base-url <url> --api-key <key> [options]
       layers-conformance --start-mock [options]

Runs the Layers Partner API conformance checks against a target and writes reports.

Target:
  --base-url <url>            The target's origin, such as http://127.0.0.1:4010 (or LAYERS_BASE_URL).
  --api-key <key>             A parent API key with org:admin (or LAYERS_API_KEY).
  --start-mock                Start the kit's own mock on 127.0.0.1 and run against it, including
                              the checks that reset it, import snapshots or inject faults.
  --webhook-public-url <url>  A public URL that forwards to this machine, where the target can
                              deliver webhooks. Not needed for the mock on this machine.
  --webhook-port <n>          The local port the webhook receiver listens on behind that URL
                              (default 4020).

Selection:
  --only <list>               Comma-separated check ids, guarantee ids or areas to run.
  --level <level>             Run only checks of this level: documented, inferred or mock-only.
  --strict                    Failed inferred checks fail the run too.

Runs and budget:
  --seed <n>                  fast-check seed, to replay a failure exactly (default: random, printed).
  --num-runs <n>              Runs per property (default 25).
  --max-credits <n>           Credits the run may spend or move in total; a check that would go
                              past it is skipped (default: no limit).
  --job-timeout <seconds>     How long a check waits for a job to end (default: 10 against the
                              mock, 300 elsewhere).

Reports:
  --report-dir <dir>          Where junit.xml, results.json and report.html go (default: reports).
  -h, --help                  Show this help.

Exit codes: 0 all gating checks passed, 1 a gating check failed, 2 the run could not start
(bad flags, unreachable target, rejected credentials), 130 interrupted with Ctrl-C.
`;

function usageError(message: string): never {
  process.stderr.write(`layers-conformance: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseInteger(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    usageError(`--${name} must be an integer of at least ${minimum}; got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

function parseAbsoluteUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      usageError(`--${name} must be an http or https URL; got ${JSON.stringify(value)}.`);
    }
  } catch {
    usageError(`--${name} ${JSON.stringify(value)} is not an absolute URL.`);
  }
  return value;
}

function selectChecks(only: string | undefined, level: string | undefined): Check[] {
  let checks = allChecks;

  if (only !== undefined) {
    const wanted = only.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    checks = checks.filter((check) => wanted.some((entry) => entry === check.id || entry === check.area || check.guarantees.includes(entry)));
    if (checks.length === 0) {
      usageError(`--only ${JSON.stringify(only)} matches no check id, guarantee id or area.`);
    }
  }
  if (level !== undefined) {
    if (!['documented', 'inferred', 'mock-only'].includes(level)) {
      usageError(`--level must be documented, inferred or mock-only; got ${JSON.stringify(level)}.`);
    }
    checks = checks.filter((check) => check.level === (level as Level));
  }
  return checks;
}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        'base-url': { type: 'string' },
        'api-key': { type: 'string' },
        'start-mock': { type: 'boolean', default: false },
        'webhook-public-url': { type: 'string' },
        'report-dir': { type: 'string', default: 'reports' },
        only: { type: 'string' },
        level: { type: 'string' },
        strict: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'num-runs': { type: 'string' },
        'max-credits': { type: 'string' },
        'job-timeout': { type: 'string' },
        'webhook-port': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    usageError((error as Error).message);
  }
}

async function main(): Promise<number> {
  const values = parseFlags();
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }

  const startMock = values['start-mock'];
  let baseUrl = values['base-url'] ?? process.env.LAYERS_BASE_URL;
  let apiKey = values['api-key'] ?? process.env.LAYERS_API_KEY;
  if (startMock && (values['base-url'] !== undefined || values['api-key'] !== undefined)) {
    usageError('--start-mock runs against the kit\'s own mock with a key it mints; leave out --base-url and --api-key.');
  }
  if (!startMock && (baseUrl === undefined || baseUrl === '')) {
    usageError('the target is missing: pass --base-url, set LAYERS_BASE_URL, or pass --start-mock.');
  }
  if (!startMock && (apiKey === undefined || apiKey === '')) {
    usageError('the API key is missing: pass --api-key or set LAYERS_API_KEY.');
  }
  if (!startMock) {
    parseAbsoluteUrl('base-url', baseUrl as string);
  }

  const webhookPublicUrl = values['webhook-public-url'] === undefined ? null : parseAbsoluteUrl('webhook-public-url', values['webhook-public-url']);
  const seed = parseInteger('seed', values.seed, -(2 ** 31)) ?? Math.floor(Math.random() * 2 ** 31);
  const numRuns = parseInteger('num-runs', values['num-runs'], 1) ?? 25;
  const maxCredits = parseInteger('max-credits', values['max-credits'], 0);
  const jobTimeoutSeconds = parseInteger('job-timeout', values['job-timeout'], 1);
  const webhookPort = parseInteger('webhook-port', values['webhook-port'], 1) ?? 4020;
  const checks = selectChecks(values.only, values.level);
  const startedAt = new Date().toISOString();
  const started = performance.now();

  let ownMock: OwnMock | null = null;
  if (startMock) {
    ownMock = await startOwnMock();
    baseUrl = ownMock.baseUrl;
    apiKey = ownMock.apiKey;
  }

  let prepared;
  try {
    prepared = await prepareTarget({ baseUrl: baseUrl as string, apiKey: apiKey as string, startedByRunner: startMock, webhookPublicUrl });
  } catch (error) {
    await ownMock?.close();
    if (error instanceof RunCannotStart) {
      process.stderr.write(`layers-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const target = baseUrl as string;
  process.stdout.write(`Layers conformance against ${target}${startMock ? ' (the kit\'s own mock)' : ''}: ${checks.length} checks, seed ${seed}, ${numRuns} runs per property\n`);
  for (const capability of prepared.capabilities) {
    process.stdout.write(`  ${capability.name}: ${capability.available ? 'yes' : 'no'}. ${capability.reason}\n`);
  }

  // Ctrl-C skips the checks not yet started, so the run still archives what it created and
  // writes its reports. A second Ctrl-C ends the process at once, but only after a pause: a
  // terminal signals the whole process group, and a wrapper such as npm or tsx passes the same
  // Ctrl-C on again, so one key press can arrive twice within milliseconds.
  const repeatGraceMs = 1500;
  let interrupted = false;
  let interruptedAt = 0;
  process.on('SIGINT', () => {
    if (!interrupted) {
      interrupted = true;
      interruptedAt = performance.now();
      process.stderr.write('\nlayers-conformance: interrupted; finishing the current check, then archiving and writing reports. Press Ctrl-C again to stop now.\n');
      return;
    }
    if (performance.now() - interruptedAt > repeatGraceMs) {
      process.exit(130);
    }
  });

  const progress = new ProgressPrinter(process.stdout, checks);
  let results;
  let cleanup: CleanupReport;
  try {
    results = await runChecks(checks, prepared, {
      seed,
      numRuns,
      strict: values.strict,
      maxCredits,
      webhookPort,
      ...(jobTimeoutSeconds === undefined ? {} : { jobTimeoutMs: jobTimeoutSeconds * 1000 }),
      onResult: (result) => progress.record(result),
      stopRequested: () => interrupted,
    });
  } finally {
    // Archive what the run created even when a check or the runner itself failed.
    cleanup = await archiveCreatedResources(prepared);
  }

  const exitCode = interrupted ? 130 : exitCodeOf(results);
  const files = writeReports(values['report-dir'] as string, {
    target,
    startedAt,
    finishedAt: new Date().toISOString(),
    seed,
    numRuns,
    strict: values.strict,
    capabilities: prepared.capabilities,
    credits: { spent: prepared.creditsSpent, max: maxCredits ?? null },
    rateLimit: { retries: prepared.shared.rateLimitRetries, waitedSeconds: prepared.shared.rateLimitWaitSeconds },
    cleanup,
    exitCode,
    checks: results,
  });

  process.stdout.write(
    renderSummary({
      results,
      capabilities: prepared.capabilities,
      durationMs: performance.now() - started,
      creditsSpent: prepared.creditsSpent,
      maxCredits,
      rateLimitRetries: prepared.shared.rateLimitRetries,
      rateLimitWaitSeconds: prepared.shared.rateLimitWaitSeconds,
      cleanup,
      files,
      seed,
      exitCode,
    }),
  );

  await prepared.shared.agent.close().catch(() => undefined);
  await ownMock?.close();
  return exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`layers-conformance: the run failed unexpectedly: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
