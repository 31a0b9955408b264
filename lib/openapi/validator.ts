// Compiles the spec's schemas with ajv and validates requests (in the mock) and responses (in the
// mock's self-check and in every suite request) against them.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

import { toIssues, type IssueLocation, type ValidationIssue } from './issues.ts';
import type { Json, Operation, SpecIndex } from './spec.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const holderId = 'spec.json';
const schemaRefPrefix = '#/components/schemas/';

/** Rewrites `#/components/schemas/X` to point into the holder schema registered with ajv. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(rewriteRefs);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }

  const copy: Json = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === '$ref' && typeof entry === 'string' && entry.startsWith(schemaRefPrefix)) {
      copy[key] = `${holderId}#/$defs/${entry.slice(schemaRefPrefix.length)}`;
    } else {
      copy[key] = rewriteRefs(entry);
    }
  }
  return copy;
}

function createAjv(options: { coerce: boolean }): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    coerceTypes: options.coerce ? 'array' : false,
    useDefaults: options.coerce,
  });
  addFormats(ajv);

  ajv.addKeyword({ keyword: 'example' });
  // Annotation only: issues.ts reads it to say that a rejected field is read-only.
  ajv.addKeyword({ keyword: 'x-read-only-fields', schemaType: 'array' });
  ajv.addKeyword({
    keyword: 'x-max-json-bytes',
    type: 'object',
    schemaType: 'number',
    errors: true,
    validate: function maxJsonBytes(limit: number, data: unknown): boolean {
      const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
      if (size <= limit) {
        return true;
      }
      (maxJsonBytes as unknown as { errors: Partial<ErrorObject>[] }).errors = [
        {
          keyword: 'x-max-json-bytes',
          message: `must be at most ${limit} bytes as compact UTF-8 JSON; it is ${size}`,
          params: { limit, size },
        },
      ];
      return false;
    },
  });

  return ajv;
}

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Header names in lower case, as Node.js delivers them. */
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface ValidatedRequest {
  issues: ValidationIssue[];
  params: Record<string, any>;
  query: Record<string, any>;
  headers: Record<string, any>;
  body: unknown;
}

interface RequestValidators {
  params: ValidateFunction;
  query: ValidateFunction;
  headers: ValidateFunction;
  body: ValidateFunction | null;
}

function objectSchema(parameters: { name: string; required: boolean; schema: Json }[], closed: boolean, lowerCase: boolean): Json {
  const properties: Json = {};
  const required: string[] = [];

  for (const parameter of parameters) {
    const name = lowerCase ? parameter.name.toLowerCase() : parameter.name;
    properties[name] = rewriteRefs(parameter.schema);
    if (parameter.required) {
      required.push(name);
    }
  }

  return { type: 'object', properties, required, additionalProperties: !closed };
}

export class SpecValidator {
  private readonly strictAjv = createAjv({ coerce: false });
  private readonly coercingAjv = createAjv({ coerce: true });
  private readonly requestValidators = new Map<string, RequestValidators>();
  private readonly responseValidators = new Map<string, ValidateFunction>();
  private errorEnvelope: ValidateFunction | null = null;

  constructor(readonly spec: SpecIndex) {
    const holder = { $id: holderId, $defs: rewriteRefs(spec.document.components?.schemas ?? {}) };
    this.strictAjv.addSchema(holder as Json);
    this.coercingAjv.addSchema(holder as Json);
  }

  /** Compiles every request and response schema now, so a broken spec fails at start. */
  compileAll(): void {
    for (const operation of this.spec.operations) {
      this.requestValidatorsFor(operation);
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema !== undefined) {
          this.compileResponsePart(`${operation.operationId}:${status}:body`, schema, false);
        }
      }
    }
  }

  /** Validates and coerces the parts of a request; the returned copies carry the defaults. */
  validateRequest(operation: Operation, parts: RequestParts): ValidatedRequest {
    const validators = this.requestValidatorsFor(operation);
    const issues: ValidationIssue[] = [];

    const params = { ...parts.params };
    if (!validators.params(params)) {
      issues.push(...toIssues(validators.params.errors, 'path', operation.method));
    }

    const query = { ...parts.query };
    if (!validators.query(query)) {
      issues.push(...toIssues(validators.query.errors, 'query', operation.method));
    }

    const headers: Record<string, any> = {};
    for (const parameter of operation.parameters.filter((entry) => entry.in === 'header')) {
      const value = parts.headers[parameter.name.toLowerCase()];
      if (value !== undefined) {
        headers[parameter.name.toLowerCase()] = Array.isArray(value) ? value : value;
      }
    }
    if (!validators.headers(headers)) {
      issues.push(...this.headerIssues(validators.headers.errors, operation));
    }

    issues.push(...this.bodyIssues(operation, validators.body, parts.body));

    return { issues, params, query, headers, body: parts.body };
  }

  /** Validates a response; returns human-readable problems, empty when it conforms. */
  validateResponse(operation: Operation | null, status: number, headers: Record<string, string | string[] | undefined>, body: unknown): string[] {
    if (operation === null) {
      return this.validateStandaloneError(status, body);
    }

    const response = operation.responses[String(status)] ?? operation.responses[`${Math.floor(status / 100)}XX`] ?? operation.responses.default;
    if (response === undefined) {
      return [`status ${status} is not a documented response of ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`];
    }

    const problems: string[] = [];

    for (const [name, rawHeader] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      const header = this.resolveHeader(rawHeader);
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required === true) {
          problems.push(`header ${name} is missing`);
        }
        continue;
      }
      const validate = this.compileResponsePart(`${operation.operationId}:${status}:header:${name}`, header.schema ?? {}, true);
      const holder = { value: Array.isArray(value) ? value.join(', ') : value };
      if (!validate(holder)) {
        problems.push(`header ${name}: ${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is invalid'}`);
      }
    }

    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) {
      if (body !== undefined && body !== '') {
        problems.push(`status ${status} of ${operation.operationId} has no body in the spec, but the response has one`);
      }
      return problems;
    }

    const validate = this.compileResponsePart(`${operation.operationId}:${status}:body`, schema, false);
    if (!validate(body)) {
      for (const issue of toIssues(validate.errors, 'body', operation.method)) {
        problems.push(`body${issue.path === '' ? '' : `.${issue.path}`} ${issue.message}`);
      }
    }

    return problems;
  }

  /**
   * Validates a value against a schema of the document (a webhook envelope, for example), compiled
   * once under `key`; returns human-readable problems, empty when it conforms.
   */
  validateValue(key: string, schema: Json, value: unknown): string[] {
    const validate = this.compileResponsePart(`value:${key}`, schema, false);
    if (validate(value)) {
      return [];
    }
    return toIssues(validate.errors, 'body', 'POST').map((issue) => `${issue.path === '' ? 'body' : issue.path} ${issue.message}`);
  }

  private validateStandaloneError(status: number, body: unknown): string[] {
    if (status < 400) {
      return [`status ${status} answered a request that matches no operation of the spec`];
    }

    this.errorEnvelope = this.errorEnvelope ?? this.strictAjv.compile({ $ref: `${holderId}#/$defs/ErrorEnvelope` });
    if (this.errorEnvelope(body)) {
      return [];
    }
    return toIssues(this.errorEnvelope.errors, 'body', 'GET').map((issue) => `body.${issue.path} ${issue.message}`);
  }

  private resolveHeader(header: Json): Json {
    if (typeof header.$ref !== 'string') {
      return header;
    }
    const name = header.$ref.replace('#/components/headers/', '');
    return this.spec.document.components?.headers?.[name] ?? {};
  }

  private compileResponsePart(key: string, schema: Json, coerce: boolean): ValidateFunction {
    let validate = this.responseValidators.get(key);
    if (validate === undefined) {
      const wrapped = coerce ? { type: 'object', properties: { value: rewriteRefs(schema) } } : rewriteRefs(schema);
      validate = (coerce ? this.coercingAjv : this.strictAjv).compile(wrapped as Json);
      this.responseValidators.set(key, validate);
    }
    return validate;
  }

  private requestValidatorsFor(operation: Operation): RequestValidators {
    let validators = this.requestValidators.get(operation.operationId);
    if (validators !== undefined) {
      return validators;
    }

    const byLocation = (location: string) => operation.parameters.filter((parameter) => parameter.in === location);

    validators = {
      params: this.coercingAjv.compile(objectSchema(byLocation('path'), true, false)),
      query: this.coercingAjv.compile(objectSchema(byLocation('query'), true, false)),
      headers: this.coercingAjv.compile(objectSchema(byLocation('header'), false, true)),
      body: operation.requestBody === null ? null : this.strictAjv.compile(rewriteRefs(operation.requestBody.schema) as Json),
    };
    this.requestValidators.set(operation.operationId, validators);
    return validators;
  }

  private headerIssues(errors: ErrorObject[] | null | undefined, operation: Operation): ValidationIssue[] {
    const names = new Map(operation.parameters.filter((entry) => entry.in === 'header').map((entry) => [entry.name.toLowerCase(), entry.name]));

    return toIssues(errors, 'header', operation.method).map((issue) => {
      const [first, ...rest] = issue.path.split('.');
      const name = names.get(first ?? '') ?? first ?? '';
      return { path: [name, ...rest].join('.'), message: issue.message };
    });
  }

  private bodyIssues(operation: Operation, validate: ValidateFunction | null, body: unknown): ValidationIssue[] {
    const location: IssueLocation = 'body';

    if (validate === null) {
      const empty = body === undefined || (body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
      return empty ? [] : [{ path: '', message: `${operation.method} ${operation.pathTemplate} takes no request body; send none, or {}.` }];
    }

    if (body === undefined) {
      return operation.requestBody?.required === true ? [{ path: '', message: 'A JSON request body is required.' }] : [];
    }

    if (validate(body)) {
      return [];
    }
    return toIssues(validate.errors, location, operation.method);
  }
}
