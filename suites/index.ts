// Every conformance check, in the order the runner takes them.
import { approvalChecks } from './approval.conformance.ts';
import { adsChecks } from './ads.conformance.ts';
import { auditChecks } from './audit.conformance.ts';
import { authChecks } from './auth.conformance.ts';
import { contentUploadChecks } from './content-uploads.conformance.ts';
import { engagementChecks } from './engagement.conformance.ts';
import { contentChecks } from './content.conformance.ts';
import { controlChecks } from './control.conformance.ts';
import { errorChecks } from './errors.conformance.ts';
import { gettingStartedChecks } from './getting-started.conformance.ts';
import { idempotencyChecks } from './idempotency.conformance.ts';
import { keyChecks } from './keys.conformance.ts';
import { leasedChecks } from './leased.conformance.ts';
import { jobChecks } from './jobs.conformance.ts';
import type { Check } from './lib/check.ts';
import { mediaLibraryChecks } from './media-library.conformance.ts';
import { metadataChecks } from './metadata.conformance.ts';
import { modelChecks } from './model.conformance.ts';
import { metricsChecks } from './metrics.conformance.ts';
import { operationChecks } from './operations.conformance.ts';
import { organizationChecks } from './organizations.conformance.ts';
import { publishingChecks } from './publishing.conformance.ts';
import { rateLimitChecks } from './rate-limits.conformance.ts';
import { socialChecks } from './social.conformance.ts';
import { walletChecks } from './wallets.conformance.ts';
import { webhookChecks } from './webhooks.conformance.ts';
import { appMediaChecks } from './app-media.conformance.ts';
import { eventChecks } from './events.conformance.ts';
import { githubChecks } from './github.conformance.ts';
import { influencerChecks } from './influencers.conformance.ts';
import { projectChecks } from './projects.conformance.ts';
import { sdkAppChecks } from './sdk-apps.conformance.ts';
import { recommendationChecks } from './recommendations.conformance.ts';
import { transportChecks } from './transport.conformance.ts';

export const allChecks: Check[] = [
  ...gettingStartedChecks,
  ...idempotencyChecks,
  ...errorChecks,
  ...authChecks,
  ...transportChecks,
  ...contentChecks,
  ...jobChecks,
  ...controlChecks,
  ...organizationChecks,
  ...keyChecks,
  ...walletChecks,
  ...metadataChecks,
  ...rateLimitChecks,
  ...modelChecks,
  ...projectChecks,
  ...appMediaChecks,
  ...githubChecks,
  ...sdkAppChecks,
  ...eventChecks,
  ...influencerChecks,
  ...mediaLibraryChecks,
  ...contentUploadChecks,
  ...approvalChecks,
  ...socialChecks,
  ...publishingChecks,
  ...leasedChecks,
  ...engagementChecks,
  ...webhookChecks,
  ...metricsChecks,
  ...recommendationChecks,
  ...adsChecks,
  ...auditChecks,
  ...operationChecks,
];
