// layers-mock: starts the mock on 127.0.0.1:4010 (or --port / PORT) and prints the base URL and
// the seeded keys.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pino from 'pino';

import { createMockServer, knownDefects } from './server.ts';
import { defaultSeedPath, readSeed, seededKeys } from './state/seed.ts';

const usage = `Usage: layers-mock [options]

Starts the stateful mock of the Layers Partner API.

Options:
  --port <n>               TCP port to listen on (default 4010, or the PORT variable).
  --host <address>         Address to bind (default 127.0.0.1).
  --seed-file <path>       Seed document (default fixtures/seed.yaml).
  --clock <mode>           running (default) or frozen; a frozen clock moves only through
                           POST /_mock/clock/advance.
  --start-time <iso>       The clock's start instant (default: now; 2026-07-01T00:00:00Z when frozen).
  --job-duration-ms <n>    Duration of generation jobs in ms of mock time (default 1500; on a
                           running clock that is wall time).
  --admin-token <token>    Let non-loopback clients use /_mock when they send X-Mock-Admin-Token.
  --allow-webhook-host <h> A host, besides loopback, that webhook deliveries may reach; repeatable.
  --log-level <level>      fatal, error, warn, info (default), debug, trace or silent.
  --no-validate-responses  Skip the check of every response against the spec.
  --defect <name>          Break a guarantee on purpose, to see the suites fail (${[...knownDefects].join(', ')}).
  -h, --help               Show this help.
`;

function fail(message: string): never {
  process.stderr.write(`layers-mock: ${message}\n\n${usage}`);
  process.exit(2);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) {
    return 4010;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`port must be an integer from 0 to 65535; got ${JSON.stringify(value)}.`);
  }
  return port;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'seed-file': { type: 'string', default: defaultSeedPath },
      clock: { type: 'string', default: 'running' },
      'start-time': { type: 'string' },
      'job-duration-ms': { type: 'string' },
      'admin-token': { type: 'string' },
      'allow-webhook-host': { type: 'string', multiple: true, default: [] },
      'log-level': { type: 'string', default: 'info' },
      'no-validate-responses': { type: 'boolean', default: false },
      defect: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
} catch (error) {
  const message = (error as Error).message;
  // `npm start --port 5000` gives npm the flag and the mock only the value.
  const hint = message.includes('Unexpected argument') ? ' With npm, put the flags after --: npm start -- --port 5000.' : '';
  fail(`${message}${hint}`);
}

const values = parsed.values;
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const clock = values.clock;
if (clock !== 'running' && clock !== 'frozen') {
  fail(`--clock must be running or frozen; got ${JSON.stringify(clock)}.`);
}
const jobDurationMs = values['job-duration-ms'] === undefined ? undefined : Number(values['job-duration-ms']);
if (jobDurationMs !== undefined && (!Number.isInteger(jobDurationMs) || jobDurationMs < 0)) {
  fail(`--job-duration-ms must be a non-negative integer; got ${JSON.stringify(values['job-duration-ms'])}.`);
}

const port = parsePort(values.port ?? process.env.PORT);
const host = values.host as string;
const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
if (!levels.includes(values['log-level'] as string)) {
  fail(`--log-level must be one of ${levels.join(', ')}.`);
}

const logger = pino(
  { level: values['log-level'] as string, base: undefined, redact: ['req.headers.authorization', 'headers.authorization'] },
  process.stdout.isTTY ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }) : undefined,
);

let seed;
try {
  seed = readSeed(values['seed-file'] as string);
} catch (error) {
  fail((error as Error).message);
}

let server;
try {
  server = createMockServer({
    seed,
    clock,
    startTime: values['start-time'],
    jobDurationMs,
    validateResponses: !values['no-validate-responses'],
    defects: values.defect as string[],
    adminToken: values['admin-token'] ?? null,
    allowedWebhookHosts: values['allow-webhook-host'] as string[],
    logger,
  });
} catch (error) {
  fail((error as Error).message);
}

const mockServer = server;
const httpServer = createServer(mockServer.app);

httpServer.on('error', (error: NodeJS.ErrnoException) => {
  const hint = error.code === 'EADDRINUSE' ? ` Another process uses port ${port}; pass --port <n> or set PORT.` : '';
  process.stderr.write(`layers-mock: failed to listen on ${host}:${port}: ${error.message}.${hint}\n`);
  process.exit(1);
});

httpServer.listen(port, host, () => {
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${displayHost}:${actualPort}`;

  const lines = [
    `Layers mock listening on ${baseUrl}`,
    `  clock: ${clock}, seed: ${seed.seed}, control surface: ${baseUrl}/_mock`,
    '',
    'Seeded API keys (test keys of this mock only):',
    ...seededKeys(seed).map((key) => `  ${key.organization} / ${key.name} [${key.scopes.join(' ')}]\n    ${key.token}`),
    '',
    `Try: curl -s ${baseUrl}/v1/whoami -H "Authorization: Bearer ${seededKeys(seed)[0]?.token ?? '<key>'}"`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  logger.info({ baseUrl, clock, seed: seed.seed }, 'mock started');
});

function shutdown(signal: string): void {
  logger.info({ signal }, 'mock stopping');
  mockServer.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
