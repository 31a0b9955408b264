// Binding reference images. An id binds when it names an image of the influencer's project: a
// media-library reference image, app media of an image kind, or an image asset of its content.
// Other ids are dropped without an error, as the docs describe, and reported back.
import type { MockContext } from '../../context.ts';
import type { Influencer, ReferenceImage } from '../../state/types.ts';
import { isImageKind } from '../app-media/kinds.ts';
import { findLiveMedia } from '../app-media/library.ts';

function resolveImage(mock: MockContext, projectId: string, assetId: string): { url: string; thumbnailUrl: string | null } | undefined {
  const libraryImage = mock.store.libraryMedia.get(assetId);
  if (libraryImage !== undefined && libraryImage.projectId === projectId) {
    return { url: libraryImage.url, thumbnailUrl: libraryImage.url };
  }

  const media = findLiveMedia(mock, projectId, assetId);
  if (media !== undefined) {
    return isImageKind(media.kind) ? { url: media.url, thumbnailUrl: media.url } : undefined;
  }

  for (const container of mock.store.containers.values()) {
    if (container.projectId !== projectId) {
      continue;
    }
    const asset = container.assets.find((entry) => entry.assetId === assetId);
    if (asset !== undefined) {
      return asset.kind === 'image' ? { url: asset.url, thumbnailUrl: asset.thumbnailUrl } : undefined;
    }
  }
  return undefined;
}

/** Adds the resolvable ids not yet bound, in request order; returns the ids it dropped. */
export function bindReferenceImages(mock: MockContext, influencer: Influencer, assetIds: string[], at: number): string[] {
  const ignored: string[] = [];
  const bound = new Set(influencer.referenceImages.map((image) => image.assetId));

  for (const assetId of assetIds) {
    if (bound.has(assetId)) {
      continue;
    }
    const image = resolveImage(mock, influencer.projectId, assetId);
    if (image === undefined) {
      ignored.push(assetId);
      continue;
    }
    const reference: ReferenceImage = { assetId, url: image.url, thumbnailUrl: image.thumbnailUrl, addedAt: at };
    influencer.referenceImages.push(reference);
    bound.add(assetId);
  }

  if (ignored.length < assetIds.length) {
    influencer.updatedAt = at;
  }
  return ignored;
}
