// The runtime side of delivery, kept out of the store because it cannot be snapshotted: the undici
// agent and the attempts in flight. Attempts start synchronously from scheduler tasks and finish
// asynchronously. drainDeliveries lets POST /_mock/clock/advance wait until every attempt that
// fell due has finished, including the retries they schedule within the advanced window.
import type { Agent } from 'undici';

import type { MockContext } from '../../context.ts';
import { createDeliveryAgent } from './sender.ts';

interface InFlightAttempt {
  endpointId: string;
  attemptedAt: number;
  settled: Promise<void>;
}

interface EngineState {
  agent: Agent;
  inFlight: Set<InFlightAttempt>;
  kickQueued: boolean;
  closed: boolean;
}

const states = new WeakMap<MockContext, EngineState>();

export function engineOf(mock: MockContext): EngineState {
  let state = states.get(mock);
  if (state === undefined) {
    state = { agent: createDeliveryAgent(mock.config.webhookTimeoutMs), inFlight: new Set(), kickQueued: false, closed: false };
    states.set(mock, state);
  }
  return state;
}

/** Tracks an attempt until it settles, so a drain, and later attempts to its endpoint, can wait for it. */
export function trackAttempt(mock: MockContext, endpointId: string, attemptedAt: number, settled: Promise<void>): void {
  const state = engineOf(mock);
  const entry: InFlightAttempt = { endpointId, attemptedAt, settled };
  state.inFlight.add(entry);
  void settled.finally(() => state.inFlight.delete(entry));
}

/**
 * Returns the attempts to `endpointId` still in flight that were made before `attemptedAt`. A later
 * attempt waits for them, so an advance over hours applies outcomes in mock-time order: the
 * failure that pauses an endpoint lands before an attempt due after it is decided.
 */
export function earlierAttempts(mock: MockContext, endpointId: string, attemptedAt: number): Promise<void>[] {
  return [...engineOf(mock).inFlight].filter((entry) => entry.endpointId === endpointId && entry.attemptedAt < attemptedAt).map((entry) => entry.settled);
}

/**
 * Runs due work soon after the current request or task, so an attempt due now (a test ping, a
 * replay, an event raised by a request) is made at once even on a frozen clock.
 */
export function queueDueWork(mock: MockContext): void {
  const state = engineOf(mock);
  if (state.kickQueued || state.closed) {
    return;
  }

  state.kickQueued = true;
  setImmediate(() => {
    state.kickQueued = false;
    if (state.closed) {
      return;
    }
    try {
      mock.scheduler.runDue(mock.clock.now());
    } catch (error) {
      mock.log.error({ err: error }, 'due work failed after a webhook delivery was scheduled');
    }
  });
}

/**
 * Runs the work due at `now` and waits for the attempts it starts, repeatedly, until nothing due
 * is left and no attempt is in flight. A failing receiver's whole ladder within the window is
 * made in one call, each attempt at its own mock time.
 */
export async function drainDeliveries(mock: MockContext, now: number): Promise<void> {
  const state = engineOf(mock);

  for (;;) {
    mock.scheduler.runDue(now);
    if (state.inFlight.size === 0) {
      return;
    }
    await Promise.allSettled([...state.inFlight].map((entry) => entry.settled));
  }
}

/** Stops new attempts and aborts those in flight; their results are then ignored. */
export function closeEngine(mock: MockContext): void {
  const state = states.get(mock);
  if (state === undefined) {
    return;
  }
  state.closed = true;
  state.agent.destroy().catch((error: unknown) => mock.log.debug({ err: error }, 'closing the webhook agent failed'));
}

export function isEngineClosed(mock: MockContext): boolean {
  return states.get(mock)?.closed === true;
}
