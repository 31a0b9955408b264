// Spend caps and auto-refill of child organizations (D23) around the reservation of D21, and the
// release of credits reserved by an archived child (D24).
import type { MockContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { CreditConfig, Reservation } from '../../state/types.ts';
import { transferCredits } from './transfer.ts';
import { allocatableOf, availableOf, monthOf, releaseReservation, reserve, walletOf } from './wallet.ts';

export function creditConfigOf(mock: MockContext, organizationId: string): CreditConfig {
  return mock.store.creditConfigs.get(organizationId) ?? { organizationId, monthlyCreditCap: null, refillThreshold: null, refillAmount: null };
}

/** Credits the organization spent in the UTC month of `at`: settled usage plus open reservations. */
export function monthlySpend(mock: MockContext, organizationId: string, at: number): number {
  const month = monthOf(at);
  let spent = 0;

  for (const row of mock.store.ledger) {
    if (row.organizationId === organizationId && row.eventType === 'usage' && row.createdAt >= month.start && row.createdAt < month.end) {
      spent -= row.credits;
    }
  }
  for (const reservation of mock.store.reservations.values()) {
    if (reservation.organizationId === organizationId) {
      spent += reservation.amount;
    }
  }
  return spent;
}

/** Credits allocated to the child in the UTC month of `at`, refills included. */
export function monthlyAllocations(mock: MockContext, organizationId: string, at: number): number {
  const month = monthOf(at);
  let allocated = 0;

  for (const row of mock.store.ledger) {
    if (
      row.organizationId === organizationId &&
      row.eventType === 'allocation' &&
      row.metadata.direction === 'allocate' &&
      row.createdAt >= month.start &&
      row.createdAt < month.end
    ) {
      allocated += row.credits;
    }
  }
  return allocated;
}

export interface LimitedReservationInput {
  organizationId: string;
  jobId: string;
  amount: number;
  format: string | null;
  projectId: string | null;
  at: number;
}

/**
 * Reserves credits for a generation after the checks that D12 and D23 add: a suspended
 * organization starts no generation (503 KILL_SWITCH, scope org), and a child whose month's
 * spend would pass its cap gets 402 BILLING_EXHAUSTED with reason "cap". The cap is checked
 * before the balance. A successful reservation that takes available below the refill threshold
 * fires one auto-refill.
 */
export function reserveWithLimits(mock: MockContext, input: LimitedReservationInput): Reservation {
  const organization = mock.store.organizations.get(input.organizationId);
  if (organization?.status === 'suspended') {
    throw new ApiError('KILL_SWITCH', { reason: `Organization ${input.organizationId} is suspended, so it starts no generation. Resume it first.` }, { scope: 'org' });
  }

  const config = creditConfigOf(mock, input.organizationId);
  if (config.monthlyCreditCap !== null) {
    const spent = monthlySpend(mock, input.organizationId, input.at);
    if (spent + input.amount > config.monthlyCreditCap) {
      throw new ApiError(
        'BILLING_EXHAUSTED',
        {
          reason: `This generation needs ${input.amount} credits, but the organization has spent ${spent} of its monthly cap of ${config.monthlyCreditCap} this month. Raise monthlyCreditCap with PATCH /v1/organizations/${input.organizationId}/credit-config, or wait for the next month.`,
        },
        { reason: 'cap', required: input.amount, monthlyCreditCap: config.monthlyCreditCap, spentThisMonth: spent },
      );
    }
  }

  const before = availableOf(walletOf(mock, input.organizationId));
  const reservation = reserve(mock, { organizationId: input.organizationId, jobId: input.jobId, amount: input.amount, format: input.format, projectId: input.projectId });
  const after = availableOf(walletOf(mock, input.organizationId));

  if (config.refillThreshold !== null && before >= config.refillThreshold && after < config.refillThreshold) {
    autoRefill(mock, input.organizationId, config, input.at);
  }
  return reservation;
}

/**
 * Moves refillAmount from the parent, clipped so that the month's allocations stay within the
 * cap. NOTE: when the parent cannot allocate the clipped amount (allocatableOf), no refill happens,
 * because neither the changelog nor the docs describe a partial refill.
 */
function autoRefill(mock: MockContext, organizationId: string, config: CreditConfig, at: number): void {
  const organization = mock.store.organizations.get(organizationId);
  if (organization === undefined || organization.parentOrganizationId === null || config.refillAmount === null) {
    return;
  }

  let amount = config.refillAmount;
  if (config.monthlyCreditCap !== null) {
    amount = Math.min(amount, config.monthlyCreditCap - monthlyAllocations(mock, organizationId, at));
  }

  const parentAllocatable = allocatableOf(walletOf(mock, organization.parentOrganizationId));
  if (amount <= 0 || parentAllocatable < amount) {
    mock.log.info({ organizationId, amount, parentAllocatable }, 'auto-refill skipped');
    return;
  }

  transferCredits(mock, {
    parentOrganizationId: organization.parentOrganizationId,
    childOrganizationId: organizationId,
    direction: 'allocate',
    credits: amount,
    at,
    reserved: { trigger: 'auto_refill' },
  });
}

/**
 * Releases a reservation (failure or cancel). In an archived child the released credits are
 * unspent and unreserved, so they go back to the parent as a reclaim transfer (D24).
 */
export function releaseAndReclaim(mock: MockContext, reservationId: string, at: number): void {
  const reservation = mock.store.reservations.get(reservationId);
  releaseReservation(mock, reservationId);
  if (reservation === undefined) {
    return;
  }

  const organization = mock.store.organizations.get(reservation.organizationId);
  if (organization?.status !== 'archived' || organization.parentOrganizationId === null) {
    return;
  }

  const available = availableOf(walletOf(mock, organization.id));
  if (available > 0) {
    transferCredits(mock, { parentOrganizationId: organization.parentOrganizationId, childOrganizationId: organization.id, direction: 'reclaim', credits: available, at });
  }
}
