// Every /v1 handler by operationId, and the scheduled tasks of the domain. A unit test checks that
// this table and the operations of spec/openapi.yaml are the same set.
import type { Handler, MockContext } from '../context.ts';
import { contentHandlers } from './content/handlers.ts';
import { creditHandlers } from './credits/handlers.ts';
import { identityHandlers } from './identity/handlers.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { registerJobTasks } from './jobs/lifecycle.ts';
import { projectHandlers } from './projects/handlers.ts';
import { registerWebhookTasks, webhookHandlers } from './webhooks/handlers.ts';

export const apiHandlers: Record<string, Handler> = {
  ...identityHandlers,
  ...creditHandlers,
  ...projectHandlers,
  ...contentHandlers,
  ...jobHandlers,
  ...webhookHandlers,
};

export function registerDomainTasks(mock: MockContext): void {
  registerJobTasks(mock);
  registerWebhookTasks(mock);
}
