// Projects: create, list, get, patch and archive, the keyword bank and brand ingestion.
import { principalOf, type Handler, type MockContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { nullableIso } from '../../state/clock.ts';
import type { Project } from '../../state/types.ts';
import { createDefaultInfluencer } from '../influencers/lifecycle.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { brandOf } from './brand.ts';
import { ingestAppStore, ingestWebsite } from './ingest.ts';
import { startKeywordResearch } from './keywords.ts';
import { projectRepresentation } from './representation.ts';
import { assertActive, assertExternalIdFree, assertTimeZone, findProject } from './rules.ts';

type ArchiveListener = (mock: MockContext, project: Project, at: number) => number;

const archiveListeners: ArchiveListener[] = [];

/** Registers work to do when a project is archived; each listener returns the posts it canceled. */
export function onProjectArchived(listener: ArchiveListener): void {
  archiveListeners.push(listener);
}

export const projectHandlers: Record<string, Handler> = {
  createProject(request) {
    const principal = principalOf(request);
    const body = request.body as Record<string, any>;
    const organizationId = principal.organization.id;

    assertTimeZone('timezone', body.timezone);
    if (body.customerExternalId !== undefined) {
      assertExternalIdFree(request.mock, organizationId, body.customerExternalId, null);
    }

    const project: Project = {
      id: request.mock.ids.prefixedUuid('prj'),
      organizationId,
      name: body.name,
      status: 'active',
      customerExternalId: body.customerExternalId ?? null,
      timezone: body.timezone,
      primaryLanguage: body.primaryLanguage ?? 'en',
      ownerEmail: body.ownerEmail ?? null,
      appName: body.appName ?? null,
      appDescription: body.appDescription ?? null,
      tagline: body.tagline ?? null,
      brandVoice: body.brandVoice ?? null,
      targetGender: body.targetGender ?? null,
      requiresApproval: false,
      metadata: body.metadata ?? {},
      archivedAt: null,
      archiveReason: null,
      createdAt: request.now,
      updatedAt: request.now,
    };
    request.mock.store.projects.set(project.id, project);

    // With an appDescription, keyword research and the first influencer start on their own; the
    // create response does not wait for them.
    if (project.appDescription !== null) {
      startKeywordResearch(request.mock, project, request.now);
      createDefaultInfluencer(request.mock, project, request.now);
    }

    return { status: 201, body: projectRepresentation(project, request.mock) };
  },

  listProjects(request) {
    const principal = principalOf(request);
    const query = request.query;
    const search = typeof query.search === 'string' ? query.search.toLowerCase() : undefined;

    const rows = [...request.mock.store.projects.values()].filter(
      (project) =>
        project.organizationId === principal.organization.id &&
        (query.status === undefined || project.status === query.status) &&
        (search === undefined || project.name.toLowerCase().includes(search)) &&
        (query.customerExternalId === undefined || project.customerExternalId === query.customerExternalId),
    );

    const page = paginate(rows, { cursor: query.cursor, limit: query.limit, position: (project) => ({ createdAt: project.createdAt, id: project.id }) });
    return { status: 200, body: { items: page.items.map((project) => projectRepresentation(project, request.mock)), nextCursor: page.nextCursor } };
  },

  getProject(request) {
    return { status: 200, body: projectRepresentation(findProject(request, request.params.projectId), request.mock) };
  },

  patchProject(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as Record<string, any>;

    if (body.timezone !== undefined) {
      assertTimeZone('timezone', body.timezone);
    }
    if (typeof body.customerExternalId === 'string') {
      assertExternalIdFree(request.mock, project.organizationId, body.customerExternalId, project.id);
    }

    const researchAgain = typeof body.appDescription === 'string' && body.appDescription !== project.appDescription;

    const nullableFields = ['customerExternalId', 'ownerEmail', 'appName', 'appDescription', 'tagline'] as const;
    for (const field of nullableFields) {
      if (field in body) {
        project[field] = body[field];
      }
    }
    for (const field of ['name', 'timezone', 'primaryLanguage', 'brandVoice', 'targetGender'] as const) {
      if (body[field] !== undefined) {
        project[field] = body[field];
      }
    }
    if ('metadata' in body) {
      project.metadata = body.metadata ?? {};
    }
    if (body.status !== undefined && body.status !== project.status) {
      // Archiving through PATCH stops the same work as DELETE does, such as scheduled posts.
      if (body.status === 'archived') {
        for (const listener of archiveListeners) {
          listener(request.mock, project, request.now);
        }
      }
      project.status = body.status;
      project.archivedAt = body.status === 'archived' ? request.now : null;
    }
    project.updatedAt = request.now;

    if (researchAgain && project.status === 'active') {
      startKeywordResearch(request.mock, project, request.now);
    }

    return { status: 200, body: projectRepresentation(project, request.mock) };
  },

  archiveProject(request) {
    const project = findProject(request, request.params.projectId);
    const reason = (request.body as { reason?: string } | undefined)?.reason ?? null;

    let canceledScheduledPosts = 0;
    if (project.status !== 'archived') {
      for (const listener of archiveListeners) {
        canceledScheduledPosts += listener(request.mock, project, request.now);
      }
    }

    project.status = 'archived';
    project.archivedAt = request.now;
    project.archiveReason = reason;
    project.updatedAt = request.now;

    return {
      status: 200,
      body: { id: project.id, status: 'archived', archivedAt: new Date(request.now).toISOString(), canceledScheduledPosts, reason },
    };
  },

  listKeywords(request) {
    const project = findProject(request, request.params.projectId);
    const brand = brandOf(request.mock, project.id);
    return { status: 200, body: { projectId: project.id, hashtags: structuredClone(brand.hashtags), refreshedAt: nullableIso(brand.keywordsRefreshedAt) } };
  },

  refreshKeywords(request) {
    const project = findProject(request, request.params.projectId);
    if (project.appDescription === null) {
      throw validationError('appDescription', `is not set on project ${project.id}; keyword research reads it. Set it with PATCH /v1/projects/${project.id} first.`, {
        missingFields: ['appDescription'],
      });
    }
    assertActive(project);

    const job = startKeywordResearch(request.mock, project, request.now);
    return { status: 202, body: jobRepresentation(job, request.now) };
  },

  ingestWebsite,
  ingestAppStore,
};
