// Resources that the run created on the target and archives when it ends, whether checks passed
// or failed: every child organization, and every project, so a vendor's account does not fill up
// with test data. The client records each successful create it receives, so checks need no code.
import type { Exchange } from './exchange.ts';

export interface CreatedResource {
  kind: 'child organization' | 'project';
  id: string;
  /** The bearer token that created it, which can also archive it. */
  apiKey: string;
  /** The X-Layers-Organization the create was sent with, if any. */
  organization: string | undefined;
}

interface ArchivableKind {
  kind: CreatedResource['kind'];
  createPath: RegExp;
  idPattern: RegExp;
  archivePath(id: string): string;
}

const archivableKinds: ArchivableKind[] = [
  { kind: 'child organization', createPath: /^\/v1\/organizations$/, idPattern: /^org_/, archivePath: (id) => `/v1/organizations/${id}` },
  { kind: 'project', createPath: /^\/v1\/projects$/, idPattern: /^prj_/, archivePath: (id) => `/v1/projects/${id}` },
];

/**
 * Returns the resources a successful create made: one for a project or child organization, the
 * new children of a migrate, and none for any other exchange.
 */
export function createdResourcesOf(exchange: Exchange): CreatedResource[] {
  if (exchange.request.method !== 'POST' || exchange.response.status !== 201) {
    return [];
  }

  const path = new URL(exchange.request.url).pathname;
  const authorization = exchange.request.headers.authorization ?? '';
  const owner = { apiKey: authorization.replace(/^Bearer\s+/i, ''), organization: exchange.request.headers['x-layers-organization'] };

  if (path === '/v1/organizations/migrate') {
    const children = (exchange.response.body?.children ?? []) as { id?: unknown }[];
    return children
      .filter((child) => typeof child.id === 'string' && child.id.startsWith('org_'))
      .map((child) => ({ kind: 'child organization' as const, id: child.id as string, ...owner }));
  }

  const id = exchange.response.body?.id;
  const kind = archivableKinds.find((candidate) => candidate.createPath.test(path));
  if (kind === undefined || typeof id !== 'string' || !kind.idPattern.test(id)) {
    return [];
  }
  return [{ kind: kind.kind, id, ...owner }];
}

export function archivePathOf(resource: CreatedResource): string {
  const kind = archivableKinds.find((candidate) => candidate.kind === resource.kind) as ArchivableKind;
  return kind.archivePath(resource.id);
}
