// Scored ads-content: one row per completed container of a project. The organic score (0–10)
// comes from the views of the container's published posts over 30 days; content not yet published
// scores 0. A row is eligible for ads when (score ≥ 4.0 or override = include), override is not
// exclude, and the safety pass did not fail it. The safety pass flags text that makes prohibited
// claims and locks the row until a partner unlocks it.
import type { MockContext } from '../../context.ts';
import type { Container, Project } from '../../state/types.ts';
import { statusAt } from '../content/view.ts';
import type { AdsContentRow } from '../ads/types.ts';
import { emitEvent } from '../events.ts';
import { dayMs } from './intervals.ts';
import { addOrganic, postCounters, publishedPosts, zeroOrganic } from './posts.ts';

export const eligibilityThreshold = 4;

/** Claims the mock's safety pass treats as ad-policy violations, matched case-insensitively. */
const prohibitedClaims = [/\bguaranteed?\b/i, /\bmiracle\b/i, /\brisk[- ]free\b/i];

export function flaggedReasonOf(container: Container): string | null {
  const text = `${container.hook ?? ''} ${container.caption ?? ''}`;
  return prohibitedClaims.some((pattern) => pattern.test(text)) ? 'prohibited_claim' : null;
}

/**
 * Creates the missing rows of the project's completed containers and flags new unsafe ones.
 * NOTE: rows are made when ads-content is read or written, so ads.creative.flagged fires then,
 * not at the moment the content completes.
 */
export function syncAdsContent(mock: MockContext, project: Project, now: number): AdsContentRow[] {
  const byContainer = new Map<string, AdsContentRow>();
  for (const row of mock.store.adsContent.values()) {
    if (row.projectId === project.id) {
      byContainer.set(row.containerId, row);
    }
  }

  const containers = [...mock.store.containers.values()]
    .filter((container) => container.projectId === project.id && statusAt(mock, container, now) === 'completed')
    .sort((left, right) => left.createdAt - right.createdAt || (left.id < right.id ? -1 : 1));

  for (const container of containers) {
    if (byContainer.has(container.id)) {
      continue;
    }
    const flaggedReason = flaggedReasonOf(container);
    const row: AdsContentRow = {
      id: mock.ids.prefixedUuid('adc'),
      organizationId: project.organizationId,
      projectId: project.id,
      containerId: container.id,
      scoringPool: container.creativeType === 'uploaded' ? 'manual' : 'generated',
      override: null,
      overrideNote: null,
      safetyFailed: flaggedReason !== null,
      flaggedReason,
      lockedAt: flaggedReason === null ? null : now,
      unlockedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    mock.store.adsContent.set(row.id, row);
    byContainer.set(container.id, row);

    if (flaggedReason !== null) {
      emitEvent(mock, 'ads.creative.flagged', project.organizationId, { adsContentId: row.id, containerId: container.id, projectId: project.id, flagged_reason: flaggedReason }, now);
    }
  }

  return [...byContainer.values()];
}

export interface Score {
  organicScore: number;
  scoredAt: number | null;
}

/** 2 points per decade of views over the last 30 days, capped at 10, one decimal. */
export function scoreOf(mock: MockContext, row: AdsContentRow, now: number): Score {
  const posts = publishedPosts(mock, row.organizationId).filter((post) => post.containerId === row.containerId);
  if (row.safetyFailed || posts.length === 0) {
    return { organicScore: 0, scoredAt: posts.length === 0 ? null : now };
  }

  const total = zeroOrganic();
  for (const post of posts) {
    addOrganic(total, postCounters(post, now - 30 * dayMs, now, now));
  }
  const score = Math.min(10, Math.round(Math.log10(total.views + 1) * 20) / 10);
  return { organicScore: score, scoredAt: Math.max(...posts.map((post) => post.publishedAt)) };
}

export type EligibilityReason = 'score' | 'override_include' | 'override_exclude' | 'below_threshold' | 'safety_failed';

export function eligibilityOf(row: AdsContentRow, score: Score): { eligible: boolean; reason: EligibilityReason } {
  if (row.safetyFailed) {
    return { eligible: false, reason: 'safety_failed' };
  }
  if (row.override === 'exclude') {
    return { eligible: false, reason: 'override_exclude' };
  }
  if (row.override === 'include') {
    return { eligible: true, reason: 'override_include' };
  }
  return score.organicScore >= eligibilityThreshold ? { eligible: true, reason: 'score' } : { eligible: false, reason: 'below_threshold' };
}

export function isEligible(mock: MockContext, row: AdsContentRow, now: number): boolean {
  return eligibilityOf(row, scoreOf(mock, row, now)).eligible;
}

/** Returns the eligible rows of a project, best score first, then oldest. */
export function eligibleRows(mock: MockContext, project: Project, now: number): AdsContentRow[] {
  return syncAdsContent(mock, project, now)
    .map((row) => ({ row, score: scoreOf(mock, row, now) }))
    .filter((entry) => eligibilityOf(entry.row, entry.score).eligible)
    .sort((left, right) => right.score.organicScore - left.score.organicScore || left.row.createdAt - right.row.createdAt || (left.row.id < right.row.id ? -1 : 1))
    .map((entry) => entry.row);
}
