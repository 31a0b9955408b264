// Creating an organization and its empty wallet, shared by the control surface, the seed and
// POST /v1/organizations.
import type { MockContext } from '../../context.ts';
import type { Metadata, Organization } from '../../state/types.ts';
import { createWallet } from '../credits/wallet.ts';

export interface NewOrganization {
  id?: string;
  name: string;
  parentOrganizationId: string | null;
  metadata?: Metadata;
  billingEmail?: string | null;
  subscriptionTier?: string;
  at: number;
}

export function createOrganization(mock: MockContext, input: NewOrganization): Organization {
  const organization: Organization = {
    id: input.id ?? mock.ids.prefixedUuid('org'),
    name: input.name,
    parentOrganizationId: input.parentOrganizationId,
    status: 'active',
    metadata: input.metadata ?? {},
    billingEmail: input.billingEmail ?? null,
    subscriptionTier: input.subscriptionTier ?? 'pro',
    archivedAt: null,
    createdAt: input.at,
    updatedAt: input.at,
  };

  mock.store.organizations.set(organization.id, organization);
  createWallet(mock, organization.id, input.at);
  return organization;
}
