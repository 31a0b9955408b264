// The request pipeline. Every /v1 and /_mock request passes these steps in order:
//
//   request id → route → injected fault → authentication → kill switches → acting organization
//   → scope → rate limit → body parsing → validation → idempotency → latency fault → handler
//   → response self-check → idempotent storage → response → log line
//
// Each step either passes or throws an ApiError, which becomes the error envelope (D2). Nothing
// before the handler changes domain state, so a rejected request changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { summarizeIssues } from '../../lib/openapi/issues.ts';
import type { Router } from '../../lib/openapi/router.ts';
import type { Operation } from '../../lib/openapi/spec.ts';
import type { SpecValidator } from '../../lib/openapi/validator.ts';
import type { Handler, HandlerResult, MockContext, Principal, RequestContext } from '../context.ts';
import type { IdGenerator } from '../state/ids.ts';
import type { IdempotencyEntry } from '../state/types.ts';
import { actingOrganizationHeader, resolveActingOrganization } from './acting-org.ts';
import { authenticate, enforceKillSwitches, findRetiredToken } from './auth.ts';
import { maxBodyBytes, maxControlBodyBytes, parseJsonBody, readRawBody } from './body.ts';
import { keyHandleOf, notifyExchangeFinished } from './exchange-listeners.ts';
import { isLoopbackAddress } from './loopback.ts';
import { ApiError, errorBody } from './errors.ts';
import { matchFault, parseFaultHeader, type FaultAction } from './faults.ts';
import { claimOrReplay, complete, entryKey, fingerprintOf, isStorable, release } from './idempotency.ts';
import { consumeRateLimit } from './rate-limit.ts';
import { hasScope } from './scopes.ts';

export interface Surface {
  router: Router;
  validator: SpecValidator;
  handlers: Record<string, Handler>;
  /** True for the /_mock control surface: no API key, loopback or admin token only. */
  control: boolean;
}

interface Exchange {
  requestId: string;
  startedAt: number;
  method: string;
  path: string;
  operation: Operation | null;
  principal: Principal | null;
  headers: Record<string, string>;
  /** Set when the response comes from an injected fault, which the self-check skips. */
  injected: boolean;
  /** The key id of the bearer token, for exchange listeners; never the secret. */
  presentedKeyHandle: string | null;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function parseQuery(search: string): Record<string, string | string[]> {
  // A null prototype keeps a `__proto__` parameter as data, so validation rejects it like any
  // other unknown parameter.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    if (existing === undefined) {
      query[name] = value;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      query[name] = [existing, value];
    }
  }
  return query;
}

/** The stored response of an idempotency entry, as a replay (D15). */
function replayOf(entry: IdempotencyEntry, exchange: Exchange): HandlerResult {
  exchange.headers['X-Request-Id'] = entry.requestId;
  exchange.headers['Idempotent-Replayed'] = 'true';
  exchange.requestId = entry.requestId;

  const body = structuredClone(entry.body) as Record<string, unknown> | null;
  // Resources whose docs define a `replayed` field mark the replay in the body too.
  if (body !== null && typeof body === 'object' && typeof body.replayed === 'boolean') {
    body.replayed = true;
  }
  return { status: entry.status, headers: entry.headers, body };
}

function writeResponse(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, value);
  }

  if (body === undefined || status === 204 || status === 304) {
    response.statusCode = status;
    response.end();
    return;
  }

  const payload = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(payload));
  response.end(payload);
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

export class Pipeline {
  constructor(
    private readonly mock: MockContext,
    private readonly api: Surface,
    private readonly control: Surface,
    private readonly faultRandom: IdGenerator,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const now = this.mock.clock.now();
    this.mock.scheduler.runDue(now);

    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const exchange: Exchange = {
      requestId: `req_${this.mock.ids.ulid(now)}`,
      startedAt: performance.now(),
      method: (request.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      operation: null,
      principal: null,
      headers: {},
      injected: false,
      presentedKeyHandle: keyHandleOf(headerValue(request, 'authorization')),
    };
    exchange.headers['X-Request-Id'] = exchange.requestId;
    response.setHeader('X-Request-Id', exchange.requestId);

    const surface = url.pathname === '/_mock' || url.pathname.startsWith('/_mock/') ? this.control : this.api;

    try {
      const result = await this.process(request, url, surface, exchange, now);
      this.finish(response, exchange, result.status, result.headers ?? {}, result.body);
    } catch (error) {
      if (error instanceof DroppedConnection) {
        this.mock.log.info({ requestId: exchange.requestId, method: exchange.method, path: exchange.path, faultId: error.faultId }, 'dropped the connection (injected fault)');
        request.socket.destroy();
        return;
      }
      const apiError = this.toApiError(error, exchange);
      this.finish(response, exchange, apiError.status, apiError.headers, errorBody(apiError, exchange.requestId));
    }
  }

  private async process(request: IncomingMessage, url: URL, surface: Surface, exchange: Exchange, now: number): Promise<HandlerResult> {
    if (surface.control) {
      this.guardControlSurface(request);
    }

    const bodyLimit = surface.control ? maxControlBodyBytes : maxBodyBytes;
    const match = surface.router.match(exchange.method, exchange.path);
    if (match.kind === 'not-found') {
      await readRawBody(request, bodyLimit);
      const hint = surface.control
        ? 'The control routes are listed in docs/control-surface.md and spec/control.yaml.'
        : 'Check the path against the API reference (spec/openapi.yaml); every route starts with /v1.';
      throw new ApiError('ROUTE_NOT_FOUND', { method: exchange.method, path: exchange.path, hint });
    }
    if (match.kind === 'method-not-allowed') {
      await readRawBody(request, bodyLimit);
      throw new ApiError('METHOD_NOT_ALLOWED', { method: exchange.method, path: exchange.path, allowed: match.allowed.join(', ') }, undefined, { Allow: match.allowed.join(', ') });
    }

    const operation = match.operation;
    exchange.operation = operation;

    const fault = surface.control ? null : this.faultFor(request, exchange);
    if (fault !== null && (fault.drop || fault.status !== null)) {
      await this.applyImmediateFault(fault, exchange);
    }

    const raw = await readRawBody(request, bodyLimit);

    let principal: Principal | null = null;
    if (operation.authenticated) {
      try {
        principal = this.authorize(request, operation, exchange, now);
      } catch (error) {
        const replay = error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? this.replayForRetiredToken(request, operation, match.params, raw, exchange) : null;
        if (replay === null) {
          throw error;
        }
        return replay;
      }
    }
    exchange.principal = principal;

    const body = parseJsonBody(raw, headerValue(request, 'content-type'));

    if (operation.idempotency === 'required' && headerValue(request, 'idempotency-key') === undefined) {
      throw new ApiError('IDEMPOTENCY_REQUIRED', { method: operation.method, route: operation.pathTemplate });
    }

    const validated = surface.validator.validateRequest(operation, {
      params: match.params,
      query: parseQuery(url.search),
      headers: request.headers,
      body,
    });
    if (validated.issues.length > 0) {
      throw new ApiError('VALIDATION', { summary: summarizeIssues(validated.issues) }, { issues: validated.issues });
    }

    const handler = surface.handlers[operation.operationId];
    if (handler === undefined) {
      throw new Error(`No handler is registered for operation ${operation.operationId}.`);
    }

    const context: RequestContext = {
      mock: this.mock,
      operation,
      requestId: exchange.requestId,
      now,
      principal,
      params: validated.params,
      query: validated.query,
      headers: validated.headers,
      body: validated.body,
      log: this.mock.log.child({ requestId: exchange.requestId }),
    };

    const idempotencyKey = principal === null ? undefined : headerValue(request, 'idempotency-key');
    if (idempotencyKey === undefined || operation.idempotency === 'none' || this.mock.config.defects.has('idempotency-ignored')) {
      return this.runHandler(handler, context, fault);
    }

    return this.runIdempotent(handler, context, fault, idempotencyKey, exchange);
  }

  private async runIdempotent(handler: Handler, context: RequestContext, fault: FaultAction | null, idempotencyKey: string, exchange: Exchange): Promise<HandlerResult> {
    const principal = context.principal as Principal;
    const store = this.mock.store;
    const key = entryKey(principal.apiKey.id, principal.organization.id, context.operation, context.params, idempotencyKey);
    const lookup = claimOrReplay(store, key, fingerprintOf(context.body ?? {}), context.now, exchange.requestId);

    if (lookup.kind === 'replay') {
      return replayOf(lookup.entry, exchange);
    }

    let result: HandlerResult;
    try {
      result = await this.runHandler(handler, context, fault);
    } catch (error) {
      const apiError = this.toApiError(error, exchange);
      if (isStorable(apiError.status, apiError.code)) {
        complete(store, key, apiError.status, apiError.headers, errorBody(apiError, exchange.requestId));
      } else {
        release(store, key);
      }
      throw apiError;
    }

    complete(store, key, result.status, result.headers ?? {}, result.body);
    return result;
  }

  private async runHandler(handler: Handler, context: RequestContext, fault: FaultAction | null): Promise<HandlerResult> {
    if (fault?.latencyMs != null && fault.latencyMs > 0) {
      await sleep(fault.latencyMs);
    }
    return handler(context);
  }

  /**
   * Replays a stored response for a token that an in-place rotation retired, when the request
   * repeats one the token made before it was retired: the same key, route, Idempotency-Key and
   * body. This is how a client that lost a rotation's response gets the new secret again.
   * Anything else stays 401.
   */
  private replayForRetiredToken(request: IncomingMessage, operation: Operation, params: Record<string, string>, raw: Buffer, exchange: Exchange): HandlerResult | null {
    const idempotencyKey = headerValue(request, 'idempotency-key');
    if (idempotencyKey === undefined || operation.idempotency === 'none' || headerValue(request, actingOrganizationHeader) !== undefined) {
      return null;
    }

    const retired = findRetiredToken(this.mock.store, headerValue(request, 'authorization'));
    if (retired === null) {
      return null;
    }

    let body: unknown;
    try {
      body = parseJsonBody(raw, headerValue(request, 'content-type'));
    } catch {
      return null;
    }

    const key = entryKey(retired.key.id, retired.key.organizationId, operation, params, idempotencyKey);
    const entry = this.mock.store.idempotency.get(key);
    if (entry === undefined || entry.state !== 'completed' || entry.createdAt > retired.retiredAt || entry.fingerprint !== fingerprintOf(body ?? {})) {
      return null;
    }
    return replayOf(entry, exchange);
  }

  private authorize(request: IncomingMessage, operation: Operation, exchange: Exchange, now: number): Principal {
    const store = this.mock.store;
    const apiKey = authenticate(store, headerValue(request, 'authorization'), now);
    const keyOrganization = store.organizations.get(apiKey.organizationId);
    if (keyOrganization === undefined) {
      throw new Error(`API key ${apiKey.id} belongs to organization ${apiKey.organizationId}, which does not exist.`);
    }

    enforceKillSwitches(store, apiKey, keyOrganization);

    const organization = resolveActingOrganization(store, apiKey, keyOrganization, headerValue(request, actingOrganizationHeader));
    const principal: Principal = { apiKey, keyOrganization, organization, actingForChild: organization.id !== keyOrganization.id };
    exchange.principal = principal;

    if (!hasScope(apiKey.scopes, operation.scope)) {
      throw new ApiError(
        'FORBIDDEN_SCOPE',
        { reason: `${operation.method} ${operation.pathTemplate} requires the scope ${operation.scope}, which this API key does not have. Use a key whose scopes include it.` },
        { requiredScope: operation.scope },
      );
    }

    const rateLimit = consumeRateLimit(store, apiKey.id, apiKey.rateLimitTier, operation.rateLimitClass, now);
    Object.assign(exchange.headers, rateLimit.headers);
    apiKey.lastUsedAt = now;

    return principal;
  }

  private guardControlSurface(request: IncomingMessage): void {
    const token = this.mock.config.adminToken;
    if (token !== null && headerValue(request, 'x-mock-admin-token') === token) {
      return;
    }
    if (isLoopbackAddress(request.socket.remoteAddress)) {
      return;
    }
    throw new ApiError('FORBIDDEN_SCOPE', {
      reason: 'The /_mock control surface answers only on loopback. Call it from the same host, or start the mock with --admin-token and send X-Mock-Admin-Token.',
    });
  }

  private faultFor(request: IncomingMessage, exchange: Exchange): FaultAction | null {
    const fromHeader = parseFaultHeader(headerValue(request, 'x-mock-fault'));
    if (fromHeader !== null) {
      return fromHeader;
    }
    return matchFault(this.mock.store, this.faultRandom, exchange.method, exchange.path, exchange.operation?.pathTemplate ?? null);
  }

  private async applyImmediateFault(fault: FaultAction, exchange: Exchange): Promise<void> {
    if (fault.latencyMs !== null && fault.latencyMs > 0) {
      await sleep(fault.latencyMs);
    }
    if (fault.drop) {
      throw new DroppedConnection(fault.faultId);
    }

    exchange.injected = true;
    const status = fault.status ?? 503;
    const headers: Record<string, string> = status === 429 ? { 'Retry-After': '1' } : {};
    throw new ApiError('INJECTED_FAULT', { faultId: fault.faultId, status, method: exchange.method, path: exchange.path }, { faultId: fault.faultId }, headers, status);
  }

  private toApiError(error: unknown, exchange: Exchange): ApiError {
    if (error instanceof ApiError) {
      return error;
    }
    this.mock.log.error({ requestId: exchange.requestId, err: error }, 'handler failed');
    return new ApiError('INTERNAL');
  }

  private finish(response: ServerResponse, exchange: Exchange, status: number, handlerHeaders: Record<string, string>, body: unknown): void {
    const headers = { ...handlerHeaders, ...exchange.headers };
    let finalStatus = status;
    let finalBody = body;

    const replayed = headers['Idempotent-Replayed'] === 'true';
    if (this.mock.config.validateResponses && !exchange.injected && !replayed) {
      const validator = exchange.path.startsWith('/_mock') ? this.control.validator : this.api.validator;
      const problems = validator.validateResponse(exchange.operation, status, lowerCaseHeaders(headers), body);
      if (problems.length > 0) {
        this.mock.log.error({ requestId: exchange.requestId, operationId: exchange.operation?.operationId, status, problems }, 'response does not conform to the spec');
        finalStatus = 500;
        finalBody = errorBody(new ApiError('INTERNAL', {}, { specViolations: problems }), exchange.requestId);
      }
    }

    writeResponse(response, finalStatus, headers, finalBody);

    const controlPath = exchange.path === '/_mock' || exchange.path.startsWith('/_mock/');
    if (!controlPath) {
      const errorCode = (finalBody as { error?: { code?: unknown } } | undefined)?.error?.code;
      notifyExchangeFinished(this.mock, {
        requestId: exchange.requestId,
        at: this.mock.clock.now(),
        method: exchange.method,
        path: exchange.path,
        route: exchange.operation?.pathTemplate ?? null,
        operationId: exchange.operation?.operationId ?? null,
        status: finalStatus,
        errorCode: typeof errorCode === 'string' ? errorCode : null,
        principal: exchange.principal,
        presentedKeyHandle: exchange.presentedKeyHandle,
        replayed,
      });
    }

    this.mock.log.info(
      {
        requestId: exchange.requestId,
        method: exchange.method,
        route: exchange.operation?.pathTemplate ?? exchange.path,
        status: finalStatus,
        durationMs: Math.round((performance.now() - exchange.startedAt) * 10) / 10,
        apiKeyId: exchange.principal?.apiKey.id,
        organizationId: exchange.principal?.organization.id,
        replayed: replayed || undefined,
      },
      'request',
    );
  }
}

class DroppedConnection extends Error {
  constructor(readonly faultId: string) {
    super(`Injected fault ${faultId} dropped the connection.`);
  }
}
