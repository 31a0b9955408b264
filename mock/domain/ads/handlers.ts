// Every ads handler, and the scheduled tasks of the ads area.
import type { Handler, MockContext } from '../../context.ts';
import { registerAccountTasks } from './accounts.ts';
import { adsOperationHandlers } from './handlers-operations.ts';
import { adsReadHandlers } from './handlers-reads.ts';
import { adsStructureHandlers } from './handlers-structure.ts';
import { registerPendingTasks } from './pending.ts';
import { registerReviewTasks } from './reviews.ts';

export const adsHandlers: Record<string, Handler> = { ...adsReadHandlers, ...adsStructureHandlers, ...adsOperationHandlers };

export function registerAdsTasks(mock: MockContext): void {
  registerAccountTasks(mock);
  registerPendingTasks(mock);
  registerReviewTasks(mock);
}
