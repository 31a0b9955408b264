import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { Container } from '../../state/types.ts';

export function containerRepresentation(container: Container): Record<string, unknown> {
  return {
    id: container.id,
    projectId: container.projectId,
    status: container.status,
    format: container.format,
    hook: container.hook,
    influencerId: container.influencerId,
    caption: container.caption,
    preview: container.preview === null ? null : structuredClone(container.preview),
    assets: structuredClone(container.assets),
    approvalStatus: container.approvalStatus,
    creativeType: container.creativeType,
    adsEnrollment: container.adsEnrollment,
    jobId: container.jobId,
    variantIndex: container.variantIndex,
    createdAt: isoTimestamp(container.createdAt),
    completedAt: nullableIso(container.completedAt),
    failedAt: nullableIso(container.failedAt),
    lastError: container.lastError,
  };
}
