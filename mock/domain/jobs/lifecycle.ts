// Jobs (D31): they start running, move through their stages on the mock clock, and end
// completed, failed or canceled. Terminal states never change. Each kind can react to the end of
// its jobs (content settles credits and renders previews, for example).
import type { MockContext } from '../../context.ts';
import type { Job, JobStage } from '../../state/types.ts';
import { emitEvent } from '../events.ts';

export const jobFinishTask = 'job.finish';

export interface JobKindHooks {
  onComplete?(mock: MockContext, job: Job, at: number): void;
  onFail?(mock: MockContext, job: Job, at: number): void;
  onCancel?(mock: MockContext, job: Job, at: number): void;
}

const kindHooks = new Map<string, JobKindHooks>();

export function registerJobKind(kind: string, hooks: JobKindHooks): void {
  kindHooks.set(kind, hooks);
}

export interface StartJobInput {
  /** A job id drawn in advance, so work such as a credit reservation can name the job first. */
  jobId?: string;
  organizationId: string;
  kind: string;
  stages: JobStage[];
  projectId: string | null;
  containerIds?: string[];
  at: number;
  plannedFailure?: { code: string; message: string } | null;
  /** Resource ids for the envelope, such as influencerId. */
  pointers?: Record<string, string>;
  /** Input the kind reads when the job ends, fixed at the start so the outcome depends only on the request. */
  payload?: Record<string, unknown>;
}

export function newJobId(mock: MockContext, at: number): string {
  return `job_${mock.ids.ulid(at)}`;
}

export function startJob(mock: MockContext, input: StartJobInput): Job {
  const job: Job = {
    jobId: input.jobId ?? newJobId(mock, input.at),
    organizationId: input.organizationId,
    kind: input.kind,
    status: 'running',
    finalStage: null,
    stages: input.stages,
    startedAt: input.at,
    durationMs: mock.config.jobDurationMs,
    finishedAt: null,
    projectId: input.projectId,
    containerIds: input.containerIds ?? [],
    result: null,
    error: null,
    plannedFailure: input.plannedFailure ?? null,
    updatedAt: input.at,
  };
  if (input.pointers !== undefined) {
    job.pointers = { ...input.pointers };
  }
  if (input.payload !== undefined) {
    job.payload = structuredClone(input.payload);
  }

  mock.store.jobs.set(job.jobId, job);
  mock.scheduler.schedule(jobFinishTask, job.startedAt + job.durationMs, { jobId: job.jobId });
  return job;
}

export interface StagePosition {
  stage: JobStage;
  /** Progress of the whole job, 0..1. */
  progress: number;
  /** Progress within the current stage, 0..1. */
  stageProgress: number;
  /** Milliseconds left until the job's scheduled end. */
  remainingMs: number;
}

/** Where a running job is at `now`. Progress stays below 1 until the job really ends. */
export function positionOf(job: Job, now: number): StagePosition {
  const elapsed = Math.min(Math.max(0, now - job.startedAt), job.durationMs);
  const fraction = job.durationMs === 0 ? 1 : elapsed / job.durationMs;

  let cumulative = 0;
  let current = job.stages[job.stages.length - 1] as JobStage;
  let stageStart = 1 - current.share;
  for (const stage of job.stages) {
    if (fraction < cumulative + stage.share) {
      current = stage;
      stageStart = cumulative;
      break;
    }
    cumulative += stage.share;
  }

  const stageProgress = current.share === 0 ? 1 : Math.min(1, (fraction - stageStart) / current.share);
  return {
    stage: current,
    progress: Math.min(0.99, Math.round(fraction * 1000) / 1000),
    stageProgress: Math.min(0.99, Math.round(stageProgress * 1000) / 1000),
    remainingMs: job.durationMs - elapsed,
  };
}

export function finishJob(mock: MockContext, job: Job, at: number): void {
  if (job.status !== 'running') {
    return;
  }

  const hooks = kindHooks.get(job.kind) ?? {};
  job.finishedAt = at;
  job.updatedAt = at;

  if (job.plannedFailure !== null) {
    job.status = 'failed';
    job.finalStage = job.stages[job.stages.length - 1]?.name ?? 'failed';
    job.error = job.plannedFailure;
    hooks.onFail?.(mock, job, at);
    emitEvent(mock, 'job.failed', job.organizationId, { jobId: job.jobId, kind: job.kind, error: job.error }, at);
    return;
  }

  job.status = 'completed';
  job.finalStage = 'completed';
  hooks.onComplete?.(mock, job, at);
  emitEvent(mock, 'job.completed', job.organizationId, { jobId: job.jobId, kind: job.kind, result: job.result }, at);
}

export function cancelJob(mock: MockContext, job: Job, at: number): void {
  const position = positionOf(job, at);
  job.status = 'canceled';
  job.finalStage = position.stage.name;
  job.finishedAt = at;
  job.updatedAt = at;

  for (const [taskId, task] of mock.store.tasks) {
    if (task.kind === jobFinishTask && task.payload.jobId === job.jobId) {
      mock.scheduler.cancel(taskId);
    }
  }

  kindHooks.get(job.kind)?.onCancel?.(mock, job, at);
  emitEvent(mock, 'job.canceled', job.organizationId, { jobId: job.jobId, kind: job.kind }, at);
}

export function registerJobTasks(mock: MockContext): void {
  mock.scheduler.register(jobFinishTask, (task, dueAt) => {
    const job = mock.store.jobs.get(String(task.payload.jobId));
    if (job !== undefined) {
      finishJob(mock, job, dueAt);
    }
  });
}
