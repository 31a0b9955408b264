// Generation rules that depend on the project's influencers and media library: an influencerId
// must name a live influencer of the project, ugc-remix needs an actor (influencerId or
// socialAccountId) and a demo video, and references.mediaIds must name the project's live media.
// Each broken rule is 422 VALIDATION naming the field.
import type { MockContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project } from '../../state/types.ts';
import { findLiveMedia, liveMediaOf } from '../app-media/library.ts';

export interface GenerationReferences {
  format: string;
  influencerId: string | null;
  socialAccountId: string | null;
  mediaId: string | null;
  mediaIds: string[];
}

function assertInfluencer(mock: MockContext, project: Project, influencerId: string): void {
  const id = normalizeUuidId(influencerId, 'inf') ?? influencerId;
  const influencer = mock.store.influencers.get(id);
  if (influencer === undefined || influencer.projectId !== project.id || influencer.archivedAt !== null) {
    throw validationError('influencerId', `${id} is not an influencer of project ${project.id}. List them with GET /v1/projects/${project.id}/influencers.`);
  }
  if (influencer.status === 'failed') {
    throw validationError('influencerId', `${id} failed to render and cannot front content. Create or clone another influencer.`);
  }
}

/** Throws before any write when a reference of the generation request does not hold. */
export function assertGenerationReferences(mock: MockContext, project: Project, input: GenerationReferences): void {
  if (input.influencerId !== null) {
    assertInfluencer(mock, project, input.influencerId);
  }

  input.mediaIds.forEach((mediaId, index) => {
    if (findLiveMedia(mock, project.id, mediaId) === undefined) {
      throw validationError(`references.mediaIds.${index}`, `${mediaId} is not media of project ${project.id}. List its media with GET /v1/projects/${project.id}/app-media.`);
    }
  });

  if (input.format !== 'ugc-remix') {
    return;
  }

  // NOTE: socialAccountId is taken as an actor without a lookup here; the social-accounts area
  // owns that check.
  if (input.influencerId === null && input.socialAccountId === null) {
    throw validationError('influencerId', 'is required for ugc-remix unless socialAccountId is sent: the format needs an actor. Send the id of a ready influencer of the project.');
  }

  if (input.mediaId !== null) {
    const media = findLiveMedia(mock, project.id, input.mediaId);
    if (media === undefined || media.kind !== 'demo-video') {
      throw validationError('mediaId', `${input.mediaId} is not a demo-video of project ${project.id}. Upload one with POST /v1/projects/${project.id}/app-media {"kind":"demo-video"}.`);
    }
  } else if (liveMediaOf(mock, project.id, 'demo-video').length === 0) {
    throw validationError('mediaId', `is required for ugc-remix because project ${project.id} has no demo-video yet. Upload one with POST /v1/projects/${project.id}/app-media {"kind":"demo-video"}.`);
  }
}
