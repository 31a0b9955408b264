// Runs checks against a target and collects one result per check. The CLI and the vitest
// adapter both use it, so a check behaves the same in `npm test` and in a vendor's pipeline.
import { CheckFailure } from './assert.ts';
import { controlCapability, exclusiveCapability, probeWebhookCapability, type CapabilityReport } from './capabilities.ts';
import { BudgetExceeded, CheckSkipped, type Capability, type Check, type CheckContext, type Level } from './check.ts';
import { ControlClient } from './control.ts';
import { archivePathOf } from './created-resources.ts';
import { curlFor, redactHeaders, type Exchange } from './exchange.ts';
import { createShared, SpecViolation, TargetClient, TargetUnreachable, type TargetShared } from './target.ts';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  id: string;
  title: string;
  area: string;
  guarantee: string[];
  level: Level;
  status: CheckStatus;
  /** Whether this result decides the exit code: documented checks, and inferred ones with --strict. */
  gating: boolean;
  durationMs: number;
  seed: number;
  reason?: string;
  /**
   * For a failure: `response-not-conforming` when a response broke the spec's schema (checked
   * before any behaviour), `behaviour` when the responses conformed but broke the guarantee.
   */
  failureKind?: 'response-not-conforming' | 'behaviour';
  counterexample?: unknown;
  curl?: string;
  request?: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response?: { status: number; headers: Record<string, string>; body: string };
  notes?: string[];
}

export interface RunTarget {
  baseUrl: string;
  apiKey: string;
  /** True only when the runner itself started the target; grants the exclusive capability. */
  startedByRunner?: boolean;
  /** A public URL that forwards to the run's webhook receiver (--webhook-public-url). */
  webhookPublicUrl?: string | null;
}

export interface RunSettings {
  seed: number;
  numRuns: number;
  strict: boolean;
  /** Credits the whole run may spend or move; unlimited when undefined. */
  maxCredits?: number;
  /** The local port the webhook receiver listens on behind --webhook-public-url; 4020 by default. */
  webhookPort?: number;
  /**
   * How long a check waits for a job to end, in ms. By default 10 s on a target with the control
   * surface, where jobs end within 2 s, and 5 minutes elsewhere.
   */
  jobTimeoutMs?: number;
  /** Called after each check, for progress output. */
  onResult?: (result: CheckResult) => void;
  /** Checked before each check; once it returns true, the remaining checks are skipped. */
  stopRequested?: () => boolean;
}

export class RunCannotStart extends Error {}

export interface PreparedTarget {
  target: TargetClient;
  control: ControlClient | null;
  shared: TargetShared;
  identity: Record<string, unknown>;
  /** Every capability probed, available or not, with the reason. */
  capabilities: CapabilityReport[];
  webhookPublicUrl: string | null;
  /** Credits spent or moved so far in the run, against RunSettings.maxCredits. */
  creditsSpent: number;
}

/** Resources archived when the run ended, and the archive requests that failed. */
export interface CleanupReport {
  archived: { kind: string; id: string }[];
  failures: string[];
}

/**
 * Probes the target: it must respond and accept the key. It may have the mock's control surface,
 * be the runner's own (exclusive), and reach a webhook receiver of the run.
 */
export async function prepareTarget(runTarget: RunTarget): Promise<PreparedTarget> {
  const shared = createShared();
  const target = new TargetClient(runTarget.baseUrl, runTarget.apiKey, shared);

  let whoami: Exchange;
  try {
    whoami = await target.send({ method: 'GET', path: '/v1/whoami' });
  } catch (error) {
    if (error instanceof TargetUnreachable) {
      throw new RunCannotStart(`Cannot reach the target at ${runTarget.baseUrl}: ${error.message}`);
    }
    throw error;
  }

  if (whoami.response.status === 401 || whoami.response.status === 403) {
    throw new RunCannotStart(`The target rejected the API key (GET /v1/whoami returned ${whoami.response.status}: ${whoami.response.text.slice(0, 200)}). Check --api-key or LAYERS_API_KEY.`);
  }
  if (whoami.response.status !== 200) {
    throw new RunCannotStart(`GET /v1/whoami returned ${whoami.response.status}, so the run cannot start: ${whoami.response.text.slice(0, 200)}`);
  }

  // Most checks act as a parent (children, allocations, acting for a child), so a key without
  // the literal org:admin scope would fail them all for the wrong reason.
  const scopes = whoami.response.body?.scopes;
  if (Array.isArray(scopes) && !scopes.includes('org:admin')) {
    throw new RunCannotStart(
      `The API key lacks the org:admin scope (GET /v1/whoami lists ${JSON.stringify(scopes)}), and the suites need a parent key with it. No wildcard grants org:admin; use a key that lists it literally.`,
    );
  }

  shared.exchanges.length = 0;
  const control = await ControlClient.probe(runTarget.baseUrl, shared);
  const webhookPublicUrl = runTarget.webhookPublicUrl ?? null;
  const capabilities = [
    controlCapability(control !== null, runTarget.baseUrl),
    exclusiveCapability(runTarget.startedByRunner === true, control !== null),
    await probeWebhookCapability({ baseUrl: runTarget.baseUrl, control: control !== null, webhookPublicUrl, agent: shared.agent }),
  ];
  return { target, control, shared, identity: whoami.response.body ?? {}, capabilities, webhookPublicUrl, creditsSpent: 0 };
}

function availableCapabilities(prepared: PreparedTarget): Set<Capability> {
  return new Set(prepared.capabilities.filter((capability) => capability.available).map((capability) => capability.name));
}

/** Returns the reason a check cannot run on this target, or null when it can. */
function missingCapabilityReason(check: Check, prepared: PreparedTarget): string | null {
  const needed = new Set<Capability>(check.requires ?? []);
  if (check.level === 'mock-only') {
    needed.add('control');
  }

  const available = availableCapabilities(prepared);
  const missing = prepared.capabilities.filter((capability) => needed.has(capability.name) && !available.has(capability.name));
  if (missing.length === 0) {
    return null;
  }
  return `Needs the ${missing.map((capability) => capability.name).join(' and ')} capability: ${missing.map((capability) => capability.reason).join(' ')}`;
}

function isGating(level: Level, strict: boolean): boolean {
  return level === 'documented' || level === 'mock-only' || (level === 'inferred' && strict);
}

function failureExchange(error: unknown, exchanges: Exchange[]): Exchange | null {
  if (error instanceof SpecViolation) {
    return error.exchange;
  }
  if (error instanceof CheckFailure && error.exchange !== null) {
    return error.exchange;
  }
  return exchanges[exchanges.length - 1] ?? null;
}

/** Runs a check's cleanups newest first; a failed cleanup becomes a note, never a failure. */
async function runCleanups(cleanups: (() => Promise<void>)[], notes: string[]): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      notes.push(`Cleanup failed: ${(error as Error).message}`);
    }
  }
}

function skippedResult(check: Check, settings: RunSettings): CheckResult {
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    guarantee: check.guarantees,
    level: check.level,
    status: 'skipped',
    gating: isGating(check.level, settings.strict),
    durationMs: 0,
    seed: settings.seed,
  };
}

/** Runs one check and never throws: every outcome becomes a result. */
export async function runCheck(check: Check, prepared: PreparedTarget, settings: RunSettings): Promise<CheckResult> {
  const base = {
    id: check.id,
    title: check.title,
    area: check.area,
    guarantee: check.guarantees,
    level: check.level,
    gating: isGating(check.level, settings.strict),
    seed: settings.seed,
  };

  const missingReason = missingCapabilityReason(check, prepared);
  if (missingReason !== null) {
    return { ...base, status: 'skipped', durationMs: 0, reason: missingReason };
  }

  const notes: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const context: CheckContext = {
    target: prepared.target,
    control: prepared.control,
    capabilities: availableCapabilities(prepared),
    webhookPublicUrl: prepared.webhookPublicUrl,
    seed: settings.seed,
    numRuns: settings.numRuns,
    jobTimeoutMs: settings.jobTimeoutMs ?? (prepared.control === null ? 300_000 : 10_000),
    note: (message) => notes.push(message),
    defer: (cleanup) => cleanups.push(cleanup),
    spendCredits: (amount, purpose) => {
      if (settings.maxCredits !== undefined && prepared.creditsSpent + amount > settings.maxCredits) {
        throw new BudgetExceeded(`${purpose} needs ${amount} credits, which would take the run past --max-credits ${settings.maxCredits} (${prepared.creditsSpent} spent so far).`);
      }
      prepared.creditsSpent += amount;
    },
    webhookPort: settings.webhookPort ?? 4020,
  };

  prepared.shared.exchanges.length = 0;
  prepared.shared.spend = context.spendCredits;
  const started = performance.now();

  try {
    await check.run(context);
    await runCleanups(cleanups, notes);
    return { ...base, status: 'passed', durationMs: Math.round(performance.now() - started), ...(notes.length > 0 ? { notes } : {}) };
  } catch (error) {
    await runCleanups(cleanups, notes);
    if (error instanceof CheckSkipped) {
      return { ...base, status: 'skipped', durationMs: Math.round(performance.now() - started), reason: error.message };
    }

    const exchange = failureExchange(error, prepared.shared.exchanges);
    const result: CheckResult = {
      ...base,
      status: 'failed',
      durationMs: Math.round(performance.now() - started),
      reason: error instanceof Error ? error.message : String(error),
      failureKind: error instanceof SpecViolation || (error instanceof CheckFailure && error.specViolation) ? 'response-not-conforming' : 'behaviour',
      ...(notes.length > 0 ? { notes } : {}),
    };

    if (error instanceof CheckFailure && error.counterexample !== undefined) {
      result.counterexample = error.counterexample;
    }
    if (exchange !== null) {
      result.curl = curlFor(exchange.request, prepared.target.apiKey);
      result.request = { ...exchange.request, headers: redactHeaders(exchange.request.headers) };
      result.response = { status: exchange.response.status, headers: exchange.response.headers, body: exchange.response.text.slice(0, 4000) };
    }
    return result;
  }
}

export async function runChecks(checks: Check[], prepared: PreparedTarget, settings: RunSettings): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const result =
      settings.stopRequested?.() === true
        ? { ...skippedResult(check, settings), reason: 'The run was interrupted before this check started.' }
        : await runCheck(check, prepared, settings);
    results.push(result);
    settings.onResult?.(result);
  }
  return results;
}

/**
 * Archives what the run created, newest first, with the key that created each resource. Runs
 * after the last check whether checks passed or failed; a resource already archived or gone
 * (404, 409) counts as done.
 */
export async function archiveCreatedResources(prepared: PreparedTarget): Promise<CleanupReport> {
  const report: CleanupReport = { archived: [], failures: [] };
  const pending = [...prepared.shared.created].reverse();
  const ordered = [...pending.filter((resource) => resource.kind === 'project'), ...pending.filter((resource) => resource.kind === 'child organization')];

  for (const resource of ordered) {
    const path = archivePathOf(resource);
    try {
      const exchange = await prepared.target.send({
        method: 'DELETE',
        path,
        apiKey: resource.apiKey,
        idempotencyKey: null,
        ...(resource.organization === undefined ? {} : { organization: resource.organization }),
      });
      const status = exchange.response.status;
      if (status === 200 || status === 204 || status === 404 || status === 409) {
        report.archived.push({ kind: resource.kind, id: resource.id });
      } else {
        report.failures.push(`DELETE ${path} returned ${status}: ${exchange.response.text.slice(0, 200)}`);
      }
    } catch (error) {
      report.failures.push(`DELETE ${path} failed: ${(error as Error).message}`);
    }
  }

  prepared.shared.created.length = 0;
  return report;
}

/** 0 when every gating check passed, 1 otherwise. */
export function exitCodeOf(results: CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === 'failed' && result.gating) ? 1 : 0;
}
