// Influencer creation and cloning (D31): the influencer row exists at once with status pending,
// an influencer_create job renders its portrait, and the influencer becomes ready when the job
// completes or failed when it fails. While the job runs, the status follows its stage.
import { createHash } from 'node:crypto';

import type { MockContext } from '../../context.ts';
import type { Influencer, InfluencerGender, JobStage, Project } from '../../state/types.ts';
import { mediaHost } from '../content/media.ts';
import { failureMarker } from '../content/generation.ts';
import { positionOf, registerJobKind, startJob } from '../jobs/lifecycle.ts';
import type { Job } from '../../state/types.ts';

export const influencerJobKind = 'influencer_create';

const influencerStages: JobStage[] = [
  { name: 'pending', share: 0.1, cancelable: true },
  { name: 'generating_portrait', share: 0.4, cancelable: true },
  { name: 'training', share: 0.4, cancelable: true },
  { name: 'finalizing', share: 0.1, cancelable: false },
];

const firstNames: Record<InfluencerGender, string[]> = {
  female: ['Maya', 'Lena', 'Sofia', 'Ava', 'Nora', 'Iris'],
  male: ['Leo', 'Noah', 'Milo', 'Theo', 'Owen', 'Jonas'],
  non_binary: ['Alex', 'Sam', 'Robin', 'Jules', 'Kai', 'River'],
};

function pick<T>(values: T[], seed: string): T {
  const index = createHash('sha256').update(seed).digest().readUInt32BE(0) % values.length;
  return values[index] as T;
}

/** gender defaults to the project's targetGender when it is female or male, else female. */
export function defaultGender(project: Project): InfluencerGender {
  return project.targetGender === 'male' || project.targetGender === 'female' ? project.targetGender : 'female';
}

export interface NewInfluencer {
  project: Project;
  name?: string;
  gender: InfluencerGender;
  ageRange: string | null;
  prompt: string | null;
  brandVoice: string;
  language: string;
  clonedFrom: string | null;
  at: number;
}

/** Creates the influencer and starts its influencer_create job. */
export function createInfluencer(mock: MockContext, input: NewInfluencer): { influencer: Influencer; job: Job } {
  const influencerId = mock.ids.prefixedUuid('inf');
  const plannedFailure =
    input.prompt?.includes(failureMarker) === true
      ? { code: 'INFLUENCER_RENDER_FAILED', message: `The portrait render failed because the prompt contains the ${failureMarker} marker.` }
      : null;

  const job = startJob(mock, {
    organizationId: input.project.organizationId,
    kind: influencerJobKind,
    stages: influencerStages,
    projectId: input.project.id,
    at: input.at,
    plannedFailure,
    pointers: { influencerId },
  });

  const influencer: Influencer = {
    influencerId,
    organizationId: input.project.organizationId,
    projectId: input.project.id,
    name: input.name ?? `${pick(firstNames[input.gender], influencerId)} ${input.project.appName ?? input.project.name}`.slice(0, 128),
    gender: input.gender,
    ageRange: input.ageRange,
    prompt: input.prompt,
    brandVoice: input.brandVoice,
    language: input.language,
    status: 'pending',
    jobId: job.jobId,
    clonedFrom: input.clonedFrom,
    imageUrl: null,
    errorMessage: null,
    referenceImages: [],
    createdAt: input.at,
    updatedAt: input.at,
    archivedAt: null,
    archiveReason: null,
  };
  mock.store.influencers.set(influencerId, influencer);

  return { influencer, job };
}

/** Creates the default persona of a project created with an appDescription. */
export function createDefaultInfluencer(mock: MockContext, project: Project, at: number): void {
  createInfluencer(mock, {
    project,
    gender: defaultGender(project),
    ageRange: 'young_adult',
    prompt: null,
    brandVoice: project.brandVoice ?? 'authentic',
    language: project.primaryLanguage,
    clonedFrom: null,
    at,
  });
}

/** pending while the job is in its first stage, training after, then the stored status. */
export function statusAt(mock: MockContext, influencer: Influencer, now: number): Influencer['status'] {
  if (influencer.status !== 'pending' || influencer.jobId === null) {
    return influencer.status;
  }
  const job = mock.store.jobs.get(influencer.jobId);
  if (job === undefined || job.status !== 'running') {
    return influencer.status;
  }
  return positionOf(job, now).stage.name === 'pending' ? 'pending' : 'training';
}

function influencerOf(mock: MockContext, job: Job): Influencer | undefined {
  const influencerId = job.pointers?.influencerId;
  return influencerId === undefined ? undefined : mock.store.influencers.get(influencerId);
}

registerJobKind(influencerJobKind, {
  onComplete(mock, job, at) {
    const influencer = influencerOf(mock, job);
    if (influencer === undefined) {
      return;
    }
    influencer.status = 'ready';
    influencer.imageUrl = `${mediaHost}/${influencer.projectId}/influencers/${influencer.influencerId}/portrait.jpg`;
    influencer.updatedAt = at;
    job.result = { influencerId: influencer.influencerId, status: 'ready', imageUrl: influencer.imageUrl };
  },

  onFail(mock, job, at) {
    const influencer = influencerOf(mock, job);
    if (influencer === undefined) {
      return;
    }
    influencer.status = 'failed';
    influencer.errorMessage = job.error?.message ?? 'The portrait render failed.';
    influencer.updatedAt = at;
  },

  onCancel(mock, job, at) {
    const influencer = influencerOf(mock, job);
    if (influencer === undefined) {
      return;
    }
    influencer.status = 'failed';
    influencer.errorMessage = 'The influencer_create job was canceled.';
    influencer.updatedAt = at;
  },
});
