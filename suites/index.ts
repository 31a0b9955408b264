// Every conformance check, in the order the runner takes them.
import { approvalChecks } from './approval.conformance.ts';
import { authChecks } from './auth.conformance.ts';
import { contentUploadChecks } from './content-uploads.conformance.ts';
import { engagementChecks } from './engagement.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import { keyChecks } from './keys.conformance.ts';
import { leasedChecks } from './leased.conformance.ts';
import type { Check } from './lib/check.ts';
import { metadataChecks } from './metadata.conformance.ts';
import { modelChecks } from './model.conformance.ts';
import { operationChecks } from './operations.conformance.ts';
import { organizationChecks } from './organizations.conformance.ts';
import { publishingChecks } from './publishing.conformance.ts';
import { rateLimitChecks } from './rate-limits.conformance.ts';
import { socialChecks } from './social.conformance.ts';
import { walletChecks } from './wallets.conformance.ts';
import { webhookChecks } from './webhooks.conformance.ts';

export const allChecks: Check[] = [
  ...gettingStartedChecks,
  ...idempotencyChecks,
  ...errorChecks,
  ...authChecks,
  ...organizationChecks,
  ...keyChecks,
  ...walletChecks,
  ...metadataChecks,
  ...rateLimitChecks,
  ...modelChecks,
  ...contentUploadChecks,
  ...approvalChecks,
  ...socialChecks,
  ...publishingChecks,
  ...leasedChecks,
  ...engagementChecks,
  ...webhookChecks,
  ...operationChecks,
];
