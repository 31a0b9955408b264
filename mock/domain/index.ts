// Every /v1 handler by operationId, and the scheduled tasks of the domain. A unit test checks that
// this table and the operations of spec/openapi.yaml are the same set.
import type { Handler, MockContext } from '../context.ts';
import { childKeyHandlers } from './api-keys/child-keys.ts';
import { parentKeyHandlers } from './api-keys/parent-keys.ts';
import { contentHandlers } from './content/handlers.ts';
import { childCreditHandlers } from './credits/child-handlers.ts';
import { creditHandlers } from './credits/handlers.ts';
import { identityHandlers } from './identity/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { registerJobTasks } from './jobs/lifecycle.ts';
import { organizationHandlers } from './organizations/handlers.ts';
import { projectHandlers } from './projects/handlers.ts';
import { approvalHandlers } from './approval/handlers.ts';
import { registerApprovalTasks } from './approval/decisions.ts';
import { registerUploadTasks } from './content/upload-session.ts';
import { engagementHandlers } from './engagement/handlers.ts';
import { leasedHandlers } from './leased/handlers.ts';
import { registerLeaseTasks } from './leased/lifecycle.ts';
import { publishingHandlers } from './publishing/handlers.ts';
import { registerPublishingTasks } from './publishing/lifecycle.ts';
import { registerSocialTasks } from './social/accounts.ts';
import { socialHandlers } from './social/handlers.ts';
import { registerWebhookTasks, webhookHandlers } from './webhooks/handlers.ts';
import { appMediaHandlers } from './app-media/handlers.ts';
import { githubHandlers } from './github/handlers.ts';
import { influencerHandlers } from './influencers/handlers.ts';
import { sdkAppHandlers } from './sdk-apps/handlers.ts';
import { telemetryHandlers } from './telemetry/handlers.ts';
import { adsHandlers, registerAdsTasks } from './ads/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { mediaLibraryHandlers } from './media-library/handlers.ts';
import { metricsHandlers } from './metrics/handlers.ts';

export const apiHandlers: Record<string, Handler> = {
  ...identityHandlers,
  ...creditHandlers,
  ...projectHandlers,
  ...contentHandlers,
  ...jobHandlers,
  ...approvalHandlers,
  ...socialHandlers,
  ...publishingHandlers,
  ...leasedHandlers,
  ...engagementHandlers,
  ...webhookHandlers,
  ...organizationHandlers,
  ...childKeyHandlers,
  ...parentKeyHandlers,
  ...childCreditHandlers,
  ...appMediaHandlers,
  ...githubHandlers,
  ...sdkAppHandlers,
  ...telemetryHandlers,
  ...influencerHandlers,
  ...mediaLibraryHandlers,
  ...metricsHandlers,
  ...adsHandlers,
  ...auditHandlers,
};

export function registerDomainTasks(mock: MockContext): void {
  registerJobTasks(mock);
  registerApprovalTasks(mock);
  registerUploadTasks(mock);
  registerSocialTasks(mock);
  registerPublishingTasks(mock);
  registerLeaseTasks(mock);
  registerWebhookTasks(mock);
  registerAdsTasks(mock);
}
