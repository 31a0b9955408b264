// The parts of the contract that every operation shares. The spec build adds them so that each
// source file states only what is particular to its operations, and so that no operation can
// forget one of them.
type Json = Record<string, any>;

export interface ErrorCodeEntry {
  status: number;
  description: string;
  message: string;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Codes that are not tied to one status; they never appear in a per-status schema. */
const statusFreeCodes = new Set(['INJECTED_FAULT']);

const baseErrorStatuses = [401, 403, 422, 429, 500, 503];
const bodyErrorStatuses = [400, 413, 415];

function codesByStatus(codes: Record<string, ErrorCodeEntry>): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();

  for (const [code, entry] of Object.entries(codes)) {
    if (statusFreeCodes.has(code)) {
      continue;
    }
    const list = byStatus.get(entry.status) ?? [];
    list.push(code);
    byStatus.set(entry.status, list);
  }

  return byStatus;
}

function addErrorSchemas(doc: Json, codes: Record<string, ErrorCodeEntry>): Map<number, string[]> {
  const schemas = doc.components.schemas;
  const table = Object.entries(codes)
    .map(([code, entry]) => `| \`${code}\` | ${entry.status} | ${entry.description.trim()} |`)
    .join('\n');

  schemas.ErrorCode = {
    type: 'string',
    description: `The registry of error codes (D2).\n\n| code | status | meaning |\n|---|---|---|\n${table}\n`,
    enum: Object.keys(codes),
  };

  const byStatus = codesByStatus(codes);
  for (const [status, list] of byStatus) {
    // A whole example lets example-driven mocks such as Prism answer with a conforming envelope.
    // NOTE: Redocly CLI 2.x reports a VALIDATION example as having unevaluated properties (its
    // if/then branch trips the example check), so a status's example takes another code if any.
    const code = list.find((entry) => entry !== 'VALIDATION') ?? (list[0] as string);
    const example = {
      error: {
        code,
        message: codes[code]?.message ?? 'The request failed.',
        requestId: 'req_01JZ3Q7M8N9P0R1S2T3V4W5X6Y',
      },
    };
    // A full copy of ErrorEnvelope with the code narrowed, rather than an allOf, so that
    // example-driven tools (Prism, Redocly's example check) read one plain object schema.
    const envelope = structuredClone(schemas.ErrorEnvelope) as Json;
    envelope.description = `An error envelope whose code is one of those registered with status ${status}.`;
    envelope.properties.error.properties.code = { $ref: '#/components/schemas/ErrorCode', enum: list };
    envelope.examples = [example];
    schemas[`ErrorEnvelope${status}`] = envelope;
  }

  return byStatus;
}

function hasPathParameters(pathKey: string): boolean {
  return pathKey.includes('{');
}

function acceptsIdempotencyKey(method: string, operation: Json): boolean {
  return method !== 'get' && operation['x-idempotency'] !== 'none';
}

function addParameters(operation: Json, method: string): void {
  const parameters: Json[] = operation.parameters ?? [];

  if (operation['x-acting-organization'] !== false) {
    parameters.push({ $ref: '#/components/parameters/ActingOrganization' });
  }

  if (acceptsIdempotencyKey(method, operation)) {
    if (operation['x-idempotency'] === 'required') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'Required on this endpoint; a missing key gets 400 IDEMPOTENCY_REQUIRED (D18).',
        schema: { $ref: '#/components/schemas/IdempotencyKey' },
      });
    } else {
      parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    }
  }

  operation.parameters = parameters;
}

function setRateLimitClass(operation: Json, method: string): void {
  if (operation['x-rate-limit-class'] !== undefined) {
    return;
  }

  if (method === 'get') {
    operation['x-rate-limit-class'] = 'read-light';
  } else if (operation.responses?.['202'] !== undefined) {
    operation['x-rate-limit-class'] = 'long-running';
  } else {
    operation['x-rate-limit-class'] = 'write-light';
  }
}

function errorStatusesFor(pathKey: string, method: string, operation: Json): number[] {
  const statuses = [...baseErrorStatuses];

  // An unknown, archived or foreign organization in X-Layers-Organization gets 404 (D10), so every
  // operation that accepts the header can answer 404 even without path parameters.
  if (hasPathParameters(pathKey) || operation['x-acting-organization'] !== false) {
    statuses.push(404);
  }
  if (method !== 'get') {
    statuses.push(...bodyErrorStatuses);
  }
  if (acceptsIdempotencyKey(method, operation)) {
    statuses.push(409);
  }

  return statuses;
}

function sharedHeaders(): Json {
  return {
    'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
    'X-RateLimit-Limit': { $ref: '#/components/headers/X-RateLimit-Limit' },
    'X-RateLimit-Remaining': { $ref: '#/components/headers/X-RateLimit-Remaining' },
    'X-RateLimit-Reset': { $ref: '#/components/headers/X-RateLimit-Reset' },
    'X-RateLimit-Endpoint-Class': { $ref: '#/components/headers/X-RateLimit-Endpoint-Class' },
  };
}

function errorHeaders(status: number): Json {
  const headers = sharedHeaders();

  headers['Idempotent-Replayed'] = { $ref: '#/components/headers/Idempotent-Replayed' };
  if (status === 429) {
    headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
  }
  if (status === 409) {
    headers['Retry-After'] = {
      description: 'Sent with details.reason "in_flight": whole seconds to wait, 1 to 60.',
      schema: { type: 'integer', minimum: 1, maximum: 60 },
    };
  }

  return headers;
}

/** Registers the shared error response of each status that some operation refers to. */
function addSharedErrorResponses(doc: Json, byStatus: Map<number, string[]>, used: Set<number>): void {
  doc.components.responses = doc.components.responses ?? {};

  for (const status of [...used].sort()) {
    const codes = byStatus.get(status) ?? [];
    doc.components.responses[`Error${status}`] = {
      description: `Error: ${codes.join(', ')}.`,
      headers: errorHeaders(status),
      content: { 'application/json': { schema: { $ref: `#/components/schemas/ErrorEnvelope${status}` } } },
    };
  }
}

function addErrorResponses(
  pathKey: string,
  method: string,
  operation: Json,
  byStatus: Map<number, string[]>,
  usedSharedResponses: Set<number>,
  usedStatuses: Set<number>,
): void {
  const responses = operation.responses;

  for (const status of errorStatusesFor(pathKey, method, operation)) {
    const key = String(status);
    if (responses[key] === undefined) {
      responses[key] = { $ref: `#/components/responses/Error${status}` };
      usedSharedResponses.add(status);
    }
    usedStatuses.add(status);
  }

  // An error response that a source file declared keeps its own description but gets the shared
  // headers and the per-status schema, so a body whose code belongs to another status fails.
  for (const [key, response] of Object.entries(responses as Record<string, Json>)) {
    const status = Number(key);
    if (status >= 400 && response.$ref === undefined && byStatus.has(status)) {
      usedStatuses.add(status);
      response.headers = errorHeaders(status);
      response.content = { 'application/json': { schema: { $ref: `#/components/schemas/ErrorEnvelope${status}` } } };
    }
  }
}

function addSuccessHeaders(method: string, operation: Json): void {
  for (const [key, response] of Object.entries(operation.responses as Record<string, Json>)) {
    if (Number(key) >= 400) {
      continue;
    }

    const headers: Json = { ...(response.headers ?? {}), ...sharedHeaders() };
    if (acceptsIdempotencyKey(method, operation)) {
      headers['Idempotent-Replayed'] = { $ref: '#/components/headers/Idempotent-Replayed' };
    }
    response.headers = headers;
  }
}

const uuidIdPattern = /^\^([a-z]+)_\[0-9a-f\]\{8\}-\[0-9a-f\]\{4\}-\[0-9a-f\]\{4\}-\[0-9a-f\]\{4\}-\[0-9a-f\]\{12\}\$$/;
const ulidIdPattern = /^\^([a-z]+)_\[0-9A-HJKMNP-TV-Z\]\{26\}\$$/;

/**
 * Gives every id schema of the form `<prefix>_<uuid>` or `<prefix>_<ULID>` an example that matches
 * its pattern, so a mock generated from the spec (Prism) emits ids that validate.
 */
function addIdExamples(doc: Json): void {
  for (const schema of Object.values(doc.components.schemas as Record<string, Json>)) {
    if (schema.type !== 'string' || typeof schema.pattern !== 'string' || schema.examples !== undefined || schema.example !== undefined) {
      continue;
    }
    const uuid = uuidIdPattern.exec(schema.pattern);
    const ulid = ulidIdPattern.exec(schema.pattern);
    if (uuid !== null) {
      schema.examples = [`${uuid[1]}_0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f`];
    } else if (ulid !== null) {
      schema.examples = [`${ulid[1]}_01JZ3Q7M8N9P0R1S2T3V4W5X6Z`];
    }
  }
}

/** Adds the shared parameters, error responses, headers and rate-limit class to every operation. */
export function addCrossCuttingParts(doc: Json, codes: Record<string, ErrorCodeEntry>): void {
  const byStatus = addErrorSchemas(doc, codes);
  addIdExamples(doc);
  const usedSharedResponses = new Set<number>();
  const usedStatuses = new Set<number>();

  for (const [pathKey, pathItem] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation === undefined) {
        continue;
      }

      addParameters(operation, method);
      setRateLimitClass(operation, method);
      addErrorResponses(pathKey, method, operation, byStatus, usedSharedResponses, usedStatuses);
      addSuccessHeaders(method, operation);
    }
  }

  addSharedErrorResponses(doc, byStatus, usedSharedResponses);

  for (const status of byStatus.keys()) {
    if (!usedStatuses.has(status)) {
      delete doc.components.schemas[`ErrorEnvelope${status}`];
    }
  }
}
