// A child's wallet and ledger through the parent, and allocations from the parent (D22).
import { principalOf, type Handler } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { metadataForCreate, plainMetadata } from '../metadata/rules.ts';
import { assertNotArchived, findChildOrganization } from '../organizations/lookup.ts';
import { creditConfigHandlers } from './credit-config.ts';
import { listLedger, walletRepresentation } from './handlers.ts';
import { transferCredits } from './transfer.ts';
import { allocatableOf, availableOf, balanceOf, walletOf } from './wallet.ts';

export const childCreditHandlers: Record<string, Handler> = {
  getOrganizationCredits(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    return { status: 200, body: walletRepresentation(walletOf(request.mock, organization.id)) };
  },

  listOrganizationCreditEvents(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    return listLedger(request.mock, organization.id, request.query);
  },

  allocateCredits(request) {
    const mock = request.mock;
    const parent = principalOf(request).organization;
    const child = findChildOrganization(request, request.params.orgId);
    const body = request.body as { credits: number; description?: string; metadata?: Record<string, string> };

    assertNotArchived(child, 'receive credits');
    const metadata = metadataForCreate(body.metadata);

    const parentWallet = walletOf(mock, parent.id);
    const allocatable = allocatableOf(parentWallet);
    if (allocatable < body.credits) {
      throw new ApiError(
        'BILLING_EXHAUSTED',
        {
          reason: `The parent can allocate ${allocatable} credits (prepaid ${parentWallet.prepaidBalance}, of which ${parentWallet.reservedCredits} reserved credits must stay covered), below the ${body.credits} requested, so nothing moved. Allocate at most ${allocatable}, or add prepaid credits first.`,
        },
        { reason: 'balance', required: body.credits, prepaidBalance: parentWallet.prepaidBalance, allocatable },
      );
    }

    const transfer = transferCredits(mock, {
      parentOrganizationId: parent.id,
      childOrganizationId: child.id,
      direction: 'allocate',
      credits: body.credits,
      at: request.now,
      description: body.description ?? null,
      metadata,
    });

    const wallet = walletOf(mock, child.id);
    return {
      status: 201,
      body: {
        id: transfer.id,
        organizationId: child.id,
        created: isoTimestamp(transfer.createdAt),
        allocated: transfer.credits,
        description: body.description ?? null,
        metadata: plainMetadata(metadata),
        balance: balanceOf(wallet),
        available: availableOf(wallet),
        replayed: false,
      },
    };
  },

  ...creditConfigHandlers,
};
