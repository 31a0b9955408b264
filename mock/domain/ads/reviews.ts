// Platform reviews of ad creatives: every creative put on an ad is reviewed by
// the platform, which decides after one job duration on the mock clock. About one review in ten
// is disapproved, chosen by a hash of the ad and the creative, and a disapproval is also an ad
// policy violation.
import type { MockContext } from '../../context.ts';
import { emitEvent } from '../events.ts';
import { unitHash } from '../metrics/hash.ts';
import { platformToken } from './platforms.ts';
import type { Ad, AdReview } from './types.ts';

export const reviewDecideTask = 'ads.review.decide';

export function submitReview(mock: MockContext, ad: Ad, adsContentId: string, at: number): AdReview {
  const review: AdReview = {
    id: mock.ids.prefixedUuid('rev'),
    organizationId: ad.organizationId,
    projectId: ad.projectId,
    platform: ad.platform,
    adId: ad.id,
    adsContentId,
    status: 'pending_review',
    platformReason: null,
    submittedAt: at,
    decidedAt: null,
  };
  mock.store.adReviews.set(review.id, review);
  mock.scheduler.schedule(reviewDecideTask, at + mock.config.jobDurationMs, { reviewId: review.id });
  return review;
}

function decideReview(mock: MockContext, review: AdReview, at: number): void {
  if (review.status !== 'pending_review') {
    return;
  }

  const disapproved = unitHash(review.adId, review.adsContentId, 'review') < 0.1;
  review.status = disapproved ? 'disapproved' : 'approved';
  review.platformReason = disapproved ? 'Ad creative does not meet the platform advertising policies.' : null;
  review.decidedAt = at;

  const data = { reviewId: review.id, adId: review.adId, adsContentId: review.adsContentId, projectId: review.projectId, platform: platformToken(review.platform), status: review.status, platformReason: review.platformReason };
  emitEvent(mock, disapproved ? 'approval.disapproved' : 'approval.approved', review.organizationId, data, at);
  if (disapproved) {
    emitEvent(mock, 'ads.policy.violation', review.organizationId, { ...data, policy: 'ad_creative' }, at);
  }
}

export function registerReviewTasks(mock: MockContext): void {
  mock.scheduler.register(reviewDecideTask, (task, dueAt) => {
    const review = mock.store.adReviews.get(String(task.payload.reviewId));
    if (review !== undefined) {
      decideReview(mock, review, dueAt);
    }
  });
}
