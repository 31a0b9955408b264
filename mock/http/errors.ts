// The error registry (spec/errors.yaml) and the error every layer of the mock throws. The pipeline
// turns an ApiError into the envelope of D2: {"error": {code, message, requestId, details?}}.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface ErrorCodeEntry {
  status: number;
  description: string;
  message: string;
}

const registryPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'spec', 'errors.yaml');

export const errorRegistry: Record<string, ErrorCodeEntry> = (parse(readFileSync(registryPath, 'utf8')) as { codes: Record<string, ErrorCodeEntry> }).codes;

export type ErrorCode = keyof typeof errorRegistry & string;

function fillTemplate(code: string, template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!(name in params)) {
      throw new Error(`Error ${code} needs the parameter "${name}" for its message.`);
    }
    return String(params[name]);
  });
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    params: Record<string, unknown> = {},
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
    statusOverride?: number,
  ) {
    const entry = errorRegistry[code];
    if (entry === undefined) {
      throw new Error(`Error code ${code} is not in spec/errors.yaml.`);
    }

    super(fillTemplate(code, entry.message, params));
    this.status = statusOverride ?? entry.status;
  }
}

/** Builds the envelope body of D2. */
export function errorBody(error: ApiError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = { code: error.code, message: error.message, requestId };
  if (error.details !== undefined) {
    body.details = error.details;
  }
  return { error: body };
}

export function notFound(resource: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', { resource, id });
}

export function conflict(reason: string, details?: Record<string, unknown>): ApiError {
  return new ApiError('CONFLICT', { reason }, details);
}

/** A 422 VALIDATION error for one field, raised by domain rules the schema cannot express. */
export function validationError(path: string, message: string, extra: Record<string, unknown> = {}): ApiError {
  const summary = path === '' ? message : `${path} ${message}`;
  return new ApiError('VALIDATION', { summary }, { issues: [{ path, message }], ...extra });
}
