// GET and PATCH /v1/organizations/{orgId}/credit-config (D23).
import type { Handler, MockContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { CreditConfig } from '../../state/types.ts';
import { assertNotArchived, findChildOrganization } from '../organizations/lookup.ts';
import { creditConfigOf } from './limits.ts';
import { availableOf, balanceOf, walletOf } from './wallet.ts';

export function creditConfigRepresentation(mock: MockContext, organizationId: string): Record<string, unknown> {
  const config = creditConfigOf(mock, organizationId);
  return {
    monthlyCreditCap: config.monthlyCreditCap,
    refillThreshold: config.refillThreshold,
    refillAmount: config.refillAmount,
    autoRefillEnabled: config.refillThreshold !== null && config.refillAmount !== null,
  };
}

function creditConfigBody(mock: MockContext, organizationId: string): Record<string, unknown> {
  const wallet = walletOf(mock, organizationId);
  return { organizationId, config: creditConfigRepresentation(mock, organizationId), balance: balanceOf(wallet), available: availableOf(wallet) };
}

export const creditConfigHandlers: Record<string, Handler> = {
  getCreditConfig(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    return { status: 200, body: creditConfigBody(request.mock, organization.id) };
  },

  patchCreditConfig(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    assertNotArchived(organization, 'change its credit config');

    const body = request.body as Partial<Record<'monthlyCreditCap' | 'refillThreshold' | 'refillAmount', number | null>>;
    const next: CreditConfig = { ...creditConfigOf(request.mock, organization.id) };
    for (const field of ['monthlyCreditCap', 'refillThreshold', 'refillAmount'] as const) {
      if (field in body) {
        next[field] = body[field] ?? null;
      }
    }

    // Auto-refill is both-or-neither after the change; the request changes nothing otherwise.
    if ((next.refillThreshold === null) !== (next.refillAmount === null)) {
      const present = next.refillThreshold === null ? 'refillAmount' : 'refillThreshold';
      const missing = next.refillThreshold === null ? 'refillThreshold' : 'refillAmount';
      throw new ApiError('REFILL_REQUIRES_THRESHOLD_AND_AMOUNT', { present, missing }, { present, missing });
    }

    request.mock.store.creditConfigs.set(organization.id, next);
    return { status: 200, body: creditConfigBody(request.mock, organization.id) };
  },
};
