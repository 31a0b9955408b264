// Regenerate: a new generation job for an existing generated container, billed as one variant of
// its format. The container keeps its id; its media and caption are replaced when the job
// completes (only the caption with preserveAssets). If the project's policy requires review, the
// container goes back to pending. Scheduled posts are not touched, but the publish-time gate fails
// a post whose content is no longer completed and approved.
import { principalOf, type HandlerResult, type RequestContext } from '../../context.ts';
import { conflict } from '../../http/errors.ts';
import { enterReview, reviewRequired } from '../approval/policy.ts';
import { reserveWithLimits } from '../credits/limits.ts';
import { newJobId, startJob } from '../jobs/lifecycle.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { assertActive } from '../projects/rules.ts';
import { findContainer } from './find.ts';
import { formatPrices } from './formats.ts';
import { contentJobKind, contentStages, failureMarker } from './generation.ts';

export function regenerateContent(request: RequestContext): HandlerResult {
  const mock = request.mock;
  const container = findContainer(request);
  const body = (request.body ?? {}) as { hook?: string; preserveAssets?: boolean };
  const project = mock.store.projects.get(container.projectId);

  if (project !== undefined) {
    assertActive(project);
  }
  if (container.creativeType !== 'generated') {
    throw conflict(`Container ${container.id} is uploaded; only generated content can be regenerated. Upload the new media instead.`, {
      containerId: container.id,
      creativeType: container.creativeType,
    });
  }
  if (container.status === 'queued' || container.status === 'processing') {
    throw conflict(`Container ${container.id} is still ${container.status}; wait for its job to end before regenerating it.`, {
      containerId: container.id,
      status: container.status,
    });
  }

  const format = container.format ?? 'slideshow-builder';
  const price = formatPrices[format] ?? 0;
  const hook = body.hook ?? container.hook;
  const preserveAssets = body.preserveAssets ?? false;
  const jobId = newJobId(mock, request.now);
  reserveWithLimits(mock, { organizationId: principalOf(request).organization.id, jobId, amount: price, format, projectId: container.projectId, at: request.now });

  const plannedFailure =
    hook?.includes(failureMarker) === true
      ? { code: 'GENERATION_FAILED', message: `The generation failed because the hook contains the ${failureMarker} marker.` }
      : null;
  const job = startJob(mock, {
    jobId,
    organizationId: container.organizationId,
    kind: contentJobKind,
    stages: contentStages,
    projectId: container.projectId,
    containerIds: [container.id],
    at: request.now,
    plannedFailure,
  });
  mock.store.regenerations.set(job.jobId, { jobId: job.jobId, containerId: container.id, preserveAssets });

  container.status = 'queued';
  container.hook = hook;
  container.jobId = job.jobId;
  container.completedAt = null;
  container.failedAt = null;
  container.lastError = null;
  container.updatedAt = request.now;
  if (!preserveAssets) {
    container.preview = null;
    container.assets = [];
  }
  if (reviewRequired(mock, container.projectId)) {
    enterReview(mock, container, request.now);
  }

  return { status: 202, body: jobRepresentation(job, request.now) };
}
