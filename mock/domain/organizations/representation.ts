// The API representation of organizations.
import type { MockContext } from '../../context.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { Organization } from '../../state/types.ts';
import { creditConfigRepresentation } from '../credits/credit-config.ts';
import { availableOf, balanceOf, walletOf } from '../credits/wallet.ts';
import { plainMetadata } from '../metadata/rules.ts';

export function organizationRepresentation(organization: Organization): Record<string, unknown> {
  return {
    id: organization.id,
    parentOrganizationId: organization.parentOrganizationId,
    name: organization.name,
    status: organization.status,
    metadata: plainMetadata(organization.metadata),
    billingEmail: organization.billingEmail,
    archivedAt: nullableIso(organization.archivedAt),
    createdAt: isoTimestamp(organization.createdAt),
    updatedAt: isoTimestamp(organization.updatedAt),
  };
}

/** Builds the representation of GET /v1/organizations/{orgId}: the organization and its summary. */
export function organizationDetail(mock: MockContext, organization: Organization): Record<string, unknown> {
  const wallet = walletOf(mock, organization.id);
  let projectCount = 0;
  for (const project of mock.store.projects.values()) {
    if (project.organizationId === organization.id && project.status === 'active') {
      projectCount += 1;
    }
  }

  return {
    ...organizationRepresentation(organization),
    summary: {
      projectCount,
      balance: balanceOf(wallet),
      available: availableOf(wallet),
      creditConfig: creditConfigRepresentation(mock, organization.id),
    },
  };
}

export function archiveRepresentation(organization: Organization): Record<string, unknown> {
  return {
    id: organization.id,
    status: 'archived',
    archivedAt: isoTimestamp(organization.archivedAt ?? organization.updatedAt),
    reclaimedCredits: organization.reclaimedCredits ?? 0,
    revokedApiKeys: organization.revokedApiKeys ?? 0,
  };
}
