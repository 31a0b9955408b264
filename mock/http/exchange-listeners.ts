// Listeners that see every finished /v1 exchange once its response is written, such as the audit
// log. A listener gets no headers, body or secret: only what the exchange did and who made it.
import type { MockContext, Principal } from '../context.ts';

export interface FinishedExchange {
  requestId: string;
  /** Mock time when the response was written, epoch ms. */
  at: number;
  method: string;
  path: string;
  /** The route template and operation, null when no route matched. */
  route: string | null;
  operationId: string | null;
  status: number;
  /** The error code of an error response. */
  errorCode: string | null;
  /** Set once the key was authenticated, even when a later step rejected the request. */
  principal: Principal | null;
  /** The 16-character key id of the bearer token, which is not secret; null without a key. */
  presentedKeyHandle: string | null;
  replayed: boolean;
}

export type ExchangeListener = (mock: MockContext, exchange: FinishedExchange) => void;

const listeners: ExchangeListener[] = [];

export function onExchangeFinished(listener: ExchangeListener): void {
  listeners.push(listener);
}

/** Calls every listener; a failing listener is logged and never breaks the response. */
export function notifyExchangeFinished(mock: MockContext, exchange: FinishedExchange): void {
  for (const listener of listeners) {
    try {
      listener(mock, exchange);
    } catch (error) {
      mock.log.error({ requestId: exchange.requestId, err: error }, 'exchange listener failed');
    }
  }
}

/** Extracts the key id of `Bearer lp_<env>_<key id>_<secret>`, without the secret. */
export function keyHandleOf(authorization: string | undefined): string | null {
  const match = /^Bearer\s+lp_(?:live|test)_([0-9A-Z]{16})_/i.exec(authorization ?? '');
  return match === null ? null : (match[1] ?? null);
}
