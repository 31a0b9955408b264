// Runs a fast-check property inside a check, with the run's seed, and turns a failure into a
// CheckFailure that carries the shrunk counterexample and the exchange that broke it.
import fc from 'fast-check';

import { CheckFailure } from './assert.ts';
import type { CheckContext } from './check.ts';
import { SpecViolation } from './target.ts';

export async function assertProperty<T extends unknown[]>(
  context: CheckContext,
  arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
  predicate: (...values: T) => Promise<void>,
  options: { numRuns?: number } = {},
): Promise<void> {
  const property = fc.asyncProperty(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), predicate as (...values: unknown[]) => Promise<void>);
  const details = await fc.check(property, { seed: context.seed, numRuns: options.numRuns ?? context.numRuns, endOnFailure: false });

  if (!details.failed) {
    return;
  }

  const cause = details.errorInstance;
  const exchange = cause instanceof CheckFailure || cause instanceof SpecViolation ? cause.exchange : null;
  const message = cause instanceof Error ? cause.message : String(cause);
  throw new CheckFailure(
    `Property failed after ${details.numRuns} run(s) (seed ${details.seed}, path ${details.counterexamplePath ?? ''}, shrunk ${details.numShrinks} time(s)): ${message}\nCounterexample: ${fc.stringify(details.counterexample)}`,
    exchange,
    details.counterexample,
    cause instanceof SpecViolation || (cause instanceof CheckFailure && cause.specViolation),
  );
}
