// Recommendations of the two kinds that ship: value_propositions (one per project with completed
// content: lead with the strongest hook) and refresh_fatigued (one per ad whose oldest creative
// has run 7 days or more). Rows are made on read; each read refreshes confidence, rationale and
// evidence as the optimizer does, but never a status the partner set.
import type { MockContext } from '../../context.ts';
import type { Project } from '../../state/types.ts';
import { statusAt } from '../content/view.ts';
import { unitCounters } from '../ads/performance.ts';
import { platformToken } from '../ads/platforms.ts';
import type { Recommendation } from '../ads/types.ts';
import { eligibleRows } from './ads-content.ts';
import { rangeHash } from './hash.ts';
import { dayMs } from './intervals.ts';

export const fatigueAgeMs = 7 * dayMs;

interface Draft {
  kind: Recommendation['kind'];
  subjectKey: string;
  subject: { type: string; id: string; platform?: string };
  rationale: string;
  confidence: number;
  evidence: Record<string, unknown>;
  suggestedAction: { endpoint: string; method: string; path: string; body: Record<string, unknown> };
}

function drafts(mock: MockContext, project: Project, now: number): Draft[] {
  const result: Draft[] = [];
  const completed = [...mock.store.containers.values()].filter((container) => container.projectId === project.id && container.hook !== null && statusAt(mock, container, now) === 'completed');

  if (completed.length > 0) {
    const best = completed.sort((left, right) => rangeHash(0, 1, right.id, 'hook') - rangeHash(0, 1, left.id, 'hook'))[0]!;
    result.push({
      kind: 'value_propositions',
      subjectKey: `project:${project.id}`,
      subject: { type: 'project', id: project.id },
      rationale: `The hook "${best.hook}" states the app's value proposition most directly; generate more variants around it.`,
      confidence: Math.round(rangeHash(0.55, 0.95, project.id, String(completed.length)) * 100) / 100,
      evidence: { completedContainers: completed.length, containerId: best.id, hook: best.hook },
      suggestedAction: { endpoint: 'POST /v1/projects/{projectId}/content', method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'slideshow-builder', hook: best.hook, variantCount: 3 } },
    });
  }

  const eligible = eligibleRows(mock, project, now);
  for (const ad of mock.store.ads.values()) {
    const oldest = ad.creatives[0];
    if (ad.projectId !== project.id || ad.status !== 'active' || oldest === undefined || now - oldest.addedAt < fatigueAgeMs) {
      continue;
    }
    const replacement = eligible.find((row) => !ad.creatives.some((creative) => creative.adsContentId === row.id));
    const lastWeek = unitCounters(ad.id, ad.delivery, now - 7 * dayMs, now, now);
    const platform = ad.platform as 'meta' | 'tiktok';
    result.push({
      kind: 'refresh_fatigued',
      subjectKey: `ad:${ad.id}`,
      subject: { type: 'ad', id: ad.id, platform: platformToken(ad.platform) },
      rationale: `Ad ${ad.name} has run the same creative for ${Math.floor((now - oldest.addedAt) / dayMs)} days; audiences tire of it, so swap in fresh content.`,
      confidence: Math.min(0.95, Math.round((0.5 + (now - oldest.addedAt) / (60 * dayMs)) * 100) / 100),
      evidence: { adId: ad.id, creativeAgeDays: Math.floor((now - oldest.addedAt) / dayMs), impressionsLast7d: lastWeek.impressions, clicksLast7d: lastWeek.clicks },
      suggestedAction: {
        endpoint: 'PUT /v1/projects/{projectId}/ads/{platform}/ads/{adId}/creative',
        method: 'PUT',
        path: `/v1/projects/${project.id}/ads/${platform}/ads/${ad.id}/creative`,
        body: replacement === undefined ? {} : { adsContentId: replacement.id, replacesAdsContentId: oldest.adsContentId },
      },
    });
  }
  return result;
}

export interface RecommendationView {
  row: Recommendation;
  draft: Draft;
}

/** Returns the project's recommendations, and stores a row for each new subject. */
export function syncRecommendations(mock: MockContext, project: Project, now: number): RecommendationView[] {
  const existing = new Map<string, Recommendation>();
  for (const row of mock.store.recommendations.values()) {
    if (row.projectId === project.id) {
      existing.set(`${row.kind}|${row.subjectKey}`, row);
    }
  }

  return drafts(mock, project, now).map((draft) => {
    let row = existing.get(`${draft.kind}|${draft.subjectKey}`);
    if (row === undefined) {
      row = {
        id: mock.ids.prefixedUuid('rec'),
        organizationId: project.organizationId,
        projectId: project.id,
        kind: draft.kind,
        subjectKey: draft.subjectKey,
        status: 'open',
        note: null,
        acknowledgedAt: null,
        dismissedAt: null,
        actedOnAt: null,
        createdAt: now,
        updatedAt: now,
      };
      mock.store.recommendations.set(row.id, row);
    }
    return { row, draft };
  });
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

export function recommendationView(view: RecommendationView): Record<string, unknown> {
  const { row, draft } = view;
  return {
    recommendationId: row.id,
    projectId: row.projectId,
    kind: row.kind,
    subject: draft.subject,
    rationale: draft.rationale,
    confidence: draft.confidence,
    evidence: draft.evidence,
    suggestedAction: draft.suggestedAction,
    status: row.status,
    note: row.note,
    acknowledgedAt: iso(row.acknowledgedAt),
    dismissedAt: iso(row.dismissedAt),
    actedOnAt: iso(row.actedOnAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
