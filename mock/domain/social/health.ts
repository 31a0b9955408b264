// Account health, refreshed every 30 minutes in the docs. The mock derives it from the account id,
// its age and the posts it published in the last 30 days, so repeated reads agree and publishing
// moves it.
import type { MockContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { SocialAccount } from '../../state/types.ts';

const refreshIntervalMs = 30 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

const recommendations: Record<string, string> = {
  shadowbanned: 'Pause publishing for 7 days, then post original content only; reach is being limited.',
  new: 'Post once a day for the first week so the platform can classify the account.',
  cold: 'Publish at least three times a week and reply to early comments to build reach.',
  warming_up: 'Keep a steady cadence; reuse the hooks of your best posts.',
  warm: 'Cadence is healthy; test new formats on this account.',
  hot: 'The account is performing well; schedule your strongest content here.',
};

function hashOf(text: string): number {
  let hash = 0;
  for (const character of text) {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return hash;
}

function tierFor(score: number): string {
  if (score < 40) {
    return 'cold';
  }
  if (score < 60) {
    return 'warming_up';
  }
  return score < 80 ? 'warm' : 'hot';
}

export function healthView(mock: MockContext, account: SocialAccount, now: number): Record<string, unknown> {
  const hash = hashOf(account.id);
  const since = now - 30 * dayMs;
  const postsLast30d = [...mock.store.scheduledPosts.values()].filter(
    (post) => post.socialAccountId === account.id && post.status === 'published' && (post.publishedAt ?? 0) >= since,
  ).length;

  const shadowbanned = hash % 17 === 0;
  const score = shadowbanned ? 5 + (hash % 15) : Math.min(100, 30 + (hash % 50) + Math.min(postsLast30d, 10) * 2);
  let tier = tierFor(score);
  if (shadowbanned) {
    tier = 'shadowbanned';
  } else if (now - account.connectedAt < 7 * dayMs) {
    tier = 'new';
  }

  const avgViews = postsLast30d === 0 ? 0 : 200 + (hash % 5000);
  const avgLikes = Math.round(avgViews * 0.06);
  const avgComments = Math.round(avgViews * 0.008);
  const refreshedAt = Math.max(account.connectedAt, now - (now % refreshIntervalMs));

  return {
    socialAccountId: account.id,
    status: account.status,
    score,
    tier,
    isShadowbanned: shadowbanned,
    shadowbanSeverity: shadowbanned ? (['low', 'medium', 'high'][hash % 3] as string) : 'none',
    recommendation: recommendations[tier] as string,
    engagement: {
      postsLast30d,
      avgViews,
      avgLikes,
      avgComments,
      engagementRate: avgViews === 0 ? 0 : Math.round(((avgLikes + avgComments) / avgViews) * 10_000) / 10_000,
    },
    refreshedAt: isoTimestamp(refreshedAt),
  };
}
