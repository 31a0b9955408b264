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

export const apiHandlers: Record<string, Handler> = {
  ...identityHandlers,
  ...creditHandlers,
  ...projectHandlers,
  ...contentHandlers,
  ...jobHandlers,
  ...organizationHandlers,
  ...childKeyHandlers,
  ...parentKeyHandlers,
  ...childCreditHandlers,
};

export function registerDomainTasks(mock: MockContext): void {
  registerJobTasks(mock);
}
