// Unified organic metrics: the posts in scope, summed per bucket, with rates recomputed from the
// sums. followers is the audience at the end of each bucket: a baseline drawn from the scope's id
// plus the follower_delta gathered so far.
import type { MockContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import type { Project } from '../../state/types.ts';
import { rangeHash } from './hash.ts';
import { buckets, type Granularity } from './intervals.ts';
import { addOrganic, engagementRate, postCounters, publishedPosts, zeroOrganic, type OrganicCounters, type PublishedPost } from './posts.ts';

export const organicMetricNames = ['views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'watch_time_ms', 'engagement_rate', 'followers', 'follower_delta', 'posts_published'];

export const defaultOrganicMetrics: Record<string, string[]> = {
  platform_post: ['views', 'likes', 'comments', 'shares', 'saves', 'engagement_rate'],
  social_account: ['followers', 'follower_delta', 'views', 'engagement_rate', 'posts_published'],
  project: ['views', 'likes', 'engagement_rate', 'posts_published'],
  project_layer: ['views', 'likes', 'engagement_rate', 'posts_published'],
  organization: ['views', 'likes', 'engagement_rate', 'posts_published'],
};

/** Returns the posts a scope covers, or throws 404 for an id the caller cannot see in this project. */
export function postsInScope(mock: MockContext, project: Project, scope: string, id: string): PublishedPost[] {
  const organizationPosts = publishedPosts(mock, project.organizationId);
  const projectPosts = organizationPosts.filter((post) => post.projectId === project.id);

  if (scope === 'organization') {
    if (id !== project.organizationId) {
      throw notFound('Organization', id);
    }
    return organizationPosts;
  }
  if (scope === 'project') {
    if (id !== project.id && `prj_${id}` !== project.id) {
      throw notFound('Project', id);
    }
    return projectPosts;
  }
  if (scope === 'project_layer') {
    const layer = mock.store.adsLayers.get(id);
    if (layer === undefined || layer.projectId !== project.id) {
      throw notFound('Project layer', id);
    }
    return projectPosts;
  }
  if (scope === 'social_account') {
    const connected = mock.store.events.some((event) => event.type === 'social_account.connected' && event.organizationId === project.organizationId && event.data.socialAccountId === id);
    const posts = projectPosts.filter((post) => post.socialAccountId === id);
    if (!connected && posts.length === 0) {
      throw notFound('Social account', id);
    }
    return posts;
  }

  const posts = projectPosts.filter((post) => post.postId === id || post.scheduledPostId === id);
  if (posts.length === 0) {
    throw notFound('Platform post', id);
  }
  return posts;
}

function values(metrics: string[], counters: OrganicCounters, followers: number, published: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (const metric of metrics) {
    if (metric === 'engagement_rate') {
      result[metric] = engagementRate(counters);
    } else if (metric === 'followers') {
      result[metric] = followers;
    } else if (metric === 'posts_published') {
      result[metric] = published;
    } else {
      result[metric] = counters[metric as keyof OrganicCounters];
    }
  }
  return result;
}

export function organicSeries(posts: PublishedPost[], scopeId: string, metrics: string[], since: number, until: number, granularity: Granularity, now: number) {
  const baseline = Math.floor(rangeHash(500, 50_000, scopeId, 'followers'));
  const before = zeroOrganic();
  for (const post of posts) {
    addOrganic(before, postCounters(post, -Infinity, since, now));
  }

  let followers = baseline + before.follower_delta;
  const total = zeroOrganic();
  const series = buckets(since, until, granularity).map((bucket) => {
    const counters = zeroOrganic();
    for (const post of posts) {
      addOrganic(counters, postCounters(post, bucket.start, bucket.end, now));
    }
    addOrganic(total, counters);
    followers += counters.follower_delta;
    const published = posts.filter((post) => post.publishedAt >= bucket.start && post.publishedAt < bucket.end).length;
    return { start: new Date(bucket.start).toISOString(), end: new Date(bucket.end).toISOString(), values: values(metrics, counters, followers, published) };
  });

  const publishedTotal = posts.filter((post) => post.publishedAt >= since && post.publishedAt < until).length;
  return { series, totals: values(metrics, total, followers, publishedTotal) };
}
