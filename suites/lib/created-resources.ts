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

/** Returns the resource a successful create made, or null for any other exchange. */
export function createdResourceOf(exchange: Exchange): CreatedResource | null {
  if (exchange.request.method !== 'POST' || exchange.response.status !== 201) {
    return null;
  }

  const path = new URL(exchange.request.url).pathname;
  const id = exchange.response.body?.id;
  const kind = archivableKinds.find((candidate) => candidate.createPath.test(path));
  if (kind === undefined || typeof id !== 'string' || !kind.idPattern.test(id)) {
    return null;
  }

  const authorization = exchange.request.headers.authorization ?? '';
  return {
    kind: kind.kind,
    id,
    apiKey: authorization.replace(/^Bearer\s+/i, ''),
    organization: exchange.request.headers['x-layers-organization'],
  };
}

export function archivePathOf(resource: CreatedResource): string {
  const kind = archivableKinds.find((candidate) => candidate.kind === resource.kind) as ArchivableKind;
  return kind.archivePath(resource.id);
}
