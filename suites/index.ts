// Every conformance check, in the order the runner takes them.
import { authChecks } from './auth.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import type { Check } from './lib/check.ts';
import { operationChecks } from './operations.conformance.ts';
import { webhookChecks } from './webhooks.conformance.ts';

export const allChecks: Check[] = [...gettingStartedChecks, ...idempotencyChecks, ...errorChecks, ...authChecks, ...operationChecks, ...webhookChecks];
