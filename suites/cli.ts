// layers-conformance: runs the conformance checks against any implementation of the Layers
// Partner API and writes junit.xml and results.json.
//
// Exit codes: 0 every gating check passed; 1 a gating check failed; 2 the run could not start
// (bad flags, unreachable target, rejected credentials).
import { parseArgs } from 'node:util';

import { allChecks } from './index.ts';
import type { Check, Level } from './lib/check.ts';
import { exitCodeOf, prepareTarget, RunCannotStart, runChecks, type CheckResult } from './lib/runner.ts';
import { writeReports } from './report/write.ts';

const usage = `Usage: layers-conformance --base-url <url> --api-key <key> [options]

Runs the Layers Partner API conformance checks against a target and writes reports.

Options:
  --base-url <url>     The target's origin, such as http://127.0.0.1:4010 (or LAYERS_BASE_URL).
  --api-key <key>      A parent API key with org:admin (or LAYERS_API_KEY).
  --report-dir <dir>   Where junit.xml and results.json go (default: reports).
  --only <list>        Comma-separated check ids, guarantee ids or areas to run.
  --level <level>      Run only checks of this level: documented, inferred or mock-only.
  --strict             Failed inferred checks fail the run too.
  --seed <n>           fast-check seed, to replay a failure exactly (default: random, printed).
  --num-runs <n>       Runs per property (default 25).
  --webhook-public-url <url>
                       A URL the target can post webhooks to, forwarding to --webhook-port on
                       this machine; without it, webhook checks run only against the mock.
  --webhook-port <n>   The local port the webhook receiver listens on (default 4020).
  -h, --help           Show this help.

Exit codes: 0 all gating checks passed, 1 a gating check failed, 2 the run could not start.
`;

function usageError(message: string): never {
  process.stderr.write(`layers-conformance: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseInteger(name: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    usageError(`--${name} must be an integer of at least ${minimum}; got ${JSON.stringify(value)}.`);
  }
  return parsed;
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

function symbolOf(result: CheckResult): string {
  if (result.status === 'passed') {
    return 'PASS';
  }
  if (result.status === 'skipped') {
    return 'SKIP';
  }
  return result.gating ? 'FAIL' : 'WARN';
}

async function main(): Promise<number> {
  let values;
  try {
    values = parseArgs({
      options: {
        'base-url': { type: 'string' },
        'api-key': { type: 'string' },
        'report-dir': { type: 'string', default: 'reports' },
        only: { type: 'string' },
        level: { type: 'string' },
        strict: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'num-runs': { type: 'string' },
        'webhook-public-url': { type: 'string' },
        'webhook-port': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    usageError((error as Error).message);
  }

  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }

  const baseUrl = values['base-url'] ?? process.env.LAYERS_BASE_URL;
  const apiKey = values['api-key'] ?? process.env.LAYERS_API_KEY;
  if (baseUrl === undefined || baseUrl === '') {
    usageError('the target is missing: pass --base-url or set LAYERS_BASE_URL.');
  }
  if (apiKey === undefined || apiKey === '') {
    usageError('the API key is missing: pass --api-key or set LAYERS_API_KEY.');
  }
  try {
    new URL(baseUrl);
  } catch {
    usageError(`--base-url ${JSON.stringify(baseUrl)} is not an absolute URL.`);
  }

  const seed = parseInteger('seed', values.seed, Math.floor(Math.random() * 2 ** 31), -(2 ** 31));
  const numRuns = parseInteger('num-runs', values['num-runs'], 25, 1);
  const webhookPort = parseInteger('webhook-port', values['webhook-port'], 4020, 1);
  const webhookPublicUrl = values['webhook-public-url'];
  if (webhookPublicUrl !== undefined && !/^https?:\/\//.test(webhookPublicUrl)) {
    usageError(`--webhook-public-url must be an http or https URL; got ${JSON.stringify(webhookPublicUrl)}.`);
  }
  const checks = selectChecks(values.only, values.level);
  const startedAt = new Date().toISOString();

  let prepared;
  try {
    prepared = await prepareTarget({ baseUrl, apiKey });
  } catch (error) {
    if (error instanceof RunCannotStart) {
      process.stderr.write(`layers-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const capabilities = prepared.control === null ? [] : ['control'];
  process.stdout.write(`Layers conformance against ${baseUrl} (seed ${seed}, ${numRuns} runs per property, ${checks.length} checks${capabilities.length > 0 ? ', mock control surface found' : ''})\n`);

  const results = await runChecks(checks, prepared, {
    seed,
    numRuns,
    strict: values.strict,
    webhookPublicUrl,
    webhookPort,
    onResult: (result) => {
      process.stdout.write(`  ${symbolOf(result)}  ${result.id}  [${result.guarantee.join(', ')}]  ${result.durationMs} ms\n`);
      if (result.status === 'failed') {
        process.stdout.write(`        ${(result.reason ?? '').split('\n').join('\n        ')}\n`);
      }
    },
  });

  const exitCode = exitCodeOf(results);
  const files = writeReports(values['report-dir'] as string, {
    target: baseUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    seed,
    numRuns,
    strict: values.strict,
    capabilities,
    exitCode,
    checks: results,
  });

  const count = (status: string, gating?: boolean) =>
    results.filter((result) => result.status === status && (gating === undefined || result.gating === gating)).length;
  process.stdout.write(
    `\n${count('passed')} passed, ${count('failed', true)} failed, ${count('failed', false)} warnings (inferred), ${count('skipped')} skipped\n` +
      `Reports: ${files.join(', ')}\n` +
      (exitCode === 0 ? '' : `Replay with --seed ${seed}\n`),
  );
  prepared.shared.agent.close().catch(() => undefined);
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
