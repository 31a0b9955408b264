// Wallet arithmetic (D21). balance = includedRemaining + prepaidBalance, and
// available = max(0, balance − reservedCredits). Generation reserves on available, settles on
// completion (included credits first, then prepaid) and releases on failure or cancel.
import type { MockContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { LedgerEvent, Metadata, Reservation, Wallet } from '../../state/types.ts';

export function balanceOf(wallet: Wallet): number {
  return wallet.includedRemaining + wallet.prepaidBalance;
}

export function availableOf(wallet: Wallet): number {
  return Math.max(0, balanceOf(wallet) - wallet.reservedCredits);
}

/**
 * Credits an allocation may move out of a wallet: prepaid credits only (D22), and no more than
 * available, so the credits reserved for running generations stay covered (D21, D25).
 */
export function allocatableOf(wallet: Wallet): number {
  return Math.min(wallet.prepaidBalance, availableOf(wallet));
}

/** Returns the UTC calendar month that contains `at`, as [start, end) in epoch ms. */
export function monthOf(at: number): { start: number; end: number } {
  const date = new Date(at);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { start, end };
}

export function createWallet(mock: MockContext, organizationId: string, at: number): Wallet {
  const period = monthOf(at);
  const wallet: Wallet = {
    organizationId,
    includedRemaining: 0,
    includedThisPeriod: 0,
    prepaidBalance: 0,
    reservedCredits: 0,
    usedThisPeriod: 0,
    periodStart: period.start,
    periodEnd: period.end,
  };
  mock.store.wallets.set(organizationId, wallet);
  return wallet;
}

export function walletOf(mock: MockContext, organizationId: string): Wallet {
  const wallet = mock.store.wallets.get(organizationId);
  if (wallet === undefined) {
    throw new Error(`Organization ${organizationId} has no wallet.`);
  }
  return wallet;
}

export interface LedgerRowInput {
  organizationId: string;
  credits: number;
  eventType: LedgerEvent['eventType'];
  at: number;
  projectId?: string | null;
  format?: string | null;
  containerId?: string | null;
  workflowId?: string | null;
  description?: string | null;
  metadata?: Metadata;
  eventId?: string;
}

/** Appends a ledger row that records the wallet as it is after the change. */
export function writeLedgerRow(mock: MockContext, input: LedgerRowInput): LedgerEvent {
  const wallet = walletOf(mock, input.organizationId);
  const row: LedgerEvent = {
    eventId: input.eventId ?? mock.ids.uuid(),
    organizationId: input.organizationId,
    projectId: input.projectId ?? null,
    credits: input.credits,
    eventType: input.eventType,
    format: input.format ?? null,
    containerId: input.containerId ?? null,
    workflowId: input.workflowId ?? null,
    balanceAfterPrepaid: wallet.prepaidBalance,
    usageAfterPeriod: wallet.usedThisPeriod,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    createdAt: input.at,
  };
  mock.store.ledger.push(row);
  return row;
}

/** Adds prepaid credits with a grant row (the control surface's way to fund an organization). */
export function grantPrepaid(mock: MockContext, organizationId: string, credits: number, at: number, eventType: LedgerEvent['eventType'] = 'grant'): void {
  if (credits <= 0) {
    return;
  }
  walletOf(mock, organizationId).prepaidBalance += credits;
  writeLedgerRow(mock, { organizationId, credits, eventType, at });
}

/** Adds included credits for the current period, with a grant row. */
export function grantIncluded(mock: MockContext, organizationId: string, credits: number, at: number): void {
  if (credits <= 0) {
    return;
  }
  const wallet = walletOf(mock, organizationId);
  wallet.includedRemaining += credits;
  wallet.includedThisPeriod += credits;
  writeLedgerRow(mock, { organizationId, credits, eventType: 'grant', at, metadata: { source: 'included' } });
}

/** Reserves `amount` on available credits for a job; throws 402 BILLING_EXHAUSTED reason balance. */
export function reserve(mock: MockContext, input: { organizationId: string; jobId: string; amount: number; format: string | null; projectId: string | null }): Reservation {
  const wallet = walletOf(mock, input.organizationId);
  const available = availableOf(wallet);

  if (available < input.amount) {
    throw new ApiError(
      'BILLING_EXHAUSTED',
      { reason: `This generation needs ${input.amount} credits but only ${available} are available. Add credits, or wait for running generations to settle.` },
      { reason: 'balance', required: input.amount, available },
    );
  }

  const reservation: Reservation = { id: `rsv_${input.jobId}`, ...input };
  wallet.reservedCredits += input.amount;
  mock.store.reservations.set(reservation.id, reservation);
  return reservation;
}

/**
 * Settles a reservation: the held credits are consumed, included first, then prepaid, and one
 * usage row per charge is written.
 */
export function settle(mock: MockContext, reservationId: string, charges: { credits: number; containerId: string | null }[], at: number): void {
  const reservation = mock.store.reservations.get(reservationId);
  if (reservation === undefined) {
    return;
  }

  const wallet = walletOf(mock, reservation.organizationId);
  wallet.reservedCredits -= reservation.amount;
  mock.store.reservations.delete(reservationId);

  for (const charge of charges) {
    const fromIncluded = Math.min(wallet.includedRemaining, charge.credits);
    wallet.includedRemaining -= fromIncluded;
    wallet.prepaidBalance -= charge.credits - fromIncluded;
    wallet.usedThisPeriod += charge.credits;

    writeLedgerRow(mock, {
      organizationId: reservation.organizationId,
      credits: -charge.credits,
      eventType: 'usage',
      at,
      projectId: reservation.projectId,
      format: reservation.format,
      containerId: charge.containerId,
      workflowId: reservation.jobId,
    });
  }
}

/** Releases a reservation without charging it (failure or cancel). */
export function releaseReservation(mock: MockContext, reservationId: string): void {
  const reservation = mock.store.reservations.get(reservationId);
  if (reservation === undefined) {
    return;
  }
  walletOf(mock, reservation.organizationId).reservedCredits -= reservation.amount;
  mock.store.reservations.delete(reservationId);
}
