import { createHash } from 'node:crypto';

import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { Job } from '../../state/types.ts';
import { positionOf } from './lifecycle.ts';

/** The job envelope at mock time `now`. */
export function jobRepresentation(job: Job, now: number): Record<string, unknown> {
  const running = job.status === 'running';
  const position = running ? positionOf(job, now) : null;

  const body: Record<string, unknown> = {
    jobId: job.jobId,
    kind: job.kind,
    status: job.status,
    stage: position?.stage.name ?? job.finalStage ?? job.status,
    progress: position?.progress ?? (job.status === 'completed' ? 1 : 0),
    locationUrl: `/v1/jobs/${job.jobId}`,
    startedAt: isoTimestamp(job.startedAt),
    finishedAt: nullableIso(job.finishedAt),
    result: job.result,
    error: job.error,
  };

  if (job.projectId !== null) {
    body.projectId = job.projectId;
  }
  Object.assign(body, job.pointers ?? {});
  if (job.containerIds.length > 0) {
    body.containerId = job.containerIds[0];
    body.containerIds = [...job.containerIds];
  }

  // A canceled or failed job keeps the progress it had reached.
  if (!running && job.status !== 'completed' && job.finishedAt !== null) {
    body.progress = positionOf(job, job.finishedAt).progress;
  }

  return body;
}

export function etagOf(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;
}
