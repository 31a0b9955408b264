// A model of a parent wallet and its children for the model-based run (fc.commands): each command
// predicts the response from the model, sends the request, compares, and updates the model. After
// every command the invariants of D25 are checked against the target.
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './assert.ts';
import type { ControlClient } from './control.ts';
import type { Exchange } from './exchange.ts';
import { mergeExpected, sortedEntries, toObject, type MetadataEntries, type MetadataPatch } from './metadata-model.ts';
import { readLedger, readWallet } from './orgs.ts';
import type { TargetClient } from './target.ts';

/** slideshow-builder credits per variant (D30). */
const variantPrice = 50;
/** Mock time a settle step advances; jobs finish within 2 s (D31). */
const settleMs = 2500;

export interface ModelChild {
  id: string;
  status: 'active' | 'archived';
  /** Exact: settlement moves reserved credits to consumed and leaves available unchanged. */
  available: number;
  /** Upper bound of open reservations; a running clock may settle some before a settle step. */
  reservedMax: number;
  projectId: string | null;
  monthlyCreditCap: number | null;
  refillThreshold: number | null;
  refillAmount: number | null;
  /** Spend counted against the cap in this month: settled usage plus open reservations. */
  spentThisMonth: number;
  allocatedThisMonth: number;
  metadata: MetadataEntries;
  archive: Record<string, unknown> | null;
}

export interface WalletModel {
  prepaid: number;
  children: ModelChild[];
  lastAllocation: { childId: string; body: Record<string, unknown>; key: string; response: Exchange } | null;
}

export interface WalletReal {
  target: TargetClient;
  control: ControlClient;
  parentId: string;
  /** Every credit that entered the family of wallets: the parent's initial grant. */
  granted: number;
}

type WalletCommand = fc.AsyncCommand<WalletModel, WalletReal>;

function pick(model: WalletModel, index: number): ModelChild {
  return model.children[index % model.children.length] as ModelChild;
}

// Builds the command arbitraries with their parameters; each command's toString is what a shrunk
// counterexample prints.

class CreateChild implements WalletCommand {
  check(model: Readonly<WalletModel>): boolean {
    return model.children.length < 4;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const exchange = await real.target.call({ method: 'POST', path: '/v1/organizations', body: { name: `Model child ${model.children.length + 1}` } });
    expectStatus(exchange, 201, 'creating a child');
    model.children.push({
      id: exchange.response.body.id,
      status: 'active',
      available: 0,
      reservedMax: 0,
      projectId: null,
      monthlyCreditCap: null,
      refillThreshold: null,
      refillAmount: null,
      spentThisMonth: 0,
      allocatedThisMonth: 0,
      metadata: [],
      archive: null,
    });
  }

  toString(): string {
    return 'createChild()';
  }
}

class Allocate implements WalletCommand {
  constructor(
    readonly childIndex: number,
    readonly credits: number,
    readonly withMetadata: boolean,
  ) {}

  check(model: Readonly<WalletModel>): boolean {
    return model.children.length > 0;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const child = pick(model, this.childIndex);
    const body: Record<string, unknown> = { credits: this.credits, ...(this.withMetadata ? { description: 'model', metadata: { step: String(this.credits) } } : {}) };
    const key = randomUUID();
    const exchange = await real.target.call({ method: 'POST', path: `/v1/organizations/${child.id}/credits/allocate`, body, idempotencyKey: key });
    model.lastAllocation = { childId: child.id, body, key, response: exchange };

    if (child.status === 'archived') {
      expectErrorCode(exchange, 409, 'CONFLICT', 'allocating to an archived child');
      return;
    }
    if (model.prepaid < this.credits) {
      expectErrorCode(exchange, 402, 'BILLING_EXHAUSTED', `allocating ${this.credits} with ${model.prepaid} prepaid`);
      expectEqual(exchange.response.body.error.details?.reason, 'balance', 'the reason is balance', exchange);
      return;
    }

    expectStatus(exchange, 201, `allocating ${this.credits} with ${model.prepaid} prepaid`);
    model.prepaid -= this.credits;
    child.available += this.credits;
    child.allocatedThisMonth += this.credits;
    expectEqual([exchange.response.body.allocated, exchange.response.body.available, exchange.response.body.replayed], [this.credits, child.available, false], 'the transfer carries the amount and the child available', exchange);
  }

  toString(): string {
    return `allocate(child ${this.childIndex}, ${this.credits}${this.withMetadata ? ', with metadata' : ''})`;
  }
}

class Replay implements WalletCommand {
  check(model: Readonly<WalletModel>): boolean {
    return model.lastAllocation !== null;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const last = model.lastAllocation!;
    const rowsBefore = await countAllocationRows(model, real);
    const exchange = await real.target.call({ method: 'POST', path: `/v1/organizations/${last.childId}/credits/allocate`, body: last.body, idempotencyKey: last.key });

    expectEqual(exchange.response.status, last.response.response.status, 'a replay keeps the status', exchange);
    const expected = last.response.response.status === 201 ? { ...last.response.response.body, replayed: true } : last.response.response.body;
    expectEqual(exchange.response.body, expected, 'a replay returns the stored body', exchange);
    expectEqual(await countAllocationRows(model, real), rowsBefore, 'a replay adds no ledger row');
  }

  toString(): string {
    return 'replayLastAllocation()';
  }
}

class Generate implements WalletCommand {
  constructor(
    readonly childIndex: number,
    readonly variants: number,
  ) {}

  check(model: Readonly<WalletModel>): boolean {
    return model.children.length > 0;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const child = pick(model, this.childIndex);
    if (child.status === 'archived') {
      const refused = await real.target.call({ method: 'GET', path: '/v1/credits', organization: child.id });
      expectErrorCode(refused, 404, 'NOT_FOUND', 'acting for an archived child');
      return;
    }

    if (child.projectId === null) {
      const project = await real.target.call({ method: 'POST', path: '/v1/projects', body: { name: `Model ${child.id.slice(4, 12)}`, timezone: 'UTC' }, organization: child.id });
      expectStatus(project, 201, 'creating a project in the child');
      child.projectId = project.response.body.id as string;
    }

    const amount = variantPrice * this.variants;
    const exchange = await real.target.call({
      method: 'POST',
      path: `/v1/projects/${child.projectId}/content`,
      body: { format: 'slideshow-builder', hook: 'Model run', variantCount: this.variants },
      organization: child.id,
    });

    if (child.monthlyCreditCap !== null && child.spentThisMonth + amount > child.monthlyCreditCap) {
      expectErrorCode(exchange, 402, 'BILLING_EXHAUSTED', `a ${amount}-credit generation past the cap of ${child.monthlyCreditCap} (spent ${child.spentThisMonth})`);
      expectEqual(exchange.response.body.error.details?.reason, 'cap', 'the reason is cap', exchange);
      return;
    }
    if (child.available < amount) {
      expectErrorCode(exchange, 402, 'BILLING_EXHAUSTED', `a ${amount}-credit generation on ${child.available} available`);
      expectEqual(exchange.response.body.error.details?.reason, 'balance', 'the reason is balance', exchange);
      return;
    }

    expectStatus(exchange, 202, `a ${amount}-credit generation on ${child.available} available`);
    const before = child.available;
    child.available -= amount;
    child.reservedMax += amount;
    child.spentThisMonth += amount;

    // D23: one refill when available drops below the threshold, clipped to the cap.
    if (child.refillThreshold !== null && child.refillAmount !== null && before >= child.refillThreshold && child.available < child.refillThreshold) {
      let refill = child.refillAmount;
      if (child.monthlyCreditCap !== null) {
        refill = Math.min(refill, child.monthlyCreditCap - child.allocatedThisMonth);
      }
      if (refill > 0 && model.prepaid >= refill) {
        model.prepaid -= refill;
        child.available += refill;
        child.allocatedThisMonth += refill;
      }
    }
  }

  toString(): string {
    return `generate(child ${this.childIndex}, ${this.variants} variant${this.variants === 1 ? '' : 's'})`;
  }
}

class Settle implements WalletCommand {
  check(): boolean {
    return true;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    await real.control.advanceClock(settleMs);
    for (const child of model.children) {
      child.reservedMax = 0;
    }
  }

  toString(): string {
    return 'settleJobs()';
  }
}

class Archive implements WalletCommand {
  constructor(readonly childIndex: number) {}

  check(model: Readonly<WalletModel>): boolean {
    return model.children.length > 0;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const child = pick(model, this.childIndex);
    const exchange = await real.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
    expectStatus(exchange, 200, 'archiving a child');

    if (child.archive !== null) {
      expectEqual(exchange.response.body, child.archive, 'archiving again returns the same record', exchange);
      return;
    }

    // Generations still queued are canceled and their credits swept too; later ones keep theirs.
    const reclaimed = exchange.response.body.reclaimedCredits as number;
    expectTrue(
      reclaimed >= child.available && reclaimed <= child.available + child.reservedMax,
      `reclaimedCredits ${reclaimed} is the available ${child.available} plus at most the ${child.reservedMax} reserved`,
      exchange,
    );
    model.prepaid += reclaimed;
    child.reservedMax = child.available + child.reservedMax - reclaimed;
    child.available = 0;
    child.status = 'archived';
    child.archive = exchange.response.body;
  }

  toString(): string {
    return `archive(child ${this.childIndex})`;
  }
}

class PatchMetadata implements WalletCommand {
  constructor(
    readonly childIndex: number,
    readonly patch: MetadataPatch,
  ) {}

  check(model: Readonly<WalletModel>): boolean {
    return model.children.length > 0;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const child = pick(model, this.childIndex);
    const exchange = await real.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}`, body: { metadata: this.patch === null ? null : toObject(this.patch) } });

    if (child.status === 'archived') {
      expectErrorCode(exchange, 409, 'CONFLICT', 'patching an archived child');
      return;
    }
    const next = mergeExpected(child.metadata, this.patch);
    if (next === null) {
      expectErrorCode(exchange, 422, 'VALIDATION', `metadata patch ${JSON.stringify(this.patch)}`);
      return;
    }
    expectStatus(exchange, 200, `metadata patch ${JSON.stringify(this.patch)}`);
    expectEqual(sortedEntries(exchange.response.body.metadata), sortedEntries(toObject(next)), 'the merged metadata', exchange);
    child.metadata = next;
  }

  toString(): string {
    return `patchMetadata(child ${this.childIndex}, ${JSON.stringify(this.patch)})`;
  }
}

type ConfigPatch = Partial<Record<'monthlyCreditCap' | 'refillThreshold' | 'refillAmount', number | null>>;

class SetCreditConfig implements WalletCommand {
  constructor(
    readonly childIndex: number,
    readonly patch: ConfigPatch,
  ) {}

  check(model: Readonly<WalletModel>): boolean {
    return model.children.length > 0;
  }

  async run(model: WalletModel, real: WalletReal): Promise<void> {
    const child = pick(model, this.childIndex);
    const exchange = await real.target.call({ method: 'PATCH', path: `/v1/organizations/${child.id}/credit-config`, body: this.patch });

    if (child.status === 'archived') {
      expectErrorCode(exchange, 409, 'CONFLICT', 'configuring an archived child');
      return;
    }

    const next = { monthlyCreditCap: child.monthlyCreditCap, refillThreshold: child.refillThreshold, refillAmount: child.refillAmount, ...this.patch };
    if ((next.refillThreshold === null) !== (next.refillAmount === null)) {
      expectErrorCode(exchange, 422, 'REFILL_REQUIRES_THRESHOLD_AND_AMOUNT', `credit config ${JSON.stringify(this.patch)}`);
      return;
    }

    expectStatus(exchange, 200, `credit config ${JSON.stringify(this.patch)}`);
    Object.assign(child, next);
    expectEqual(
      exchange.response.body.config,
      { ...next, autoRefillEnabled: next.refillThreshold !== null },
      'the config after the PATCH',
      exchange,
    );
  }

  toString(): string {
    return `setCreditConfig(child ${this.childIndex}, ${JSON.stringify(this.patch)})`;
  }
}

/** Counts the allocation rows of every ledger; settling jobs add usage rows, never allocation rows. */
async function countAllocationRows(model: WalletModel, real: WalletReal): Promise<number> {
  const query = { eventType: 'allocation' };
  let count = (await readLedger(real.target, undefined, query)).length;
  for (const child of model.children) {
    count += (await readLedger(real.target, child.id, query)).length;
  }
  return count;
}

interface Snapshot {
  wallets: Map<string, any>;
  ledgers: Map<string, any[]>;
}

/** The most times a snapshot is read again because a job settled while it was being read. */
const snapshotAttempts = 5;

/**
 * Reads every wallet, then every ledger, then every wallet again, and retries until both wallet
 * reads agree. On a running clock a job may settle between two requests, and a snapshot whose
 * wallets did not change in between is consistent with its ledgers.
 */
async function readSnapshot(model: WalletModel, real: WalletReal): Promise<Snapshot> {
  const organizationIds = [real.parentId, ...model.children.map((child) => child.id)];
  const readWallets = async (): Promise<Map<string, any>> => {
    const wallets = new Map<string, any>();
    for (const id of organizationIds) {
      wallets.set(id, await readWallet(real.target, id === real.parentId ? undefined : id));
    }
    return wallets;
  };

  for (let attempt = 1; ; attempt += 1) {
    const wallets = await readWallets();
    const ledgers = new Map<string, any[]>();
    for (const id of organizationIds) {
      ledgers.set(id, await readLedger(real.target, id === real.parentId ? undefined : id));
    }
    const again = await readWallets();

    if (JSON.stringify([...again]) === JSON.stringify([...wallets]) || attempt >= snapshotAttempts) {
      return { wallets, ledgers };
    }
  }
}

/**
 * Checks D25 after a step. The model's figures must match the target, and the wallets plus the
 * consumed credits must add up to what was granted. Each ledger must sum to its wallet, each
 * transfer id must be on exactly two rows (one per side) that sum to zero, and nothing may be
 * negative.
 */
export async function checkInvariants(model: WalletModel, real: WalletReal): Promise<void> {
  const { wallets, ledgers } = await readSnapshot(model, real);
  const parentWallet = wallets.get(real.parentId);
  expectEqual(parentWallet.prepaidBalance, model.prepaid, "the parent's prepaid balance matches the model");

  let total = parentWallet.balance as number;
  const balances = new Map<string, number>([[real.parentId, parentWallet.balance]]);

  for (const child of model.children) {
    const wallet = wallets.get(child.id);
    expectEqual(wallet.available, child.available, `available of ${child.id} matches the model`);
    expectTrue(wallet.reservedCredits >= 0 && wallet.reservedCredits <= child.reservedMax, `reservedCredits ${wallet.reservedCredits} of ${child.id} is within 0..${child.reservedMax}`);
    expectEqual(wallet.balance, wallet.available + wallet.reservedCredits, `balance of ${child.id} is available plus reserved`);
    expectTrue(wallet.prepaidBalance >= 0 && wallet.includedRemaining >= 0, `no negative figure in the wallet of ${child.id}`);
    total += wallet.balance;
    balances.set(child.id, wallet.balance);
  }

  const transfers = new Map<string, { organizationId: string; credits: number }[]>();
  let consumed = 0;
  for (const [organizationId, rows] of ledgers) {
    const sum = rows.reduce((accumulator, row) => accumulator + (row.credits as number), 0);
    expectEqual(sum, balances.get(organizationId), `the ledger of ${organizationId} sums to its balance`);
    for (const row of rows) {
      if (row.eventType === 'usage') {
        consumed -= row.credits;
      }
      if (row.eventType === 'allocation') {
        const id = row.metadata?.transferId;
        if (typeof id !== 'string') {
          fail(`allocation row ${row.eventId} of ${organizationId} has no metadata.transferId`);
        }
        transfers.set(id, [...(transfers.get(id) ?? []), { organizationId, credits: row.credits }]);
      }
    }
  }

  expectEqual(total + consumed, real.granted, 'the wallets plus consumed credits add up to the credits granted');
  for (const [id, rows] of transfers) {
    expectEqual(rows.length, 2, `transfer ${id} is on exactly two ledger rows`);
    expectTrue(rows.some((row) => row.organizationId === real.parentId), `transfer ${id} is on the parent's ledger`);
    expectEqual((rows[0]?.credits ?? 0) + (rows[1]?.credits ?? 0), 0, `the two rows of transfer ${id} sum to zero`);
  }
}

const metadataKeys = ['a', 'b', 'plan', '__proto__', 'k😀'];

const metadataPatch: fc.Arbitrary<MetadataPatch> = fc.oneof(
  fc.constant(null),
  fc.uniqueArray(fc.tuple(fc.constantFrom(...metadataKeys), fc.constantFrom<string | null>('x', '', 'é'.repeat(500), null)), { maxLength: 3, selector: ([key]) => key }),
);

const amount = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 400 }));

const configPatch: fc.Arbitrary<ConfigPatch> = fc
  .record({ monthlyCreditCap: amount, refillThreshold: amount, refillAmount: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 300 })) }, { requiredKeys: [] })
  .filter((patch) => Object.keys(patch).length > 0);

/** The commands of a run: create child, allocate, replay, generate, settle, archive, metadata and config. */
export const walletCommands = [
  fc.constant(new CreateChild()),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 }), fc.boolean()).map(([child, credits, withMetadata]) => new Allocate(child, credits, withMetadata)),
  fc.constant(new Replay()),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([child, variants]) => new Generate(child, variants)),
  fc.constant(new Settle()),
  fc.nat().map((child) => new Archive(child)),
  fc.tuple(fc.nat(), metadataPatch).map(([child, patch]) => new PatchMetadata(child, patch)),
  fc.tuple(fc.nat(), configPatch).map(([child, patch]) => new SetCreditConfig(child, patch)),
];

/** Wraps a command so the invariants are checked after it runs. */
export function withInvariants(command: WalletCommand): WalletCommand {
  return {
    check: (model) => command.check(model),
    run: async (model, real) => {
      await command.run(model, real);
      await checkInvariants(model, real);
    },
    toString: () => command.toString(),
  };
}
