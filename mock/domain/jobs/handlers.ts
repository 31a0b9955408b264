// GET /v1/jobs/{jobId} and POST /v1/jobs/{jobId}/cancel.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { normalizeUlidId } from '../../state/ids.ts';
import type { Job } from '../../state/types.ts';
import { cancelJob, positionOf } from './lifecycle.ts';
import { etagOf, jobRepresentation } from './representation.ts';

function findJob(request: RequestContext): Job {
  const principal = principalOf(request);
  const jobId = normalizeUlidId(request.params.jobId, 'job') ?? request.params.jobId;
  const job = request.mock.store.jobs.get(jobId);

  if (job === undefined || job.organizationId !== principal.organization.id) {
    throw notFound('Job', jobId);
  }
  return job;
}

const cancelReasons: Record<string, string> = {
  completed: 'ALREADY_COMPLETED',
  failed: 'ALREADY_FAILED',
  canceled: 'ALREADY_CANCELED',
};

export const jobHandlers: Record<string, Handler> = {
  getJob(request) {
    const job = findJob(request);
    const body = jobRepresentation(job, request.now);
    const etag = etagOf(body);

    if (request.headers['if-none-match'] === etag) {
      return { status: 304, headers: { ETag: etag } };
    }
    return { status: 200, body, headers: { ETag: etag } };
  },

  cancelJob(request) {
    const job = findJob(request);

    if (job.status !== 'running') {
      return { status: 200, body: { jobId: job.jobId, accepted: false, reason: cancelReasons[job.status] } };
    }

    const position = positionOf(job, request.now);
    if (!position.stage.cancelable) {
      throw conflict(`Job ${job.jobId} is in stage ${position.stage.name}, which cannot be canceled. Poll the job until it ends.`, {
        subcode: 'JOB_CANCEL_UNAVAILABLE',
        jobId: job.jobId,
        stage: position.stage.name,
      });
    }

    cancelJob(request.mock, job, request.now);
    return { status: 202, body: { jobId: job.jobId, accepted: true } };
  },
};
