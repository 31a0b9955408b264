import type { MockContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { Influencer } from '../../state/types.ts';
import { statusAt } from './lifecycle.ts';

export function influencerRepresentation(mock: MockContext, influencer: Influencer, now: number): Record<string, unknown> {
  return {
    influencerId: influencer.influencerId,
    projectId: influencer.projectId,
    name: influencer.name,
    imageUrl: influencer.imageUrl,
    gender: influencer.gender,
    ageRange: influencer.ageRange,
    brandVoice: influencer.brandVoice,
    language: influencer.language,
    status: statusAt(mock, influencer, now),
    errorMessage: influencer.errorMessage,
    clonedFrom: influencer.clonedFrom,
    referenceImages: influencer.referenceImages.map((image) => ({ ...image, addedAt: isoTimestamp(image.addedAt) })),
    createdAt: isoTimestamp(influencer.createdAt),
    updatedAt: isoTimestamp(influencer.updatedAt),
  };
}

export function influencerSummary(mock: MockContext, influencer: Influencer, now: number): Record<string, unknown> {
  return {
    influencerId: influencer.influencerId,
    name: influencer.name,
    gender: influencer.gender,
    ageRange: influencer.ageRange,
    status: statusAt(mock, influencer, now),
    thumbnailUrl: influencer.imageUrl,
    createdAt: isoTimestamp(influencer.createdAt),
  };
}
