// Project rules the schema cannot express: IANA time zones, unique customerExternalId, and the
// lookup that hides other organizations' projects.
import { principalOf, type MockContext, type RequestContext } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { Project } from '../../state/types.ts';
import { inMigrationReadGrace } from '../organizations/read-grace.ts';

export function assertTimeZone(path: string, timeZone: string): void {
  const shaped = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(timeZone);
  let known = false;
  if (shaped) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
  }
  if (!known) {
    throw validationError(path, `must be an IANA time zone name such as Europe/Berlin or UTC; ${JSON.stringify(timeZone)} is not one.`);
  }
}

export function assertExternalIdFree(mock: MockContext, organizationId: string, customerExternalId: string, exceptProjectId: string | null): void {
  for (const project of mock.store.projects.values()) {
    if (project.organizationId === organizationId && project.customerExternalId === customerExternalId && project.id !== exceptProjectId) {
      throw conflict(`customerExternalId ${JSON.stringify(customerExternalId)} is already bound to project ${project.id}. Use another id, or update that project.`, {
        field: 'customerExternalId',
        projectId: project.id,
      });
    }
  }
}

/**
 * Finds a project of the acting organization, or for a GET one it migrated into a child within the
 * 30-day read grace. Anything else is 404 NOT_FOUND (D5).
 */
export function findProject(request: RequestContext, rawId: string): Project {
  const principal = principalOf(request);
  const projectId = normalizeUuidId(rawId, 'prj') ?? rawId;
  const project = request.mock.store.projects.get(projectId);

  if (project === undefined || (project.organizationId !== principal.organization.id && !inMigrationReadGrace(request, projectId))) {
    throw notFound('Project', projectId);
  }
  return project;
}

export function assertActive(project: Project): void {
  if (project.status === 'archived') {
    throw conflict(`Project ${project.id} is archived. Restore it with PATCH /v1/projects/${project.id} {"status":"active"} first.`, {
      projectId: project.id,
      status: project.status,
    });
  }
}
