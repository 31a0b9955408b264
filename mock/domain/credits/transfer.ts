// Transfers between a parent and a child wallet (D22, D23, D24). A transfer moves prepaid credits
// and writes two allocation rows that sum to zero, one per ledger, joined by metadata.transferId.
// The transfer id is `txn_` and the uuid of the parent's row.
import type { MockContext } from '../../context.ts';
import type { Metadata, Wallet } from '../../state/types.ts';
import { plainMetadata } from '../metadata/rules.ts';
import { walletOf, writeLedgerRow } from './wallet.ts';

export type TransferDirection = 'allocate' | 'reclaim';

export interface TransferInput {
  parentOrganizationId: string;
  childOrganizationId: string;
  /** allocate moves parent → child; reclaim moves child → parent. */
  direction: TransferDirection;
  credits: number;
  at: number;
  description?: string | null;
  /** Partner metadata; the reserved keys below win over it. */
  metadata?: Metadata;
  /** Extra reserved keys, such as trigger "auto_refill". */
  reserved?: Record<string, string>;
}

export interface TransferRecord {
  id: string;
  credits: number;
  createdAt: number;
}

/** Takes `credits` from a wallet, prepaid first and included credits after. */
function debit(wallet: Wallet, credits: number): void {
  const fromPrepaid = Math.min(wallet.prepaidBalance, credits);
  wallet.prepaidBalance -= fromPrepaid;
  wallet.includedRemaining -= credits - fromPrepaid;
}

function rowMetadata(input: TransferInput, counterpartyOrgId: string, transferId: string): Metadata {
  const metadata = plainMetadata(input.metadata);
  const reserved: Record<string, string> = { ...input.reserved, direction: input.direction, counterpartyOrgId, transferId };
  for (const [key, value] of Object.entries(reserved)) {
    Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return metadata;
}

/**
 * Moves the credits and writes both rows. The caller has checked that the source wallet can
 * cover them: an allocation needs the parent's prepaid balance, a reclaim the child's available.
 */
export function transferCredits(mock: MockContext, input: TransferInput): TransferRecord {
  const parent = walletOf(mock, input.parentOrganizationId);
  const child = walletOf(mock, input.childOrganizationId);
  const parentRowId = mock.ids.uuid();
  const transferId = `txn_${parentRowId}`;

  if (input.direction === 'allocate') {
    parent.prepaidBalance -= input.credits;
    child.prepaidBalance += input.credits;
  } else {
    debit(child, input.credits);
    parent.prepaidBalance += input.credits;
  }

  const parentCredits = input.direction === 'allocate' ? -input.credits : input.credits;
  const common = { eventType: 'allocation' as const, at: input.at, description: input.description ?? null };

  // The skip-parent-ledger-row defect drops the parent's row, so a transfer no longer appears on
  // two rows that sum to zero. The model-based suite must catch it.
  if (!mock.config.defects.has('skip-parent-ledger-row')) {
    writeLedgerRow(mock, {
      ...common,
      eventId: parentRowId,
      organizationId: input.parentOrganizationId,
      credits: parentCredits,
      metadata: rowMetadata(input, input.childOrganizationId, transferId),
    });
  }
  writeLedgerRow(mock, {
    ...common,
    organizationId: input.childOrganizationId,
    credits: -parentCredits,
    metadata: rowMetadata(input, input.parentOrganizationId, transferId),
  });

  return { id: transferId, credits: input.credits, createdAt: input.at };
}
