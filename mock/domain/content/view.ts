// A container as the API shows it at a moment: while its job runs, the status follows the job's
// stage (queued, then processing).
import type { MockContext } from '../../context.ts';
import type { Container, ContainerStatus } from '../../state/types.ts';
import { positionOf } from '../jobs/lifecycle.ts';
import { containerRepresentation } from './representation.ts';

export function statusAt(mock: MockContext, container: Container, now: number): ContainerStatus {
  if (container.status !== 'queued' && container.status !== 'processing') {
    return container.status;
  }
  const job = container.jobId === null ? undefined : mock.store.jobs.get(container.jobId);
  if (job === undefined || job.status !== 'running') {
    return container.status;
  }
  return positionOf(job, now).stage.name === 'queued' ? 'queued' : 'processing';
}

export function containerView(mock: MockContext, container: Container, now: number): Record<string, unknown> {
  return { ...containerRepresentation(container), status: statusAt(mock, container, now) };
}

export function progressView(mock: MockContext, container: Container, now: number): Record<string, unknown> {
  const status = statusAt(mock, container, now);
  const job = container.jobId === null ? undefined : mock.store.jobs.get(container.jobId);

  if (job !== undefined && job.status === 'running') {
    const position = positionOf(job, now);
    return {
      containerId: container.id,
      status,
      stage: position.stage.name,
      stageProgress: position.stageProgress,
      etaSeconds: Math.ceil(position.remainingMs / 1000),
      updatedAt: new Date(now).toISOString(),
    };
  }

  return {
    containerId: container.id,
    status,
    stage: status,
    stageProgress: status === 'completed' ? 1 : 0,
    etaSeconds: status === 'completed' ? 0 : null,
    updatedAt: new Date(container.updatedAt).toISOString(),
  };
}
