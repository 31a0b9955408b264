// Runs checks against a target and collects one result per check. The CLI and the vitest
// adapter both use it, so a check behaves the same in `npm test` and in a vendor's pipeline.
import { CheckFailure } from './assert.ts';
import { BudgetExceeded, CheckSkipped, type Check, type CheckContext, type Level } from './check.ts';
import { ControlClient } from './control.ts';
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
  counterexample?: unknown;
  curl?: string;
  request?: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response?: { status: number; headers: Record<string, string>; body: string };
  notes?: string[];
}

export interface RunTarget {
  baseUrl: string;
  apiKey: string;
}

export interface RunSettings {
  seed: number;
  numRuns: number;
  strict: boolean;
  /** Credits the whole run may spend or move; unlimited when undefined. */
  maxCredits?: number;
  /** The public URL of the webhook receiver for a target that cannot reach 127.0.0.1. */
  webhookPublicUrl?: string;
  /** The local port that public URL forwards to; 4020 by default. */
  webhookPort?: number;
  /** Called after each check, for progress output. */
  onResult?: (result: CheckResult) => void;
}

export class RunCannotStart extends Error {}

export interface PreparedTarget {
  target: TargetClient;
  control: ControlClient | null;
  shared: TargetShared;
  identity: Record<string, unknown>;
  /** Credits spent or moved so far in the run, against RunSettings.maxCredits. */
  creditsSpent: number;
}

/** Probes the target: it must answer, accept the key, and may have the mock's control surface. */
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
    throw new RunCannotStart(`The target rejected the API key (GET /v1/whoami answered ${whoami.response.status}: ${whoami.response.text.slice(0, 200)}). Check --api-key or LAYERS_API_KEY.`);
  }
  if (whoami.response.status !== 200) {
    throw new RunCannotStart(`GET /v1/whoami answered ${whoami.response.status}, so the run cannot start: ${whoami.response.text.slice(0, 200)}`);
  }

  shared.exchanges.length = 0;
  const control = await ControlClient.probe(runTarget.baseUrl, shared);
  return { target, control, shared, identity: whoami.response.body ?? {}, creditsSpent: 0 };
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

  const missing = (check.requires ?? []).filter((capability) => capability === 'control' && prepared.control === null);
  if (missing.length > 0 || (check.level === 'mock-only' && prepared.control === null)) {
    return { ...base, status: 'skipped', durationMs: 0, reason: 'The target has no /_mock control surface, which this check needs (fresh organizations, keys with chosen scopes, the clock or injected faults).' };
  }

  const notes: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const context: CheckContext = {
    target: prepared.target,
    control: prepared.control,
    seed: settings.seed,
    numRuns: settings.numRuns,
    note: (message) => notes.push(message),
    defer: (cleanup) => cleanups.push(cleanup),
    spendCredits: (amount, purpose) => {
      if (settings.maxCredits !== undefined && prepared.creditsSpent + amount > settings.maxCredits) {
        throw new BudgetExceeded(`${purpose} needs ${amount} credits, which would take the run past --max-credits ${settings.maxCredits} (${prepared.creditsSpent} spent so far).`);
      }
      prepared.creditsSpent += amount;
    },
    webhookPublicUrl: settings.webhookPublicUrl ?? null,
    webhookPort: settings.webhookPort ?? 4020,
  };

  prepared.shared.exchanges.length = 0;
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
    const result = await runCheck(check, prepared, settings);
    results.push(result);
    settings.onResult?.(result);
  }
  return results;
}

/** 0 when every gating check passed, 1 otherwise. */
export function exitCodeOf(results: CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === 'failed' && result.gating) ? 1 : 0;
}
