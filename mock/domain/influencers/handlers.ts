// Influencers: create and clone (async, influencer_create jobs), list, get, patch, reference
// images and archive. Influencer paths outside a project are not nested, so every lookup checks
// the acting organization and hides archived influencers (404 NOT_FOUND).
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Influencer, InfluencerGender } from '../../state/types.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { createInfluencer, defaultGender, statusAt } from './lifecycle.ts';
import { bindReferenceImages } from './reference-images.ts';
import { influencerRepresentation, influencerSummary } from './representation.ts';

export function findInfluencer(request: RequestContext): Influencer {
  const principal = principalOf(request);
  const influencerId = normalizeUuidId(request.params.influencerId, 'inf') ?? request.params.influencerId;
  const influencer = request.mock.store.influencers.get(influencerId);

  if (influencer === undefined || influencer.organizationId !== principal.organization.id || influencer.archivedAt !== null) {
    throw notFound('Influencer', influencerId);
  }
  return influencer;
}

function projectOf(request: RequestContext, influencer: Influencer) {
  const project = request.mock.store.projects.get(influencer.projectId);
  if (project === undefined) {
    throw new Error(`Influencer ${influencer.influencerId} belongs to project ${influencer.projectId}, which does not exist.`);
  }
  return project;
}

export const influencerHandlers: Record<string, Handler> = {
  createInfluencer(request) {
    const project = findProject(request, request.params.projectId);
    const body = (request.body ?? {}) as { gender?: InfluencerGender; ageRange?: string; prompt?: string };
    assertActive(project);

    const { job } = createInfluencer(request.mock, {
      project,
      gender: body.gender ?? defaultGender(project),
      ageRange: body.ageRange ?? 'young_adult',
      prompt: body.prompt ?? null,
      brandVoice: project.brandVoice ?? 'authentic',
      language: project.primaryLanguage,
      clonedFrom: null,
      at: request.now,
    });
    return { status: 202, body: jobRepresentation(job, request.now) };
  },

  listInfluencers(request) {
    const project = findProject(request, request.params.projectId);
    const mock = request.mock;
    const rows = [...mock.store.influencers.values()].filter(
      (influencer) =>
        influencer.projectId === project.id &&
        influencer.archivedAt === null &&
        (request.query.status === undefined || statusAt(mock, influencer, request.now) === request.query.status),
    );

    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (row) => ({ createdAt: row.createdAt, id: row.influencerId }) });
    return { status: 200, body: { items: page.items.map((row) => influencerSummary(mock, row, request.now)), nextCursor: page.nextCursor } };
  },

  getInfluencer(request) {
    return { status: 200, body: influencerRepresentation(request.mock, findInfluencer(request), request.now) };
  },

  patchInfluencer(request) {
    const influencer = findInfluencer(request);
    const body = request.body as Partial<Pick<Influencer, 'name' | 'gender' | 'ageRange' | 'brandVoice' | 'language'>>;

    for (const field of ['name', 'gender', 'brandVoice', 'language'] as const) {
      if (body[field] !== undefined) {
        influencer[field] = body[field] as never;
      }
    }
    if ('ageRange' in body) {
      influencer.ageRange = body.ageRange ?? null;
    }
    influencer.updatedAt = request.now;

    return { status: 200, body: influencerRepresentation(request.mock, influencer, request.now) };
  },

  cloneInfluencer(request) {
    const source = findInfluencer(request);
    const project = projectOf(request, source);
    const body = request.body as { name: string; overrides?: { gender?: InfluencerGender; ageRange?: string; brandVoice?: string; language?: string } };
    const overrides = body.overrides ?? {};
    assertActive(project);

    const { job } = createInfluencer(request.mock, {
      project,
      name: body.name,
      gender: overrides.gender ?? source.gender,
      ageRange: overrides.ageRange ?? source.ageRange,
      prompt: source.prompt,
      brandVoice: overrides.brandVoice ?? source.brandVoice,
      language: overrides.language ?? source.language,
      clonedFrom: source.influencerId,
      at: request.now,
    });
    return { status: 202, body: jobRepresentation(job, request.now) };
  },

  addInfluencerReferenceImages(request) {
    const influencer = findInfluencer(request);
    const ignored = bindReferenceImages(request.mock, influencer, (request.body as { assetIds: string[] }).assetIds, request.now);

    return {
      status: 200,
      body: {
        influencerId: influencer.influencerId,
        referenceImages: influencer.referenceImages.map((image) => ({ ...image, addedAt: isoTimestamp(image.addedAt) })),
        ignoredAssetIds: ignored,
      },
    };
  },

  archiveInfluencer(request) {
    const influencer = findInfluencer(request);
    influencer.archivedAt = request.now;
    influencer.archiveReason = (request.body as { reason?: string } | undefined)?.reason ?? null;
    influencer.updatedAt = request.now;

    return { status: 200, body: { influencerId: influencer.influencerId, status: 'deleted', deletedAt: isoTimestamp(request.now) } };
  },
};
