// Every conformance check, in the order the runner takes them.
import { authChecks } from './auth.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import { keyChecks } from './keys.conformance.ts';
import type { Check } from './lib/check.ts';
import { metadataChecks } from './metadata.conformance.ts';
import { modelChecks } from './model.conformance.ts';
import { operationChecks } from './operations.conformance.ts';
import { organizationChecks } from './organizations.conformance.ts';
import { rateLimitChecks } from './rate-limits.conformance.ts';
import { walletChecks } from './wallets.conformance.ts';

export const allChecks: Check[] = [...gettingStartedChecks, ...idempotencyChecks, ...errorChecks, ...authChecks, ...operationChecks];

// Sub-organizations, child keys, wallets, metadata and rate limits.
allChecks.push(...organizationChecks, ...keyChecks, ...walletChecks, ...metadataChecks, ...rateLimitChecks, ...modelChecks);
