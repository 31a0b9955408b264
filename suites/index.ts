// Every conformance check, in the order the runner takes them.
import { adsChecks } from './ads.conformance.ts';
import { auditChecks } from './audit.conformance.ts';
import { authChecks } from './auth.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import type { Check } from './lib/check.ts';
import { metricsChecks } from './metrics.conformance.ts';
import { operationChecks } from './operations.conformance.ts';
import { recommendationChecks } from './recommendations.conformance.ts';

export const allChecks: Check[] = [...gettingStartedChecks, ...idempotencyChecks, ...errorChecks, ...authChecks, ...operationChecks];

allChecks.push(...metricsChecks, ...recommendationChecks, ...adsChecks, ...auditChecks);
