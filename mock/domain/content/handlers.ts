// Content: generation (single and per-format), regenerate, hooks, source recommendations, upload
// (from URLs or through a session), read, list, assets, caption edits, progress.
import type { Handler } from '../../context.ts';
import { conflict } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import { findProject } from '../projects/rules.ts';
import { getContentAsset } from './asset.ts';
import { findContainer } from './find.ts';
import { assertGeneratableFormat, startGeneration } from './generation.ts';
import { hooksFor } from './hooks.ts';
import { containerRepresentation } from './representation.ts';
import { regenerateContent } from './regenerate.ts';
import { listSourceRecommendations } from './source-recommendations.ts';
import { uploadContent } from './upload.ts';
import { createUploadSession, finalizeUpload } from './upload-session.ts';
import { containerView, progressView, statusAt } from './view.ts';

function optionalId(value: string | undefined, prefix: string): string | null {
  return value === undefined ? null : normalizeUuidId(value, prefix);
}

export const contentHandlers: Record<string, Handler> = {
  generateContent(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as Record<string, any>;

    return startGeneration(request, {
      project,
      format: body.format,
      hook: body.hook ?? null,
      variantCount: body.variantCount ?? 1,
      influencerId: optionalId(body.influencerId, 'inf'),
      socialAccountId: body.socialAccountId ?? null,
      mediaId: body.mediaId ?? null,
      references: body.references,
    });
  },

  generateSlideshowBuilder(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as Record<string, any>;
    return startGeneration(request, { project, format: 'slideshow-builder', hook: body.hook, variantCount: 1, influencerId: optionalId(body.influencerId, 'inf'), socialAccountId: body.socialAccountId ?? null });
  },

  generateUgcRemix(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as Record<string, any>;
    return startGeneration(request, {
      project,
      format: 'ugc-remix',
      hook: body.hook,
      variantCount: 1,
      influencerId: optionalId(body.influencerId, 'inf'),
      socialAccountId: body.socialAccountId ?? null,
      mediaId: body.mediaId ?? null,
    });
  },

  generateVideoRemix(request) {
    findProject(request, request.params.projectId);
    assertGeneratableFormat('video-remix');
    throw new Error('video-remix is reserved and must have been rejected above.');
  },

  generateSlideshowRemix(request) {
    findProject(request, request.params.projectId);
    assertGeneratableFormat('slideshow-remix');
    throw new Error('slideshow-remix is reserved and must have been rejected above.');
  },

  listHooks(request) {
    const project = findProject(request, request.params.projectId);
    return { status: 200, body: { hooks: hooksFor(project) } };
  },

  uploadContent,
  createUploadSession,
  finalizeUpload,
  regenerateContent,
  getContentAsset,
  listSourceRecommendations,

  getContent(request) {
    return { status: 200, body: containerView(request.mock, findContainer(request), request.now) };
  },

  patchContent(request) {
    const container = findContainer(request);
    if (container.creativeType !== 'uploaded') {
      throw conflict(`Container ${container.id} is generated; only uploaded content takes caption edits. Generate again with a new hook instead.`, {
        containerId: container.id,
        creativeType: container.creativeType,
      });
    }

    container.caption = (request.body as { caption: string }).caption;
    container.updatedAt = request.now;
    return { status: 200, body: containerRepresentation(container) };
  },

  getContentProgress(request) {
    return { status: 200, body: progressView(request.mock, findContainer(request), request.now) };
  },

  listContent(request) {
    const project = findProject(request, request.params.projectId);
    const query = request.query;
    const mock = request.mock;
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const until = query.until === undefined ? undefined : Date.parse(query.until);

    const rows = [...mock.store.containers.values()].filter(
      (container) =>
        container.projectId === project.id &&
        (query.status === undefined || (query.status as string[]).includes(statusAt(mock, container, request.now))) &&
        (query.format === undefined || (query.format as string[]).includes(container.format ?? '')) &&
        (query.creativeType === undefined || container.creativeType === query.creativeType) &&
        (since === undefined || container.createdAt >= since) &&
        (until === undefined || container.createdAt <= until),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (container) => ({ createdAt: container.createdAt, id: container.id }) });
    return { status: 200, body: { items: page.items.map((container) => containerView(mock, container, request.now)), nextCursor: page.nextCursor } };
  },
};
