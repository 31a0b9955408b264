// createMockServer: the mock as an express app with its state, for in-process use. It does not
// listen; the CLI (mock/cli.ts) or a test does.
import express, { type Express } from 'express';
import pino, { type Logger } from 'pino';

import { Router } from '../lib/openapi/router.ts';
import { controlSpecPath, loadSpec, type SpecIndex } from '../lib/openapi/spec.ts';
import { SpecValidator } from '../lib/openapi/validator.ts';
import type { MockConfig, MockContext } from './context.ts';
import { controlHandlers } from './control/handlers.ts';
import { exportSnapshot, importSnapshot, type MockSnapshot } from './control/snapshot.ts';
import { apiHandlers, registerDomainTasks } from './domain/index.ts';
import { webhookDefects } from './domain/webhooks/defects.ts';
import { closeEngine } from './domain/webhooks/engine.ts';
import { defaultDeliveryTimeoutMs } from './domain/webhooks/ladder.ts';
import { pruneExpired } from './http/idempotency.ts';
import { Pipeline } from './http/pipeline.ts';
import { MockClock, type ClockMode } from './state/clock.ts';
import { IdGenerator } from './state/ids.ts';
import { Scheduler } from './state/scheduler.ts';
import { applySeed, readSeed, type SeedDocument } from './state/seed.ts';
import { Store } from './state/store.ts';

export interface MockServerOptions {
  /** A seed document, or the path of a seed file; fixtures/seed.yaml by default. */
  seed?: SeedDocument | string;
  /** 'running' (default) follows wall time; 'frozen' moves only when advanced (D35). */
  clock?: ClockMode;
  /** The clock's start instant, ISO-8601 or epoch ms. */
  startTime?: string | number;
  /** Wall-clock duration of generation jobs in ms; 1500 by default, so jobs finish within 2 s (D31). */
  jobDurationMs?: number;
  /** Check every response against the spec; on by default. */
  validateResponses?: boolean;
  /** Behaviours to break on purpose, so tests can show the suites catch them. */
  defects?: string[];
  adminToken?: string | null;
  allowedWebhookHosts?: string[];
  /** How long a webhook attempt may take, in ms; 10,000 by default (D28). Tests shorten it. */
  webhookTimeoutMs?: number;
  logger?: Logger;
  /** How often the running clock's pending work is checked, in ms. */
  tickMs?: number;
}

export interface MockServer {
  app: Express;
  mock: MockContext;
  /** Returns to the seed state. */
  reset(): void;
  exportState(): MockSnapshot;
  importState(snapshot: MockSnapshot): void;
  /** Stops the background tick; call it when the server is done. */
  close(): void;
}

/** Defects a test may switch on; each breaks one guarantee on purpose. */
export const knownDefects = new Set([
  'idempotency-ignored',
  // The parent's ledger row of an allocation is not written, which breaks conservation.
  'skip-parent-ledger-row',
  // Metadata lengths are counted in UTF-16 code units instead of code points.
  'metadata-utf16-length',
  // A metadata PATCH replaces the whole map instead of merging it.
  'metadata-patch-replaces',
  // Schedule and publish skip the approval gate.
  'approval-gate-ignored',
  // Scheduled posts never fall due, so they stay queued.
  'scheduled-posts-stuck',
  // An engagement PATCH replaces firstComment and replyToComments instead of merging them.
  'engagement-patch-replaces',
  // Project setup: each breaks one guarantee of app media, events or SDK apps.
  'app-media-kind-unchecked',
  'events-dedupe-ignored',
  'capi-write-through-dropped',
  // Ads, metrics and audit: the authority gate, the audit order and metric buckets.
  'ads-authority-ignored',
  'audit-order-reversed',
  'metrics-buckets-overlap',
  // A hook is NFKC-normalized before it is stored, so it is no longer used verbatim.
  'hook-normalized',
]);
webhookDefects.forEach((defect) => knownDefects.add(defect));

interface CompiledSpecs {
  spec: SpecIndex;
  validator: SpecValidator;
  controlSpec: SpecIndex;
  controlValidator: SpecValidator;
}

let compiled: CompiledSpecs | null = null;

/**
 * Loads and compiles the API and control specs once per process. Compiling every schema takes
 * most of a second, and the validators hold only compiled schemas, so mocks can share them.
 */
function compiledSpecs(): CompiledSpecs {
  if (compiled === null) {
    const spec = loadSpec();
    const validator = new SpecValidator(spec);
    const controlSpec = loadSpec(controlSpecPath);
    const controlValidator = new SpecValidator(controlSpec);
    validator.compileAll();
    controlValidator.compileAll();
    compiled = { spec, validator, controlSpec, controlValidator };
  }
  return compiled;
}

export function createMockServer(options: MockServerOptions = {}): MockServer {
  const seed = typeof options.seed === 'object' ? options.seed : readSeed(options.seed);
  const clockMode = options.clock ?? 'running';
  const startTime = typeof options.startTime === 'string' ? Date.parse(options.startTime) : options.startTime;
  if (startTime !== undefined && Number.isNaN(startTime)) {
    throw new Error(`startTime ${String(options.startTime)} is not an ISO-8601 date.`);
  }
  for (const defect of options.defects ?? []) {
    if (!knownDefects.has(defect)) {
      throw new Error(`Unknown defect ${defect}; known defects: ${[...knownDefects].join(', ')}.`);
    }
  }

  const config: MockConfig = {
    jobDurationMs: options.jobDurationMs ?? 1500,
    validateResponses: options.validateResponses ?? true,
    defects: new Set(options.defects ?? []),
    adminToken: options.adminToken ?? null,
    allowedWebhookHosts: options.allowedWebhookHosts ?? [],
    webhookTimeoutMs: options.webhookTimeoutMs ?? defaultDeliveryTimeoutMs,
  };

  const { spec, validator, controlSpec, controlValidator } = compiledSpecs();
  const store = new Store();
  const mock: MockContext = {
    store,
    clock: new MockClock(clockMode, startTime),
    ids: new IdGenerator(seed.seed),
    scheduler: new Scheduler(store),
    spec,
    validator,
    config,
    log: options.logger ?? pino({ level: 'silent' }),
  };

  registerDomainTasks(mock);
  applySeed(mock, seed, mock.clock.now());
  const seedSnapshot = exportSnapshot(mock);

  const reset = (): void => {
    importSnapshot(mock, seedSnapshot);
    mock.clock.offset = 0;
  };


  const pipeline = new Pipeline(
    mock,
    { router: new Router(spec), validator: mock.validator, handlers: apiHandlers, control: false },
    { router: new Router(controlSpec), validator: controlValidator, handlers: controlHandlers(mock, { reset }), control: true },
    new IdGenerator(`${seed.seed}:faults`),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((request, response, next) => {
    pipeline.handle(request, response).catch(next);
  });
  // The last resort when the pipeline itself fails: still the JSON envelope, never express's HTML.
  app.use((error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    mock.log.error({ err: error }, 'request pipeline failed');
    if (response.headersSent) {
      response.end();
      return;
    }
    const requestId = String(response.getHeader('X-Request-Id') ?? `req_${mock.ids.ulid(mock.clock.now())}`);
    response.status(500).setHeader('X-Request-Id', requestId);
    response.json({ error: { code: 'INTERNAL', message: 'The mock failed to handle the request. Quote the request id when you report it.', requestId } });
  });

  // On a running clock, work falls due without any request arriving (jobs finishing, webhook
  // retries), so a timer drives the scheduler. A frozen clock only moves through the control
  // surface, which runs due work itself.
  const ticker =
    clockMode === 'running'
      ? setInterval(() => {
          const now = mock.clock.now();
          try {
            mock.scheduler.runDue(now);
          } catch (error) {
            // A task that throws (an event that breaks its webhook schema, say) is logged, and
            // the timer keeps running, because an exception here would stop the whole process.
            mock.log.error({ err: error }, 'scheduled work failed');
          }
          pruneExpired(store, now);
        }, options.tickMs ?? 50)
      : null;
  ticker?.unref();

  return {
    app,
    mock,
    reset,
    exportState: () => exportSnapshot(mock),
    importState: (snapshot) => importSnapshot(mock, snapshot),
    close: () => {
      if (ticker !== null) {
        clearInterval(ticker);
      }
      closeEngine(mock);
    },
  };
}
