// Wallets and transfers: the wallet shape (D21), the ledger and its filters, allocations with
// their ledger rows, replays and races (D22, F01, F03, F09), caps and auto-refill (D23).
import { randomUUID } from 'node:crypto';

import { expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { BudgetExceeded, defineCheck, type Check, type CheckContext } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { allocate, createChild, freshParent, readLedger, readWallet } from './lib/orgs.ts';
import type { TargetClient } from './lib/target.ts';

/** Returns the mock's per-request fault header, which delays one request by `ms` after it claims its Idempotency-Key. */
function slowHeader(ms: number): Record<string, string> {
  return { 'x-mock-fault': `latency=${ms}` };
}

const eventTypes = ['usage', 'refund', 'grant', 'purchase', 'adjustment', 'allocation'];

/**
 * Returns a parent with at least `credits` prepaid: a fresh organization on the mock, or the run's
 * key on another target, where the check is skipped when the prepaid balance is too low.
 */
async function fundedParent(context: CheckContext, credits: number): Promise<TargetClient> {
  if (context.control !== null) {
    return (await freshParent(context, credits)).target;
  }
  const wallet = await readWallet(context.target);
  if (wallet.prepaidBalance < credits) {
    throw new BudgetExceeded(`The check needs ${credits} prepaid credits on the run's organization, which has ${wallet.prepaidBalance}.`);
  }
  return context.target;
}

/** Starts a slideshow-builder generation (50 credits) inside the child. */
async function generateInChild(target: TargetClient, childId: string, projectId: string): Promise<Exchange> {
  return target.call({ method: 'POST', path: `/v1/projects/${projectId}/content/slideshow-builder`, body: { hook: 'Kit wallet check' }, organization: childId });
}

async function childProject(target: TargetClient, childId: string): Promise<string> {
  const project = await target.call({ method: 'POST', path: '/v1/projects', body: { name: `Wallet ${Date.now().toString(36)}`, timezone: 'UTC' }, organization: childId });
  expectStatus(project, 201, 'creating a project inside the child');
  return project.response.body.id as string;
}

function allocationRows(rows: any[], transferId: string): any[] {
  return rows.filter((row) => row.eventType === 'allocation' && row.metadata?.transferId === transferId);
}

export const walletChecks: Check[] = [
  defineCheck({
    id: 'wallets.shape',
    title: "The wallet's balance and available follow D21, for the caller and for a child through the parent",
    area: 'wallets',
    guarantees: ['WALLET-SHAPE', 'WALLET-CHILD-VIA-PARENT'],
    level: 'documented',
    async run(context) {
      const wallet = await readWallet(context.target);
      expectEqual(wallet.balance, wallet.includedRemaining + wallet.prepaidBalance, 'balance = includedRemaining + prepaidBalance');
      expectEqual(wallet.available, Math.max(0, wallet.balance - wallet.reservedCredits), 'available = max(0, balance − reservedCredits)');

      const child = await createChild(context);
      const throughParent = await readWallet(context.target, child.id);
      const acting = await context.target.call({ method: 'GET', path: '/v1/credits', organization: child.id });
      expectEqual(throughParent.organizationId, child.id, "the child's wallet names the child");
      expectEqual(acting.response.body, throughParent, 'acting for the child reads the same wallet', acting);
    },
  }),

  defineCheck({
    id: 'wallets.events-filters',
    title: 'Ledger filters: each of the six event types, Z-only since and until, limits and projectId',
    area: 'wallets',
    guarantees: ['WALLET-EVENTS-FILTERS', 'WALLET-EVENTS-Z-ONLY'],
    level: 'documented',
    async run(context) {
      for (const eventType of eventTypes) {
        const page = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { eventType, limit: 100 } });
        expectStatus(page, 200, `eventType=${eventType}`);
        expectTrue(page.response.body.items.every((row: { eventType: string }) => row.eventType === eventType), `every row has eventType ${eventType}`, page);
      }

      const all = await readLedger(context.target);
      if (all.length > 0) {
        const newest = all[0].createdAt as string;
        const inclusive = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { since: newest, until: newest, limit: 100 } });
        expectTrue(inclusive.response.body.items.length >= 1 && inclusive.response.body.items.every((row: { createdAt: string }) => row.createdAt === newest), 'since and until are inclusive', inclusive);
      }

      const offset = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { since: '2026-06-01T00:00:00+00:00' } });
      expectErrorCode(offset, 422, 'VALIDATION', 'an offset timestamp in since');
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { until: '2026-06-01T00:00:00.000+02:00' } }), 422, 'VALIDATION', 'an offset timestamp in until');
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { limit: 101 } }), 422, 'VALIDATION', 'limit 101');
      expectErrorCode(await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { eventType: 'reservation' } }), 422, 'VALIDATION', 'an unknown event type');

      const byProject = await context.target.call({ method: 'GET', path: '/v1/credits/events', query: { projectId: `prj_${randomUUID()}` } });
      expectEqual(byProject.response.body.items, [], 'a projectId filter excludes rows without that project', byProject);
    },
  }),

  defineCheck({
    id: 'wallets.allocate-transfer',
    title: 'Allocate returns the transfer and writes two allocation rows that sum to zero',
    area: 'wallets',
    guarantees: ['ALLOC-TRANSFER', 'ALLOC-LEDGER-ROWS'],
    level: 'documented',
    async run(context) {
      const parent = await fundedParent(context, 100);
      const parentId = (await parent.call({ method: 'GET', path: '/v1/whoami' })).response.body.organizationId as string;
      const child = await createChild(context, {}, parent);
      const before = await readWallet(parent);

      const transfer = await allocate(parent, child.id, 100, { description: 'Kit allocation', metadata: { invoice: 'inv_1', direction: 'partner-value' } });
      expectStatus(transfer, 201, 'allocating 100 credits');
      const body = transfer.response.body;
      expectTrue(/^txn_/.test(body.id), 'the transfer id is txn_<uuid>', transfer);
      expectEqual([body.allocated, body.balance, body.available, body.replayed, body.description], [100, 100, 100, false, 'Kit allocation'], 'the transfer echoes the amount and the child balances', transfer);

      const after = await readWallet(parent);
      expectEqual(before.prepaidBalance - after.prepaidBalance, 100, "the parent's prepaid balance drops by 100");

      const parentRows = allocationRows(await readLedger(parent), body.id);
      const childRows = allocationRows(await readLedger(parent, child.id), body.id);
      expectEqual([parentRows.length, childRows.length], [1, 1], 'one row on each ledger carries the transfer id');
      expectEqual([parentRows[0].credits, childRows[0].credits], [-100, 100], 'the rows are -100 and +100');
      expectEqual([parentRows[0].metadata.direction, parentRows[0].metadata.counterpartyOrgId, childRows[0].metadata.counterpartyOrgId], ['allocate', child.id, parentId], 'direction and counterpartyOrgId are set, and reserved keys win');
      expectEqual([parentRows[0].metadata.invoice, childRows[0].projectId, childRows[0].description], ['inv_1', null, 'Kit allocation'], 'partner metadata and the description are on the rows, with projectId null');
    },
  }),

  defineCheck({
    id: 'wallets.allocate-replay',
    title: 'An allocate replay returns the same transfer with replayed true and writes no row (F01)',
    area: 'wallets',
    guarantees: ['ALLOC-REPLAY', 'IDEMP-REPLAY-SAME-BODY'],
    level: 'documented',
    async run(context) {
      const parent = await fundedParent(context, 100);
      const child = await createChild(context, {}, parent);
      const key = randomUUID();

      const first = await allocate(parent, child.id, 100, {}, key);
      expectStatus(first, 201, 'the first allocation');
      const second = await allocate(parent, child.id, 100, {}, key);
      expectStatus(second, 201, 'the replay keeps 201');
      expectEqual(second.response.body, { ...first.response.body, replayed: true }, 'the replay is the same transfer with replayed true', second);
      expectEqual(second.response.headers['idempotent-replayed'], 'true', 'the replay carries Idempotent-Replayed', second);
      expectEqual(second.response.headers['x-request-id'], first.response.headers['x-request-id'], 'the replay keeps the original request id', second);
      expectEqual(allocationRows(await readLedger(parent, child.id), first.response.body.id).length, 1, "the child's ledger has one row for the transfer");
      expectEqual((await readWallet(parent, child.id)).balance, 100, 'the child was credited once');
    },
  }),

  defineCheck({
    id: 'wallets.allocate-rejections',
    title: 'Allocate needs an Idempotency-Key and credits above 0, and a short parent gets 402 balance with nothing moved',
    area: 'wallets',
    guarantees: ['ALLOC-IDEMPOTENCY-REQUIRED', 'ALLOC-INSUFFICIENT'],
    level: 'documented',
    async run(context) {
      const child = await createChild(context);
      const before = await readWallet(context.target);

      const keyless = await context.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/credits/allocate`, body: { credits: 1 }, idempotencyKey: null });
      expectErrorCode(keyless, 400, 'IDEMPOTENCY_REQUIRED', 'allocate without Idempotency-Key');
      expectErrorCode(await allocate(context.target, child.id, 0), 422, 'VALIDATION', 'credits 0');

      const short = await allocate(context.target, child.id, before.prepaidBalance + 1);
      expectErrorCode(short, 402, 'BILLING_EXHAUSTED', 'allocating more than the prepaid balance');
      expectEqual(short.response.body.error.details?.reason, 'balance', 'the reason is balance', short);
      expectEqual((await readWallet(context.target)).prepaidBalance, before.prepaidBalance, "the parent's prepaid balance is unchanged");
      expectEqual((await readWallet(context.target, child.id)).balance, 0, 'the child received nothing');
    },
  }),

  defineCheck({
    id: 'wallets.allocate-in-flight',
    title: 'Two in-flight allocations with one key move credits once (F03)',
    area: 'wallets',
    guarantees: ['ALLOC-IN-FLIGHT', 'IDEMP-IN-FLIGHT'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const parent = await fundedParent(context, 1000);
      const child = await createChild(context, {}, parent);
      const key = randomUUID();

      // The per-request fault header slows only this request, so a shared target's fault
      // registry is never touched.
      const [left, right] = await Promise.all([
        allocate(parent, child.id, 100, {}, key, slowHeader(300)),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => allocate(parent, child.id, 100, {}, key)),
      ]);

      const created = [left, right].filter((exchange) => exchange.response.status === 201);
      expectTrue(created.length >= 1, `one allocation succeeds (statuses ${left.response.status}, ${right.response.status})`, right);
      for (const exchange of [left, right]) {
        if (exchange.response.status === 409) {
          expectErrorCode(exchange, 409, 'IDEMPOTENCY_CONFLICT', 'the concurrent duplicate');
          expectEqual(exchange.response.body.error.details?.reason, 'in_flight', 'the conflict says in_flight', exchange);
          expectTrue(exchange.response.headers['retry-after'] !== undefined, 'the conflict carries Retry-After', exchange);
        } else if (exchange.response.status !== 201) {
          fail(`a concurrent duplicate gets the replay or 409 in_flight, not ${exchange.response.status}`, exchange);
        }
      }
      expectEqual((await readWallet(parent)).prepaidBalance, 900, 'the parent is debited once');
      expectEqual((await readLedger(parent, child.id)).filter((row) => row.eventType === 'allocation').length, 1, 'the child has one allocation row');
    },
  }),

  defineCheck({
    id: 'wallets.concurrent-overdraft',
    title: 'Two concurrent allocations that exceed the prepaid balance give one 201 and one 402 (F09)',
    area: 'wallets',
    guarantees: ['ALLOC-NO-OVERDRAFT', 'ALLOC-INSUFFICIENT'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const parent = await fundedParent(context, 100);
      const first = await createChild(context, {}, parent);
      const second = await createChild(context, {}, parent);

      const results = await Promise.all([allocate(parent, first.id, 80, {}, randomUUID(), slowHeader(200)), allocate(parent, second.id, 80, {}, randomUUID(), slowHeader(200))]);
      const statuses = results.map((exchange) => exchange.response.status).sort();
      expectEqual(statuses, [201, 402], 'one allocation succeeds and one gets 402');
      const refused = results.find((exchange) => exchange.response.status === 402) as Exchange;
      expectErrorCode(refused, 402, 'BILLING_EXHAUSTED', 'the losing allocation');
      expectEqual(refused.response.body.error.details?.reason, 'balance', 'the reason is balance', refused);

      const wallets = [await readWallet(parent), await readWallet(parent, first.id), await readWallet(parent, second.id)];
      expectEqual(wallets[0].prepaidBalance, 20, 'the parent keeps 20');
      expectEqual(wallets[1].balance + wallets[2].balance, 80, 'the children received 80 between them');
      expectTrue(wallets.every((wallet) => wallet.available >= 0 && wallet.prepaidBalance >= 0), 'nothing is negative');
    },
  }),

  defineCheck({
    id: 'wallets.cap-and-balance',
    title: "A child's generation past its monthly cap gets 402 cap, and one available cannot cover gets 402 balance",
    area: 'wallets',
    guarantees: ['CAP-MONTHLY', 'WALLET-RESERVE-BALANCE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const parent = await fundedParent(context, 1000);
      const child = await createChild(context, {}, parent);
      expectStatus(await allocate(parent, child.id, 200), 201, 'funding the child');
      const config = await parent.call({ method: 'PATCH', path: `/v1/organizations/${child.id}/credit-config`, body: { monthlyCreditCap: 100 } });
      expectEqual(config.response.body.config.monthlyCreditCap, 100, 'the cap is set', config);
      const project = await childProject(parent, child.id);

      expectStatus(await generateInChild(parent, child.id, project), 202, 'the first 50 credits are within the cap');
      expectStatus(await generateInChild(parent, child.id, project), 202, 'the second 50 credits reach the cap');
      const capped = await generateInChild(parent, child.id, project);
      expectErrorCode(capped, 402, 'BILLING_EXHAUSTED', 'a generation past the cap');
      expectEqual(capped.response.body.error.details?.reason, 'cap', 'the reason is cap', capped);
      expectEqual((await readWallet(parent, child.id)).reservedCredits <= 100, true, 'the refused generation reserved nothing');

      const poor = await createChild(context, {}, parent);
      expectStatus(await allocate(parent, poor.id, 30), 201, 'funding a child with 30 credits');
      const poorProject = await childProject(parent, poor.id);
      const short = await generateInChild(parent, poor.id, poorProject);
      expectErrorCode(short, 402, 'BILLING_EXHAUSTED', 'a 50-credit generation on 30 available');
      expectEqual(short.response.body.error.details?.reason, 'balance', 'the reason is balance', short);
    },
  }),

  defineCheck({
    id: 'wallets.auto-refill',
    title: 'Auto-refill is both-or-neither, fires when available drops below the threshold, and never passes the cap',
    area: 'wallets',
    guarantees: ['REFILL-BOTH-OR-NEITHER', 'REFILL-FIRES'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const parent = await fundedParent(context, 1000);
      const child = await createChild(context, {}, parent);
      const path = `/v1/organizations/${child.id}/credit-config`;

      const half = await parent.call({ method: 'PATCH', path, body: { refillThreshold: 100 } });
      expectErrorCode(half, 422, 'REFILL_REQUIRES_THRESHOLD_AND_AMOUNT', 'a threshold without an amount');
      const unchanged = await parent.call({ method: 'GET', path });
      expectEqual(unchanged.response.body.config.refillThreshold, null, 'the rejected PATCH changed nothing', unchanged);

      expectStatus(await allocate(parent, child.id, 120), 201, 'funding the child with 120');
      const set = await parent.call({ method: 'PATCH', path, body: { monthlyCreditCap: 300, refillThreshold: 100, refillAmount: 150 } });
      expectEqual(set.response.body.config.autoRefillEnabled, true, 'both set enables auto-refill', set);
      const project = await childProject(parent, child.id);

      // 120 → 70 available: below 100, so 150 arrive (month's allocations 270 of the cap of 300).
      expectStatus(await generateInChild(parent, child.id, project), 202, 'a generation that takes available below the threshold');
      expectEqual((await readWallet(parent, child.id)).available, 220, 'the refill adds 150');
      // 220 → 170 → 120 → 70: the second drop below 100 is clipped to the 30 left under the cap.
      for (let index = 0; index < 3; index += 1) {
        expectStatus(await generateInChild(parent, child.id, project), 202, 'generations down to the threshold');
      }
      expectEqual((await readWallet(parent, child.id)).available, 100, 'the second refill is clipped to 30');

      const refills = (await readLedger(parent, child.id, { eventType: 'allocation' })).filter((row) => row.metadata?.trigger === 'auto_refill');
      expectEqual(refills.map((row) => row.credits).sort((a, b) => a - b), [30, 150], 'two refill rows of 150 and 30, marked trigger auto_refill');
      expectEqual(refills.every((row) => row.metadata.direction === 'allocate'), true, 'refills are allocate transfers');
      expectEqual((await readWallet(parent)).prepaidBalance, 1000 - 120 - 150 - 30, 'the parent paid for both refills');
    },
  }),
];
