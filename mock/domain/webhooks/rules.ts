// Lookups and checks shared by the webhook handlers. Each throws before any state changes.
import { principalOf, type RequestContext } from '../../context.ts';
import { ApiError, notFound, validationError } from '../../http/errors.ts';
import { hasScope, orgAdminScope } from '../../http/scopes.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../state/types.ts';

/** The endpoint named by the path, if the acting organization owns it; 404 otherwise (D5). */
export function findEndpoint(request: RequestContext, rawId: string): WebhookEndpoint {
  const id = rawId.toLowerCase();
  const endpoint = request.mock.store.webhookEndpoints.get(id);
  if (endpoint === undefined || endpoint.organizationId !== principalOf(request).organization.id) {
    throw notFound('Webhook endpoint', rawId);
  }
  return endpoint;
}

/** The delivery named by the path, if its endpoint still exists and the acting organization owns it. */
export function findDelivery(request: RequestContext, rawId: string): WebhookDelivery {
  const delivery = request.mock.store.webhookDeliveries.get(rawId.toLowerCase());
  if (delivery === undefined || delivery.endpointDeleted || delivery.organizationId !== principalOf(request).organization.id) {
    throw notFound('Webhook delivery', rawId);
  }
  return delivery;
}

/** D29: all_children needs org:admin, and only a top-level organization has children. */
export function assertScopeAllowed(request: RequestContext, scope: string, projectId: string | null): void {
  if (scope !== 'all_children') {
    return;
  }

  const principal = principalOf(request);
  if (!hasScope(principal.apiKey.scopes, orgAdminScope)) {
    throw new ApiError(
      'FORBIDDEN_SCOPE',
      { reason: 'scope all_children delivers every child organization\'s events and needs an API key with the org:admin scope. Use such a key, or scope own.' },
      { requiredScope: orgAdminScope },
    );
  }
  if (principal.organization.parentOrganizationId !== null) {
    throw validationError('scope', 'all_children is only for a top-level organization; a child organization has no children of its own. Use scope own.');
  }
  if (projectId !== null) {
    throw validationError('scope', 'all_children cannot be combined with projectId, because a project belongs to one organization. Drop projectId, or use scope own.');
  }
}

/** The project named by a create request, which must belong to the acting organization. */
export function resolveProjectId(request: RequestContext, rawId: string | undefined): string | null {
  if (rawId === undefined) {
    return null;
  }
  const projectId = normalizeUuidId(rawId, 'prj');
  const project = projectId === null ? undefined : request.mock.store.projects.get(projectId);
  if (project === undefined || project.organizationId !== principalOf(request).organization.id) {
    throw notFound('Project', rawId);
  }
  return project.id;
}
