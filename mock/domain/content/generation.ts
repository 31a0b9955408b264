// Content generation (D30, D21): one job for variantCount containers, with variantCount × price
// reserved on available credits, settled when the job completes and released when it fails or is
// canceled.
import { principalOf, type HandlerResult, type MockContext, type RequestContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { Container, Job, JobStage, Project } from '../../state/types.ts';
import { enterReview } from '../approval/policy.ts';
import { releaseAndReclaim, reserveWithLimits } from '../credits/limits.ts';
import { settle } from '../credits/wallet.ts';
import { emitEvent } from '../events.ts';
import { newJobId, registerJobKind, startJob } from '../jobs/lifecycle.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { assertActive } from '../projects/rules.ts';
import { formatPrices, reservedFormats } from './formats.ts';
import { slideshowMedia, videoMedia } from './media.ts';
import { assertGenerationReferences } from './references.ts';
import { containerRepresentation } from './representation.ts';

export const contentJobKind = 'content_generate';

/** A hook that contains this marker makes its generation fail at the last stage (mock only). */
export const failureMarker = '[mock:fail]';

export const contentStages: JobStage[] = [
  { name: 'queued', share: 0.1, cancelable: true },
  { name: 'generating_script', share: 0.25, cancelable: true },
  { name: 'generating_visuals', share: 0.45, cancelable: true },
  { name: 'finalizing', share: 0.2, cancelable: false },
];

export interface GenerationInput {
  project: Project;
  format: string;
  hook: string | null;
  variantCount: number;
  influencerId: string | null;
  socialAccountId?: string | null;
  mediaId?: string | null;
  references?: { mediaIds?: string[] };
}

export function reservationIdOf(job: Job): string {
  return `rsv_${job.jobId}`;
}

function captionFor(project: Project, hook: string | null): string {
  const text = (hook ?? project.appName ?? project.name).replace(/\\n/g, ' ');
  const tag = (project.appName ?? project.name).replace(/[^A-Za-z0-9]/g, '');
  return tag === '' ? text : `${text} #${tag}`;
}

export function assertGeneratableFormat(format: string): void {
  if (reservedFormats.has(format)) {
    throw new ApiError('UNSUPPORTED_FORMAT', { format }, { format });
  }
}

/** Reserves credits, creates the containers and starts the job; throws before changing anything. */
export function startGeneration(request: RequestContext, input: GenerationInput): HandlerResult {
  const principal = principalOf(request);
  const mock = request.mock;
  const organizationId = principal.organization.id;

  assertActive(input.project);
  assertGeneratableFormat(input.format);
  assertGenerationReferences(mock, input.project, {
    format: input.format,
    influencerId: input.influencerId,
    socialAccountId: input.socialAccountId ?? null,
    mediaId: input.mediaId ?? null,
    mediaIds: input.references?.mediaIds ?? [],
  });

  const price = formatPrices[input.format];
  if (price === undefined) {
    throw new Error(`Format ${input.format} passed validation but has no price.`);
  }

  const plannedFailure =
    input.hook?.includes(failureMarker) === true
      ? { code: 'GENERATION_FAILED', message: `The generation failed because the hook contains the ${failureMarker} marker.` }
      : null;

  const jobId = newJobId(mock, request.now);
  reserveWithLimits(mock, { organizationId, jobId, amount: price * input.variantCount, format: input.format, projectId: input.project.id, at: request.now });

  const containerIds = Array.from({ length: input.variantCount }, () => mock.ids.prefixedUuid('cnt'));
  const job = startJob(mock, {
    jobId,
    organizationId,
    kind: contentJobKind,
    stages: contentStages,
    projectId: input.project.id,
    containerIds,
    at: request.now,
    plannedFailure,
  });

  // The hook-normalized defect breaks the verbatim-hook rule the way a "sanitizing" server does.
  const storedHook = mock.config.defects.has('hook-normalized') && input.hook !== null ? input.hook.normalize('NFKC') : input.hook;

  containerIds.forEach((id, index) => {
    const container: Container = {
      id,
      organizationId,
      projectId: input.project.id,
      status: 'queued',
      format: input.format,
      hook: storedHook,
      influencerId: input.influencerId,
      caption: null,
      preview: null,
      assets: [],
      approvalStatus: 'not_required',
      creativeType: 'generated',
      adsEnrollment: 'eligible',
      jobId: job.jobId,
      variantIndex: index,
      createdAt: request.now,
      updatedAt: request.now,
      completedAt: null,
      failedAt: null,
      lastError: null,
    };
    enterReview(mock, container, request.now);
    mock.store.containers.set(id, container);
  });

  return { status: 202, body: jobRepresentation(job, request.now) };
}

function containersOf(mock: MockContext, job: Job): Container[] {
  return job.containerIds.map((id) => mock.store.containers.get(id)).filter((container): container is Container => container !== undefined);
}

registerJobKind(contentJobKind, {
  onComplete(mock, job, at) {
    const containers = containersOf(mock, job);
    const price = formatPrices[containers[0]?.format ?? ''] ?? 0;

    const keepMedia = mock.store.regenerations.get(job.jobId)?.preserveAssets === true;
    for (const container of containers) {
      const project = mock.store.projects.get(container.projectId);
      if (!keepMedia || container.preview === null) {
        const media = container.format === 'ugc-remix' ? videoMedia(container) : slideshowMedia(container);
        container.preview = media.preview;
        container.assets = media.assets;
      }
      container.status = 'completed';
      container.caption = project === undefined ? container.hook : captionFor(project, container.hook);
      container.completedAt = at;
      container.updatedAt = at;
    }

    settle(mock, reservationIdOf(job), containers.map((container) => ({ credits: price, containerId: container.id })), at);

    job.result = {
      containers: containers.map((container) => ({ id: container.id, status: container.status, preview: structuredClone(container.preview) })),
    };

    for (const container of containers) {
      const representation = containerRepresentation(container);
      emitEvent(mock, 'content.generated', job.organizationId, {
        id: container.id,
        projectId: container.projectId,
        assets: representation.assets,
        preview: representation.preview,
      }, at);
    }
  },

  onFail(mock, job, at) {
    for (const container of containersOf(mock, job)) {
      container.status = 'failed';
      container.failedAt = at;
      container.updatedAt = at;
      container.lastError = job.error;
    }
    releaseAndReclaim(mock, reservationIdOf(job), at);
  },

  onCancel(mock, job, at) {
    for (const container of containersOf(mock, job)) {
      container.status = 'canceled';
      container.updatedAt = at;
    }
    releaseAndReclaim(mock, reservationIdOf(job), at);
  },
});
