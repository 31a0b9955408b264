// Every conformance check, in the order the runner takes them.
import { authChecks } from './auth.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import type { Check } from './lib/check.ts';
import { operationChecks } from './operations.conformance.ts';
import { appMediaChecks } from './app-media.conformance.ts';
import { eventChecks } from './events.conformance.ts';
import { githubChecks } from './github.conformance.ts';
import { influencerChecks } from './influencers.conformance.ts';
import { projectChecks } from './projects.conformance.ts';
import { sdkAppChecks } from './sdk-apps.conformance.ts';

export const allChecks: Check[] = [
  ...gettingStartedChecks,
  ...idempotencyChecks,
  ...errorChecks,
  ...authChecks,
  ...operationChecks,
  ...projectChecks,
  ...appMediaChecks,
  ...githubChecks,
  ...sdkAppChecks,
  ...eventChecks,
  ...influencerChecks,
];
