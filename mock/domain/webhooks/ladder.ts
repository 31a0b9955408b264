// The retry ladder of D28: eight attempts at these offsets from the event (not gaps between
// attempts), so the last attempt is 24 hours after the event.
export const ladderOffsetsMs = [0, 30_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000] as const;

export const maxAttempts = ladderOffsetsMs.length;

/** Twenty consecutive failed attempts pause the endpoint (status auto_paused). */
export const autoPauseThreshold = 20;

/** A delivery succeeds with any 2xx received within this time (D28). */
export const defaultDeliveryTimeoutMs = 10_000;

/** The 4xx statuses that are retried; every other 4xx ends the delivery as failed at once. */
const retriedClientErrors = new Set([408, 409, 429]);

/** True when a response status ends the delivery without a retry. */
export function isFinalFailure(status: number): boolean {
  return status >= 400 && status < 500 && !retriedClientErrors.has(status);
}

/** The mock time of attempt `number` (1-based) of a delivery whose ladder starts at `ladderStart`. */
export function attemptDueAt(ladderStart: number, number: number): number {
  const offset = ladderOffsetsMs[number - 1];
  if (offset === undefined) {
    throw new Error(`A delivery has ${maxAttempts} attempts; attempt ${number} does not exist.`);
  }
  return ladderStart + offset;
}
