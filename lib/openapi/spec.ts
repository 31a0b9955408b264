// Loads spec/openapi.yaml and indexes its operations, so the mock's router and validators and the
// suites' response checks all read the same contract.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Json = Record<string, any>;

export type RateLimitClass = 'read-light' | 'write-light' | 'long-running';
export type IdempotencyMode = 'required' | 'optional' | 'none';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

export interface Operation {
  operationId: string;
  method: string;
  pathTemplate: string;
  parameters: Parameter[];
  requestBody: { required: boolean; schema: Json } | null;
  /** Responses by status key, with $refs to components.responses resolved. */
  responses: Record<string, Json>;
  /** The one scope the operation requires, or null when a valid key is enough. */
  scope: string | null;
  /** False for the mock's control surface, which takes no API key. */
  authenticated: boolean;
  rateLimitClass: RateLimitClass;
  idempotency: IdempotencyMode;
  raw: Json;
}

export interface SpecIndex {
  document: Json;
  operations: Operation[];
  byId: Map<string, Operation>;
}

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultSpecPath = join(repositoryRoot, 'spec', 'openapi.yaml');
export const controlSpecPath = join(repositoryRoot, 'spec', 'control.yaml');

const httpMethods = ['get', 'put', 'post', 'delete', 'patch'];

function resolveLocalRef(document: Json, value: Json): Json {
  if (typeof value.$ref !== 'string') {
    return value;
  }

  const pointer = value.$ref.replace(/^#\//, '').split('/');
  let target: any = document;
  for (const part of pointer) {
    target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (target === undefined) {
    throw new Error(`Failed to load the spec: ${value.$ref} does not resolve.`);
  }

  return target as Json;
}

function collectParameters(document: Json, pathItem: Json, operation: Json): Parameter[] {
  const merged = new Map<string, Parameter>();

  for (const source of [pathItem.parameters ?? [], operation.parameters ?? []]) {
    for (const entry of source as Json[]) {
      const parameter = resolveLocalRef(document, entry);
      merged.set(`${parameter.in}:${String(parameter.name).toLowerCase()}`, {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
        schema: parameter.schema ?? {},
      });
    }
  }

  return [...merged.values()];
}

function requiredScope(operation: Json, document: Json): { authenticated: boolean; scope: string | null } {
  const security: Json[] | undefined = operation.security ?? document.security;

  if (security === undefined || security.length === 0) {
    return { authenticated: false, scope: null };
  }

  const scopes: string[] = Object.values(security[0] ?? {})[0] ?? [];
  return { authenticated: true, scope: scopes[0] ?? null };
}

/** Indexes every operation of an OpenAPI document. */
export function indexSpec(document: Json): SpecIndex {
  const operations: Operation[] = [];

  for (const [pathTemplate, pathItem] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation === undefined) {
        continue;
      }

      const body = operation.requestBody === undefined ? null : resolveLocalRef(document, operation.requestBody);
      const responses: Record<string, Json> = {};
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
        responses[status] = resolveLocalRef(document, response);
      }

      const { authenticated, scope } = requiredScope(operation, document);

      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pathTemplate,
        parameters: collectParameters(document, pathItem, operation),
        requestBody:
          body === null
            ? null
            : { required: body.required === true, schema: body.content?.['application/json']?.schema ?? {} },
        responses,
        scope,
        authenticated,
        rateLimitClass: operation['x-rate-limit-class'] ?? 'read-light',
        idempotency: method === 'get' ? 'none' : (operation['x-idempotency'] ?? 'optional'),
        raw: operation,
      });
    }
  }

  return {
    document,
    operations,
    byId: new Map(operations.map((operation) => [operation.operationId, operation])),
  };
}

const cache = new Map<string, SpecIndex>();

/** Reads and indexes an OpenAPI document from disk, once per path. */
export function loadSpec(path: string = defaultSpecPath): SpecIndex {
  const cached = cache.get(path);
  if (cached !== undefined) {
    return cached;
  }

  const index = indexSpec(parse(readFileSync(path, 'utf8')) as Json);
  cache.set(path, index);
  return index;
}
