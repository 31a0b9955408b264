// The record of an uploaded item before its media is known, shared by the one-call upload and the
// upload session.
import { principalOf, type RequestContext } from '../../context.ts';
import type { Container } from '../../state/types.ts';

/** Returns a queued uploaded container of the project; the caller completes it. */
export function newUploadContainer(request: RequestContext, projectId: string): Container {
  return {
    id: request.mock.ids.prefixedUuid('cnt'),
    organizationId: principalOf(request).organization.id,
    projectId,
    status: 'queued',
    format: null,
    hook: null,
    influencerId: null,
    caption: null,
    preview: null,
    assets: [],
    approvalStatus: 'not_required',
    creativeType: 'uploaded',
    adsEnrollment: 'opted_out',
    jobId: null,
    variantIndex: null,
    createdAt: request.now,
    updatedAt: request.now,
    completedAt: null,
    failedAt: null,
    lastError: null,
  };
}
