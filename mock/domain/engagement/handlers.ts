// Engagement config, v1 and v2 fields (changelog 2026-04-24: both wired end to end, and the former
// 403 FORBIDDEN_FENCE on v2 fields is removed). A PATCH merges field by field into the stored
// config; a project that never patched reads the defaults.
import type { Handler, MockContext } from '../../context.ts';
import { notFound, validationError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { EngagementConfig, Project } from '../../state/types.ts';
import { parseIsoDuration } from '../iso-duration.ts';
import { findProject } from '../projects/rules.ts';

const minReplyDelayMs = 30_000;
const maxReplyDelayMs = 60 * 60 * 1000;

/** Derives the id of the project's one Social Engagement layer: the project's UUID under the pl_ prefix. */
function layerIdOf(project: Project): string {
  return `pl_${project.id.slice(4)}`;
}

function configOf(mock: MockContext, project: Project): EngagementConfig {
  return (
    mock.store.engagementConfigs.get(project.id) ?? {
      projectId: project.id,
      enabled: false,
      firstComment: { targets: [], commentTemplate: '', strategy: 'generated' },
      replyToComments: { targets: [], autoReplyDelay: 'PT3M', tone: null, maxPerPostPerHour: null, ignoreCommentsMatching: [], escalateNegativeSentiment: false },
      updatedAt: null,
    }
  );
}

function view(project: Project, config: EngagementConfig): Record<string, unknown> {
  return {
    projectLayerId: layerIdOf(project),
    enabled: config.enabled,
    firstComment: structuredClone(config.firstComment),
    replyToComments: structuredClone(config.replyToComments),
    updatedAt: config.updatedAt === null ? null : isoTimestamp(config.updatedAt),
  };
}

export const engagementHandlers: Record<string, Handler> = {
  getEngagement(request) {
    const project = findProject(request, request.params.projectId);
    return { status: 200, body: view(project, configOf(request.mock, project)) };
  },

  patchEngagement(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as Record<string, any>;

    if (body.projectLayerId !== undefined) {
      const layerId = normalizeUuidId(body.projectLayerId, 'pl');
      if (layerId !== layerIdOf(project)) {
        throw notFound('Social Engagement layer', String(body.projectLayerId));
      }
    }
    const delay = body.replyToComments?.autoReplyDelay as string | undefined;
    if (delay !== undefined) {
      const delayMs = parseIsoDuration(delay);
      if (delayMs === null || delayMs < minReplyDelayMs || delayMs > maxReplyDelayMs) {
        throw validationError('replyToComments.autoReplyDelay', `must be an ISO-8601 duration from PT30S to PT1H inclusive, such as PT3M; ${JSON.stringify(delay)} is not.`);
      }
    }

    const current = configOf(request.mock, project);
    if (request.mock.config.defects.has('engagement-patch-replaces')) {
      current.firstComment = { targets: [], commentTemplate: '', strategy: 'generated' };
      current.replyToComments = { ...current.replyToComments, targets: [], tone: null };
    }
    const next: EngagementConfig = {
      projectId: project.id,
      enabled: body.enabled ?? current.enabled,
      firstComment: { ...current.firstComment, ...(body.firstComment ?? {}) },
      replyToComments: { ...current.replyToComments, ...(body.replyToComments ?? {}) },
      updatedAt: request.now,
    };
    request.mock.store.engagementConfigs.set(project.id, next);

    return { status: 200, body: view(project, next) };
  },
};
