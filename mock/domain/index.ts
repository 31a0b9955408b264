// Every /v1 handler by operationId, and the scheduled tasks of the domain. A unit test checks that
// this table and the operations of spec/openapi.yaml are the same set.
import type { Handler, MockContext } from '../context.ts';
import { contentHandlers } from './content/handlers.ts';
import { creditHandlers } from './credits/handlers.ts';
import { identityHandlers } from './identity/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { registerJobTasks } from './jobs/lifecycle.ts';
import { projectHandlers } from './projects/handlers.ts';
import { appMediaHandlers } from './app-media/handlers.ts';
import { githubHandlers } from './github/handlers.ts';
import { influencerHandlers } from './influencers/handlers.ts';
import { sdkAppHandlers } from './sdk-apps/handlers.ts';
import { telemetryHandlers } from './telemetry/handlers.ts';

export const apiHandlers: Record<string, Handler> = {
  ...identityHandlers,
  ...creditHandlers,
  ...projectHandlers,
  ...contentHandlers,
  ...jobHandlers,
  ...appMediaHandlers,
  ...githubHandlers,
  ...sdkAppHandlers,
  ...telemetryHandlers,
  ...influencerHandlers,
};

export function registerDomainTasks(mock: MockContext): void {
  registerJobTasks(mock);
}
