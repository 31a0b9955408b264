// Reads of a project's media library that other areas share: the live items, the logo, and the
// lookups content generation and influencers use.
import type { MockContext } from '../../context.ts';
import { normalizeUlidId } from '../../state/ids.ts';
import type { AppMedia, AppMediaKind } from '../../state/types.ts';

export function liveMediaOf(mock: MockContext, projectId: string, kind?: AppMediaKind): AppMedia[] {
  return [...mock.store.appMedia.values()].filter((media) => media.projectId === projectId && media.deletedAt === null && (kind === undefined || media.kind === kind));
}

/** Finds a live item of the project by a `med_` id or a bare ULID; returns undefined otherwise. */
export function findLiveMedia(mock: MockContext, projectId: string, rawId: string): AppMedia | undefined {
  const mediaId = normalizeUlidId(rawId, 'med');
  const media = mediaId === null ? undefined : mock.store.appMedia.get(mediaId);
  return media !== undefined && media.projectId === projectId && media.deletedAt === null ? media : undefined;
}

export function logoUrlOf(mock: MockContext, projectId: string): string | null {
  return liveMediaOf(mock, projectId, 'logo')[0]?.url ?? null;
}
