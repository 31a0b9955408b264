// The mock clock (D35). A running clock follows wall time from its start instant plus every offset
// added with advance(); a frozen clock moves only when advanced, so the same seed and requests give
// byte-identical responses.
export type ClockMode = 'running' | 'frozen';

/** The start instant of a frozen clock when none is given. */
export const defaultFrozenStart = Date.parse('2026-07-01T00:00:00.000Z');

export class MockClock {
  private offsetMs = 0;
  private readonly wallStart = performance.now();

  constructor(
    readonly mode: ClockMode,
    readonly startInstant: number = mode === 'frozen' ? defaultFrozenStart : Date.now(),
  ) {}

  /** The current mock time in epoch milliseconds, always a whole number. */
  now(): number {
    const elapsed = this.mode === 'running' ? Math.floor(performance.now() - this.wallStart) : 0;
    return this.startInstant + elapsed + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  /** The offset added through advance(), kept in snapshots. */
  get offset(): number {
    return this.offsetMs;
  }

  set offset(value: number) {
    this.offsetMs = value;
  }
}

/** Formats epoch milliseconds as ISO-8601 UTC with milliseconds and Z (D4). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

export function nullableIso(ms: number | null): string | null {
  return ms === null ? null : isoTimestamp(ms);
}
