// The parent's read grace on projects migrated into a child (changelog 2026-06-03): for 30 days
// after the migration the parent may still read them.
import type { RequestContext } from '../../context.ts';

export const migrationReadGraceMs = 30 * 24 * 60 * 60 * 1000;

/** True when the request reads a project that the acting organization migrated away within the grace. */
export function inMigrationReadGrace(request: RequestContext, projectId: string): boolean {
  const grace = request.mock.store.migratedProjects.get(projectId);
  return (
    request.operation.method === 'GET' &&
    grace !== undefined &&
    grace.parentOrganizationId === request.principal?.organization.id &&
    request.now < grace.until
  );
}
