// The container lookup every content route shares: another organization's container is 404 (D5).
import { principalOf, type RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Container } from '../../state/types.ts';

export function findContainer(request: RequestContext): Container {
  const principal = principalOf(request);
  const containerId = normalizeUuidId(request.params.containerId, 'cnt') ?? request.params.containerId;
  const container = request.mock.store.containers.get(containerId);

  if (container === undefined || container.organizationId !== principal.organization.id) {
    throw notFound('Container', containerId);
  }
  return container;
}
