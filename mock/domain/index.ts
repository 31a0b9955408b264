// Every /v1 handler by operationId, and the scheduled tasks of the domain. A unit test checks that
// this table and the operations of spec/openapi.yaml are the same set.
import type { Handler, MockContext } from '../context.ts';
import { contentHandlers } from './content/handlers.ts';
import { creditHandlers } from './credits/handlers.ts';
import { identityHandlers } from './identity/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { registerJobTasks } from './jobs/lifecycle.ts';
import { projectHandlers } from './projects/handlers.ts';
import { adsHandlers, registerAdsTasks } from './ads/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { metricsHandlers } from './metrics/handlers.ts';

export const apiHandlers: Record<string, Handler> = {
  ...identityHandlers,
  ...creditHandlers,
  ...projectHandlers,
  ...contentHandlers,
  ...jobHandlers,
  ...metricsHandlers,
  ...adsHandlers,
  ...auditHandlers,
};

export function registerDomainTasks(mock: MockContext): void {
  registerJobTasks(mock);
  registerAdsTasks(mock);
}
