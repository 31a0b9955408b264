// Published posts, read from the post.published domain events, and their deterministic organic
// performance. Only Instagram and TikTok posts report metrics. A post's views follow
// V(t) = B·(1 − e^(−age/4 days)) with B drawn from its id; the other counters are fixed ratios of
// views, so any split of a window adds up to the window's totals.
import type { MockContext } from '../../context.ts';
import { rangeHash } from './hash.ts';
import { dayMs } from './intervals.ts';

export interface PublishedPost {
  postId: string;
  scheduledPostId: string | null;
  containerId: string | null;
  projectId: string | null;
  socialAccountId: string | null;
  platform: string | null;
  publishedAt: number;
}

const metricPlatforms = new Set(['instagram', 'tiktok']);

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Lists every published Instagram or TikTok post of the organization, oldest first. */
export function publishedPosts(mock: MockContext, organizationId: string): PublishedPost[] {
  const posts: PublishedPost[] = [];

  for (const event of mock.store.events) {
    if (event.type !== 'post.published' || event.organizationId !== organizationId) {
      continue;
    }
    const data = event.data;
    const platform = text(data.platform);
    if (platform !== null && !metricPlatforms.has(platform)) {
      continue;
    }

    const containerId = text(data.containerId);
    const container = containerId === null ? undefined : mock.store.containers.get(containerId);
    const postId = text(data.platformPostId) ?? text(data.postId) ?? text(data.externalId) ?? text(data.scheduledPostId);
    if (postId === null) {
      continue;
    }

    const publishedAt = Date.parse(text(data.publishedAt) ?? '');
    posts.push({
      postId,
      scheduledPostId: text(data.scheduledPostId),
      containerId,
      projectId: text(data.projectId) ?? container?.projectId ?? null,
      socialAccountId: text(data.socialAccountId),
      platform,
      publishedAt: Number.isNaN(publishedAt) ? event.createdAt : publishedAt,
    });
  }
  return posts;
}

export const organicCounterNames = ['views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'watch_time_ms', 'follower_delta'] as const;

export type OrganicCounters = Record<(typeof organicCounterNames)[number], number>;

export function zeroOrganic(): OrganicCounters {
  return { views: 0, reach: 0, impressions: 0, likes: 0, comments: 0, shares: 0, saves: 0, watch_time_ms: 0, follower_delta: 0 };
}

function organicAt(post: PublishedPost, at: number): OrganicCounters {
  const age = Math.max(0, at - post.publishedAt);
  const views = rangeHash(300, 30_000, post.postId, 'views') * (1 - Math.exp(-age / (4 * dayMs)));

  return {
    views: Math.floor(views),
    reach: Math.floor(views * rangeHash(0.6, 0.9, post.postId, 'reach')),
    impressions: Math.floor(views * rangeHash(1.1, 1.6, post.postId, 'impressions')),
    likes: Math.floor(views * rangeHash(0.02, 0.09, post.postId, 'likes')),
    comments: Math.floor(views * rangeHash(0.001, 0.008, post.postId, 'comments')),
    shares: Math.floor(views * rangeHash(0.001, 0.01, post.postId, 'shares')),
    saves: Math.floor(views * rangeHash(0.002, 0.015, post.postId, 'saves')),
    watch_time_ms: Math.floor(views * rangeHash(2500, 12_000, post.postId, 'watch-time')),
    follower_delta: Math.floor(views * rangeHash(0.0005, 0.004, post.postId, 'followers')),
  };
}

/** Returns the counters a post gathered in [from, to), capped at `now`. */
export function postCounters(post: PublishedPost, from: number, to: number, now: number): OrganicCounters {
  const end = organicAt(post, Math.min(to, now));
  const start = organicAt(post, Math.min(from, now));
  const result = zeroOrganic();
  for (const name of organicCounterNames) {
    result[name] = Math.max(0, end[name] - start[name]);
  }
  return result;
}

export function addOrganic(total: OrganicCounters, part: OrganicCounters): void {
  for (const name of organicCounterNames) {
    total[name] += part[name];
  }
}

export function engagementRate(counters: OrganicCounters): number {
  if (counters.views === 0) {
    return 0;
  }
  return Math.round(((counters.likes + counters.comments + counters.shares + counters.saves) / counters.views) * 10_000) / 10_000;
}
