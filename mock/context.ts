// The objects every handler works with: the mock-wide context and the per-request context.
import type { Logger } from 'pino';

import type { Operation, SpecIndex } from '../lib/openapi/spec.ts';
import type { SpecValidator } from '../lib/openapi/validator.ts';
import type { MockClock } from './state/clock.ts';
import type { IdGenerator } from './state/ids.ts';
import type { Scheduler } from './state/scheduler.ts';
import type { Store } from './state/store.ts';
import type { ApiKey, Organization } from './state/types.ts';

export interface MockConfig {
  /** Wall-clock duration of a generation job on a running clock, in ms (D31). */
  jobDurationMs: number;
  /** Validate every response against the spec and answer 500 when one does not conform. */
  validateResponses: boolean;
  /** Behaviours broken on purpose, to show that the suites catch them. Never set in normal use. */
  defects: Set<string>;
  /** Token that unlocks /_mock from non-loopback clients; null keeps it loopback-only. */
  adminToken: string | null;
  /** Host names or IP literals, besides loopback, that webhook deliveries may go to. */
  allowedWebhookHosts: string[];
  /** How long a webhook attempt may take before it counts as failed, in ms (D28: 10 s). */
  webhookTimeoutMs: number;
}

export interface MockContext {
  store: Store;
  clock: MockClock;
  ids: IdGenerator;
  scheduler: Scheduler;
  spec: SpecIndex;
  validator: SpecValidator;
  config: MockConfig;
  log: Logger;
}

export interface Principal {
  apiKey: ApiKey;
  /** The organization that owns the key. */
  keyOrganization: Organization;
  /** The organization the request acts in: the key's own, or a child named by X-Layers-Organization. */
  organization: Organization;
  /** True when X-Layers-Organization named a child. */
  actingForChild: boolean;
}

export interface RequestContext {
  mock: MockContext;
  operation: Operation;
  requestId: string;
  /** Mock time when the request arrived, epoch ms. */
  now: number;
  /** Null only on the control surface, which takes no API key. */
  principal: Principal | null;
  params: Record<string, any>;
  query: Record<string, any>;
  headers: Record<string, any>;
  body: any;
  log: Logger;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: RequestContext) => HandlerResult | Promise<HandlerResult>;

/** The principal of an authenticated request; throws if a control-surface handler calls it. */
export function principalOf(request: RequestContext): Principal {
  if (request.principal === null) {
    throw new Error(`Operation ${request.operation.operationId} needs an authenticated principal.`);
  }
  return request.principal;
}
