// POST /v1/organizations/migrate: each distinct name of the mapping becomes a new child, and the
// projects mapped to it move in with their content items. All or nothing.
import type { Handler } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project } from '../../state/types.ts';
import { createOrganization } from './create.ts';
import { assertTopLevel } from './lookup.ts';
import { migrationReadGraceMs } from './read-grace.ts';

// The parent keeps reading migrated projects for 30 days (read-grace.ts). Jobs and the parent's
// historical credit events stay with the parent.
export const migrateOrganizations: Handler = (request) => {
  const mock = request.mock;
  const parent = assertTopLevel(request, 'migrate projects into children');
  const mapping = (request.body as { mapping: Record<string, string> }).mapping;

  // Check every project and name before the first write.
  const namesByProject = new Map<string, string>();
  for (const [rawId, name] of Object.entries(mapping)) {
    const projectId = normalizeUuidId(rawId, 'prj') as string;
    const earlier = namesByProject.get(projectId);
    if (earlier !== undefined && earlier !== name) {
      throw validationError(`mapping.${rawId}`, `maps project ${projectId} a second time, to ${JSON.stringify(name)} after ${JSON.stringify(earlier)}. Map each project once.`);
    }
    namesByProject.set(projectId, name);
  }

  const projects = new Map<string, Project>();
  for (const projectId of namesByProject.keys()) {
    const project = mock.store.projects.get(projectId);
    if (project === undefined || project.organizationId !== parent.id) {
      throw notFound('Project', projectId);
    }
    projects.set(projectId, project);
  }

  for (const job of mock.store.jobs.values()) {
    if (job.status === 'running' && job.projectId !== null && projects.has(job.projectId)) {
      throw conflict(`Project ${job.projectId} has job ${job.jobId} still running, so nothing was migrated. Wait for the job to end, or cancel it, and send the request again.`, {
        projectId: job.projectId,
        jobId: job.jobId,
      });
    }
  }

  const children = new Map<string, { id: string; name: string; projectIds: string[] }>();
  for (const [projectId, name] of namesByProject) {
    let child = children.get(name);
    if (child === undefined) {
      const organization = createOrganization(mock, { name, parentOrganizationId: parent.id, at: request.now });
      child = { id: organization.id, name, projectIds: [] };
      children.set(name, child);
    }

    const project = projects.get(projectId) as Project;
    project.organizationId = child.id;
    project.updatedAt = request.now;
    mock.store.migratedProjects.set(projectId, { parentOrganizationId: parent.id, until: request.now + migrationReadGraceMs });
    for (const container of mock.store.containers.values()) {
      if (container.projectId === projectId) {
        container.organizationId = child.id;
      }
    }
    child.projectIds.push(projectId);
  }

  return {
    status: 201,
    body: { projectsMoved: namesByProject.size, childrenCreated: children.size, children: [...children.values()] },
  };
};
