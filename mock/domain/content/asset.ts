// One asset of a container. Asset URLs are durable: they stay valid until the container is
// regenerated, and carry no expiring signature.
import type { HandlerResult, RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { findContainer } from './find.ts';

export function getContentAsset(request: RequestContext): HandlerResult {
  const container = findContainer(request);
  const assetId = String(request.params.assetId);
  const asset = container.assets.find((entry) => entry.assetId === assetId);

  if (asset === undefined) {
    throw notFound('Asset', `${assetId} of container ${container.id}`);
  }
  return { status: 200, body: { containerId: container.id, ...structuredClone(asset) } };
}
