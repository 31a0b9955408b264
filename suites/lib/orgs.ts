// Request sequences the sub-organization checks share: a child organization that is archived
// when the check ends, allocations, wallets and whole ledgers.
import { randomUUID } from 'node:crypto';

import { expectStatus } from './assert.ts';
import type { CheckContext } from './check.ts';
import type { Exchange } from './exchange.ts';
import type { TargetClient } from './target.ts';

let childCounter = 0;

export function uniqueChildName(prefix = 'Kit child'): string {
  childCounter += 1;
  return `${prefix} ${Date.now().toString(36)}${childCounter}`;
}

/**
 * Creates a child organization and registers its archive as cleanup, so a real target is left
 * with no active child even when the check fails.
 */
export async function createChild(context: CheckContext, body: Record<string, unknown> = {}, target: TargetClient = context.target): Promise<any> {
  const exchange = await target.call({ method: 'POST', path: '/v1/organizations', body: { name: uniqueChildName(), ...body } });
  expectStatus(exchange, 201, 'POST /v1/organizations creates a child');
  const child = exchange.response.body;

  context.defer(async () => {
    await target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
  });
  return child;
}

export async function allocate(
  target: TargetClient,
  childId: string,
  credits: number,
  extra: Record<string, unknown> = {},
  idempotencyKey: string = randomUUID(),
  headers: Record<string, string> = {},
): Promise<Exchange> {
  return target.call({ method: 'POST', path: `/v1/organizations/${childId}/credits/allocate`, body: { credits, ...extra }, idempotencyKey, headers });
}

/** Reads the wallet of the caller's organization, or of a child when childId is given. */
export async function readWallet(target: TargetClient, childId?: string): Promise<any> {
  const path = childId === undefined ? '/v1/credits' : `/v1/organizations/${childId}/credits`;
  const exchange = await target.call({ method: 'GET', path });
  expectStatus(exchange, 200, `GET ${path}`);
  return exchange.response.body;
}

/** Reads every ledger row of the caller's organization or of a child, following nextCursor. */
export async function readLedger(target: TargetClient, childId?: string, query: Record<string, string | string[]> = {}): Promise<any[]> {
  const path = childId === undefined ? '/v1/credits/events' : `/v1/organizations/${childId}/credits/events`;
  const rows: any[] = [];
  let cursor: string | undefined;

  do {
    const exchange = await target.call({ method: 'GET', path, query: { ...query, limit: 100, cursor } });
    expectStatus(exchange, 200, `GET ${path}`);
    rows.push(...exchange.response.body.items);
    cursor = exchange.response.body.nextCursor ?? undefined;
  } while (cursor !== undefined);

  return rows;
}

/** Mints a parent key of a fresh organization with prepaid credits through the mock's control surface. */
export async function freshParent(context: CheckContext, credits: number): Promise<{ target: TargetClient; organizationId: string; apiKeyId: string }> {
  const minted = await context.control!.mintKey({ scopes: ['*', 'org:admin'], credits });
  return { target: context.target.withKey(minted.key), organizationId: minted.organizationId, apiKeyId: minted.apiKeyId };
}
