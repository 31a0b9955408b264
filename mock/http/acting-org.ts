// X-Layers-Organization (D10): an org:admin parent key acting inside a direct child.
import type { Store } from '../state/store.ts';
import { normalizeUuidId } from '../state/ids.ts';
import type { ApiKey, Organization } from '../state/types.ts';
import { ApiError, validationError } from './errors.ts';
import { orgAdminScope } from './scopes.ts';

export const actingOrganizationHeader = 'x-layers-organization';

/** Returns the organization the request acts in, or throws 403, 422 or 404 per D10. */
export function resolveActingOrganization(store: Store, key: ApiKey, keyOrganization: Organization, header: string | undefined): Organization {
  if (header === undefined) {
    return keyOrganization;
  }

  if (key.isChildKey || !key.scopes.includes(orgAdminScope)) {
    throw new ApiError(
      'FORBIDDEN_SCOPE',
      { reason: 'Only a parent key holding the org:admin scope may send X-Layers-Organization. Remove the header, or use such a key.' },
      { requiredScope: orgAdminScope },
    );
  }

  const childId = normalizeUuidId(header.trim(), 'org');
  if (childId === null) {
    throw validationError('X-Layers-Organization', 'must be an organization id, org_<uuid> or the bare UUID.');
  }

  const child = store.organizations.get(childId);
  // An unknown org, a sibling, a grandchild, the caller's own org and an archived child all look
  // the same, so existence does not leak.
  if (child === undefined || child.parentOrganizationId !== keyOrganization.id || child.status === 'archived') {
    throw new ApiError('NOT_FOUND', { resource: 'Organization', id: childId });
  }

  return child;
}
