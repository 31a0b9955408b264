// Finding the child organization a control-plane route names. Anything that is not a direct child
// of the acting organization is 404 NOT_FOUND, so existence does not leak (D5).
import { principalOf, type RequestContext } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Organization } from '../../state/types.ts';

export function findChildOrganization(request: RequestContext, rawId: string): Organization {
  const principal = principalOf(request);
  const organizationId = normalizeUuidId(rawId, 'org') ?? rawId;
  const organization = request.mock.store.organizations.get(organizationId);

  if (organization === undefined || organization.parentOrganizationId !== principal.organization.id) {
    throw notFound('Organization', organizationId);
  }
  return organization;
}

/** Throws 409 CONFLICT for an archived child, because archiving is terminal. */
export function assertNotArchived(organization: Organization, action: string): void {
  if (organization.status === 'archived') {
    throw conflict(`Organization ${organization.id} is archived, which is terminal, so it cannot ${action}. Create a new child organization instead.`, {
      organizationId: organization.id,
      status: organization.status,
    });
  }
}

/** Throws 422 when the acting organization is itself a child, which cannot have children. */
export function assertTopLevel(request: RequestContext, action: string): Organization {
  const organization = principalOf(request).organization;
  if (organization.parentOrganizationId !== null) {
    throw validationError(
      'X-Layers-Organization',
      `names child organization ${organization.id}, which cannot ${action}: the hierarchy is one level deep. Send the request as the parent organization, without the header.`,
    );
  }
  return organization;
}
