// Metrics, top performers, scored ads-content with its override, and recommendations.
import { principalOf, type Handler } from '../../context.ts';
import { notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import { containerRepresentation } from '../content/representation.ts';
import { recordAudit } from '../audit/record.ts';
import { platformFromToken } from '../ads/platforms.ts';
import { findProject } from '../projects/rules.ts';
import type { AdsPlatform, RecommendationStatus } from '../ads/types.ts';
import { eligibilityOf, scoreOf, syncAdsContent } from './ads-content.ts';
import { defaultOrganicMetrics, organicSeries, postsInScope } from './organic.ts';
import { paidMetricNames, paidSeries, unitsInScope } from './paid.ts';
import { recommendationView, syncRecommendations } from './recommendations.ts';
import { topPerformers } from './top-performers.ts';
import { metricsWindow } from './window.ts';

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ i: id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { i?: unknown };
    if (typeof decoded.i === 'string') return decoded.i;
  } catch {
    // Falls through to the validation error below.
  }
  throw validationError('cursor', 'is not a cursor returned by this list. Start again without a cursor, or pass the nextCursor of the previous page.');
}

const recommendationTimestamps: Record<RecommendationStatus, 'acknowledgedAt' | 'dismissedAt' | 'actedOnAt' | null> = {
  open: null,
  acknowledged: 'acknowledgedAt',
  dismissed: 'dismissedAt',
  acted_on: 'actedOnAt',
};

export const metricsHandlers: Record<string, Handler> = {
  getProjectMetrics(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const granularity = query.granularity ?? 'day';
    const { since, until } = metricsWindow(query, request.now, granularity);
    const metrics = list(query.metrics) ?? (defaultOrganicMetrics[query.scope] as string[]);
    const posts = postsInScope(request.mock, project, query.scope, String(query.id));
    const { series, totals } = organicSeries(posts, String(query.id), metrics, since, until, granularity, request.now);

    return {
      status: 200,
      body: { scope: query.scope, id: query.id, granularity, since: new Date(since).toISOString(), until: new Date(until).toISOString(), metrics, series, totals },
    };
  },

  getAdsMetrics(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const granularity = query.granularity ?? 'day';
    const { since, until } = metricsWindow(query, request.now, granularity);
    const metrics = list(query.metrics) ?? paidMetricNames;
    const tokens = list(query.platforms);
    const platforms = tokens === undefined ? undefined : new Set<AdsPlatform>(tokens.map(platformFromToken));
    const units = unitsInScope(request.mock, project, query.scope, String(query.id), platforms);
    const { series, totals } = paidSeries(units, metrics, since, until, granularity, request.now, request.mock.config.defects.has('metrics-buckets-overlap'));

    return {
      status: 200,
      body: { scope: query.scope, id: query.id, granularity, currency: 'USD', since: new Date(since).toISOString(), until: new Date(until).toISOString(), metrics, series, totals },
    };
  },

  listTopPerformers(request) {
    const project = findProject(request, request.params.projectId);
    const items = topPerformers(request.mock, project, request.query, request.now);
    return { status: 200, body: { metric: request.query.metric, window: request.query.window ?? '30d', items } };
  },

  listAdsContent(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const mock = request.mock;
    const pools = list(query.scoringPool);
    const minScore = query.minScore ?? 0;

    const rows = syncAdsContent(mock, project, request.now)
      .map((row) => {
        const score = scoreOf(mock, row, request.now);
        return { row, score, eligibility: eligibilityOf(row, score) };
      })
      .filter(
        (entry) =>
          (pools === undefined || pools.includes(entry.row.scoringPool)) &&
          entry.score.organicScore >= minScore &&
          (query.override === undefined || (query.override === 'none' ? entry.row.override === null : entry.row.override === query.override)) &&
          (query.eligible === undefined || entry.eligibility.eligible === query.eligible),
      )
      .sort((left, right) => {
        const byId = left.row.id < right.row.id ? -1 : 1;
        if (query.sort === 'score_asc') return left.score.organicScore - right.score.organicScore || byId;
        if (query.sort === 'scored_at_desc') return (right.score.scoredAt ?? -1) - (left.score.scoredAt ?? -1) || byId;
        return right.score.organicScore - left.score.organicScore || byId;
      });

    // The docs make a forged or non-UUID cursor start from the first page instead of failing.
    let start = 0;
    const cursor = typeof query.cursor === 'string' && uuidPattern.test(query.cursor) ? `adc_${query.cursor.toLowerCase()}` : null;
    if (cursor !== null) {
      const index = rows.findIndex((entry) => entry.row.id === cursor);
      start = index === -1 ? 0 : index + 1;
    }
    const page = rows.slice(start, start + query.limit);
    const hasMore = start + query.limit < rows.length;
    const last = page[page.length - 1];

    const items = page.map(({ row, score, eligibility }) => {
      const container = mock.store.containers.get(row.containerId);
      const promotions = [...mock.store.ads.values()]
        .filter((ad) => ad.status !== 'deleted' && ad.creatives.some((creative) => creative.adsContentId === row.id))
        .map((ad) => ({ platform: `${ad.platform}_ads`, adId: ad.id, adsetId: ad.adsetId, campaignId: ad.campaignId, status: ad.status }));
      return {
        adsContentId: row.id,
        containerId: row.containerId,
        projectId: row.projectId,
        scoringPool: row.scoringPool,
        organicScore: score.organicScore,
        scoredAt: score.scoredAt === null ? null : new Date(score.scoredAt).toISOString(),
        eligible: eligibility.eligible,
        eligibilityReason: eligibility.reason,
        override: row.override,
        overrideNote: row.overrideNote,
        safetyFailed: row.safetyFailed,
        flaggedReason: row.flaggedReason,
        lockedAt: row.lockedAt === null ? null : new Date(row.lockedAt).toISOString(),
        activePromotions: promotions,
        preview: container === undefined ? null : (containerRepresentation(container).preview ?? null),
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
      };
    });

    return { status: 200, body: { items, nextCursor: hasMore && last !== undefined ? last.row.id.slice(4) : null } };
  },

  patchAdsContent(request) {
    const project = findProject(request, request.params.projectId);
    const mock = request.mock;
    syncAdsContent(mock, project, request.now);
    const id = normalizeUuidId(request.params.adsContentId, 'adc') ?? request.params.adsContentId;
    const row = mock.store.adsContent.get(id);
    if (row === undefined || row.projectId !== project.id) {
      throw notFound('Ads content', id);
    }

    const body = request.body as { override: 'include' | 'exclude' | null; note?: string };
    const verdictId = mock.ids.prefixedUuid('ver');
    const previous = row.override;
    row.override = body.override;
    row.overrideNote = body.note ?? null;
    row.updatedAt = request.now;
    const score = scoreOf(mock, row, request.now);
    const eligibility = eligibilityOf(row, score);

    recordAudit(mock, {
      eventType: 'ads_content.override_updated',
      organizationId: project.organizationId,
      projectId: project.id,
      requestId: request.requestId,
      principal: principalOf(request),
      verdictId,
      data: { adsContentId: row.id, previousOverride: previous, override: row.override, note: row.overrideNote, eligible: eligibility.eligible },
      at: request.now,
    });

    return {
      status: 200,
      body: {
        adsContentId: row.id,
        sourceContainerId: row.containerId,
        override: row.override,
        note: row.overrideNote,
        organicScore: score.organicScore,
        eligible: eligibility.eligible,
        eligibilityReason: eligibility.reason,
        verdictId,
        updatedAt: new Date(row.updatedAt).toISOString(),
      },
    };
  },

  listRecommendations(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const kinds = list(query.kind);
    const statuses = list(query.status) ?? ['open'];
    const minConfidence = query.minConfidence ?? 0;

    const views = syncRecommendations(request.mock, project, request.now)
      .filter((view) => (kinds === undefined || kinds.includes(view.row.kind)) && statuses.includes(view.row.status) && view.draft.confidence >= minConfidence)
      .sort((left, right) => {
        const byId = left.row.id < right.row.id ? -1 : 1;
        if (query.sort === 'created_desc') return right.row.createdAt - left.row.createdAt || byId;
        return right.draft.confidence - left.draft.confidence || byId;
      });

    let start = 0;
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      const index = views.findIndex((view) => view.row.id === after);
      if (index === -1) {
        throw validationError('cursor', 'names a recommendation that is no longer in this list. Start again without a cursor.');
      }
      start = index + 1;
    }
    const page = views.slice(start, start + query.limit);
    const last = page[page.length - 1];
    const hasMore = start + query.limit < views.length;
    return { status: 200, body: { items: page.map(recommendationView), nextCursor: hasMore && last !== undefined ? encodeCursor(last.row.id) : null } };
  },

  patchRecommendation(request) {
    const project = findProject(request, request.params.projectId);
    const id = normalizeUuidId(request.params.recommendationId, 'rec') ?? request.params.recommendationId;
    const row = request.mock.store.recommendations.get(id);
    if (row === undefined || row.projectId !== project.id) {
      throw notFound('Recommendation', id);
    }

    const body = request.body as { status: RecommendationStatus; note?: string };
    // Setting the current status again is a no-op, so the PATCH is idempotent.
    if (body.status !== row.status || (body.note !== undefined && body.note !== row.note)) {
      const previous = row.status;
      row.status = body.status;
      if (body.note !== undefined) row.note = body.note;
      const stamp = recommendationTimestamps[body.status];
      if (stamp !== null && row[stamp] === null) {
        row[stamp] = request.now;
      }
      row.updatedAt = request.now;
      recordAudit(request.mock, {
        eventType: 'recommendation.updated',
        organizationId: project.organizationId,
        projectId: project.id,
        requestId: request.requestId,
        principal: principalOf(request),
        data: { recommendationId: row.id, previousStatus: previous, status: row.status, note: row.note },
        at: request.now,
      });
    }
    return { status: 200, body: { recommendationId: row.id, status: row.status, updatedAt: new Date(row.updatedAt).toISOString() } };
  },
};
