// A conformance check: one or more guarantees of spec/guarantees.yaml, tested against a target.
import type { ControlClient } from './control.ts';
import type { TargetClient } from './target.ts';

/**
 * documented: stated by the changelog or the current docs; a failure fails the run.
 * inferred: the kit's reading where the sources are silent; a failure fails only with --strict.
 * mock-only: the mock's own control surface; never run against a target without one.
 */
export type Level = 'documented' | 'inferred' | 'mock-only';

/**
 * control: the target has the mock's /_mock surface (mint keys, grant credits, read and advance
 * the clock).
 * exclusive: the runner started the target itself, so checks may reset it, import a snapshot,
 * inject faults or flip its global kill switch. A target someone else started never gets it.
 * webhooks: the target can reach a receiver of the run (on 127.0.0.1, or --webhook-public-url).
 */
export type Capability = 'control' | 'exclusive' | 'webhooks';

export interface CheckContext {
  /** The client of the run's API key, a parent key with org:admin. */
  target: TargetClient;
  /** The mock's control surface, or null when the target has none. */
  control: ControlClient | null;
  /** The capabilities the run found; a check listed in `requires` only runs with all of them. */
  capabilities: ReadonlySet<Capability>;
  /**
   * The public URL that forwards to the run's webhook receiver (--webhook-public-url), or null
   * when the receiver is reached on 127.0.0.1 or not at all.
   */
  webhookPublicUrl: string | null;
  /** fast-check seed and run count for property checks, so a failure replays exactly. */
  seed: number;
  numRuns: number;
  /** How long a check waits for a job to end, in ms (--job-timeout). */
  jobTimeoutMs: number;
  /** Records something the report should show beside the result. */
  note(message: string): void;
  /**
   * Registers cleanup that runs after the check, whether it passed or failed, newest first: the
   * archive of a child organization or project the check created, for example.
   */
  defer(cleanup: () => Promise<void>): void;
  /**
   * Counts credits against the run's budget. The client calls it before every request that
   * spends or moves credits (suites/lib/spend.ts); a check calls it for any other spending. Over
   * budget it throws BudgetExceeded, and the check is reported as skipped with that reason.
   */
  spendCredits(amount: number, purpose: string): void;
  /** The local port the webhook receiver listens on behind webhookPublicUrl (--webhook-port). */
  webhookPort: number;
}

/** Thrown by a check that cannot run against this target; the runner reports it as skipped. */
export class CheckSkipped extends Error {}

export class BudgetExceeded extends CheckSkipped {}

export interface Check {
  /** The check's own id, unique across suites. */
  id: string;
  title: string;
  /** The area the check belongs to, for --only and for progress output. */
  area: string;
  guarantees: string[];
  level: Level;
  requires?: Capability[];
  run(context: CheckContext): Promise<void>;
}

/** Declares a check; a helper only for type inference at the call sites. */
export function defineCheck(check: Check): Check {
  return check;
}
