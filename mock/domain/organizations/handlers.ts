// The organization control plane: create, list, read, patch, suspend, resume and archive direct
// children of the caller's organization. The hierarchy is one level deep.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import type { Organization } from '../../state/types.ts';
import { mergeMetadata, metadataForCreate, plainMetadata } from '../metadata/rules.ts';
import { archiveOrganization } from './archive.ts';
import { createOrganization } from './create.ts';
import { assertNotArchived, assertTopLevel, findChildOrganization } from './lookup.ts';
import { migrateOrganizations } from './migrate.ts';
import { archiveRepresentation, organizationDetail, organizationRepresentation } from './representation.ts';

/**
 * The metadata-utf16-length defect counts lengths in UTF-16 code units, as String.length does,
 * instead of code points (D19), so an emoji counts 2; the metadata suite must catch it.
 */
function rejectUtf16Lengths(request: RequestContext, metadata: Record<string, string>): void {
  if (!request.mock.config.defects.has('metadata-utf16-length')) {
    return;
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length > 40 || value.length > 500) {
      throw validationError(`metadata.${key}`, 'is too long.');
    }
  }
}

function setStatus(request: RequestContext, status: 'active' | 'suspended', action: string): Organization {
  const organization = findChildOrganization(request, request.params.orgId);
  assertNotArchived(organization, action);

  if (organization.status !== status) {
    organization.status = status;
    organization.updatedAt = request.now;
  }
  return organization;
}

export const organizationHandlers: Record<string, Handler> = {
  createOrganization(request) {
    const parent = assertTopLevel(request, 'have child organizations');
    const body = request.body as { name: string; metadata?: Record<string, string>; billingEmail?: string };
    const metadata = metadataForCreate(body.metadata);
    rejectUtf16Lengths(request, metadata);

    const organization = createOrganization(request.mock, {
      name: body.name,
      parentOrganizationId: parent.id,
      metadata,
      billingEmail: body.billingEmail ?? null,
      at: request.now,
    });
    return { status: 201, body: organizationRepresentation(organization) };
  },

  listOrganizations(request) {
    const parentId = principalOf(request).organization.id;
    const statuses = request.query.status as string[] | undefined;

    const rows = [...request.mock.store.organizations.values()].filter(
      (organization) => organization.parentOrganizationId === parentId && (statuses === undefined || statuses.includes(organization.status)),
    );
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (organization) => ({ createdAt: organization.createdAt, id: organization.id }) });
    return { status: 200, body: { items: page.items.map(organizationRepresentation), nextCursor: page.nextCursor } };
  },

  getOrganization(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    return { status: 200, body: organizationDetail(request.mock, organization) };
  },

  patchOrganization(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    assertNotArchived(organization, 'be changed');
    const body = request.body as { name?: string; metadata?: Record<string, string | null> | null; billingEmail?: string | null };

    // Every rule is checked before the first write, so a rejected PATCH changes nothing (D20).
    let metadata = 'metadata' in body ? mergeMetadata(organization.metadata, body.metadata ?? null) : organization.metadata;
    // The metadata-patch-replaces defect overwrites the map with the PATCH instead of merging it
    // (D20); the merge suite must catch it.
    if (request.mock.config.defects.has('metadata-patch-replaces') && body.metadata != null) {
      metadata = plainMetadata(Object.fromEntries(Object.entries(body.metadata).filter(([, value]) => value !== '')) as Record<string, string>);
    }

    if (body.name !== undefined) {
      organization.name = body.name;
    }
    if ('billingEmail' in body) {
      organization.billingEmail = body.billingEmail ?? null;
    }
    organization.metadata = metadata;
    organization.updatedAt = request.now;

    return { status: 200, body: organizationRepresentation(organization) };
  },

  suspendOrganization(request) {
    return { status: 200, body: organizationRepresentation(setStatus(request, 'suspended', 'be suspended')) };
  },

  resumeOrganization(request) {
    return { status: 200, body: organizationRepresentation(setStatus(request, 'active', 'be resumed')) };
  },

  archiveOrganization(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    archiveOrganization(request.mock, organization, request.now);
    return { status: 200, body: archiveRepresentation(organization) };
  },

  migrateOrganizations,
};
