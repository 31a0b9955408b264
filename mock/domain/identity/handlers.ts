// GET /v1/whoami.
import { principalOf, type Handler } from '../../context.ts';
import { balanceOf, walletOf } from '../credits/wallet.ts';

export const identityHandlers: Record<string, Handler> = {
  getWhoami(request) {
    const principal = principalOf(request);
    const organization = principal.organization;

    // D10: acting for a child reports the child, its parent, and the parent key's id.
    return {
      status: 200,
      body: {
        organizationId: organization.id,
        workspaceId: organization.id,
        organizationName: organization.name,
        parentOrganizationId: organization.parentOrganizationId,
        scopes: [...principal.apiKey.scopes],
        rateLimitTier: principal.apiKey.rateLimitTier,
        apiKeyId: principal.apiKey.id,
        creditBalance: balanceOf(walletOf(request.mock, organization.id)),
      },
    };
  },
};
