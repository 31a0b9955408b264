// Every webhook operation by operationId, and the delivery machinery each mock instance registers.
import type { Handler, MockContext } from '../../context.ts';
import { deliveryHandlers } from './delivery-handlers.ts';
import { registerAttemptTask } from './deliveries.ts';
import { endpointHandlers } from './endpoint-handlers.ts';
import { registerFanOut } from './fanout.ts';

export const webhookHandlers: Record<string, Handler> = {
  ...endpointHandlers,
  ...deliveryHandlers,
};

export function registerWebhookTasks(mock: MockContext): void {
  registerFanOut();
  registerAttemptTask(mock);
}
