// Turns ajv's errors into the validation issues of the error envelope: a dotted path that names
// the field and a message that states what the field must be.
import type { ErrorObject } from 'ajv';

export interface ValidationIssue {
  path: string;
  message: string;
}

export type IssueLocation = 'body' | 'query' | 'path' | 'header';

function codePointLength(value: unknown): number | null {
  return typeof value === 'string' ? [...value].length : null;
}

function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function pointerToPath(pointer: string): string {
  if (pointer === '') {
    return '';
  }
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((name) => (name === 'null' ? 'null' : `a${name === 'integer' || name === 'object' || name === 'array' ? 'n' : ''} ${name}`)).join(' or ');
}

function unknownFieldMessage(location: IssueLocation, field: string, method: string): string {
  if (location === 'body' && field === 'id' && method === 'POST') {
    return 'cannot be sent: the server assigns ids. To make a retry safe, send the same Idempotency-Key header instead.';
  }
  if (location === 'query') {
    return 'is not a query parameter of this endpoint; remove it.';
  }
  return 'is not a field of this request body; remove it.';
}

function messageFor(error: ErrorObject, isPropertyName: boolean): string {
  const params = error.params as Record<string, any>;
  const subject = isPropertyName ? 'key ' : '';

  switch (error.keyword) {
    case 'type':
      return `must be ${describeType(params.type)}.`;
    case 'minLength':
    case 'maxLength': {
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      const length = codePointLength(error.data);
      const actual = length === null ? '' : `; it has ${length}`;
      return `${subject}must be ${bound} ${params.limit} characters (Unicode code points)${actual}.`;
    }
    case 'minimum':
      return `must be at least ${params.limit}.`;
    case 'maximum':
      return `must be at most ${params.limit}.`;
    case 'exclusiveMinimum':
      return `must be greater than ${params.limit}.`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}.`;
    case 'minItems':
      return `must have at least ${params.limit} items.`;
    case 'maxItems':
      return `must have at most ${params.limit} items; it has ${Array.isArray(error.data) ? error.data.length : 'more'}.`;
    case 'minProperties':
      return `must have at least ${params.limit} field${params.limit === 1 ? '' : 's'}.`;
    case 'maxProperties':
      return `must have at most ${params.limit} keys; it has ${error.data !== null && typeof error.data === 'object' ? Object.keys(error.data).length : 'more'}.`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}.`;
    case 'format':
      return `must be a valid ${params.format}.`;
    case 'pattern': {
      const description = (error.parentSchema as Record<string, any> | undefined)?.description;
      if (description === undefined) {
        return `${subject}must match the pattern ${params.pattern}.`;
      }
      // Lower-case the first letter to continue the sentence, but keep acronyms such as ISO-8601.
      const continued = /^[A-Z][A-Z0-9]/.test(description) ? description : `${description.charAt(0).toLowerCase()}${description.slice(1)}`;
      return `${subject}is malformed: expected ${continued}`;
    }
    case 'uniqueItems':
      return 'must not contain duplicate items.';
    default:
      return error.message === undefined ? 'is invalid.' : `${error.message}.`;
  }
}

/** Keywords that only summarise the errors of their subschemas. */
const summaryKeywords = new Set(['oneOf', 'anyOf', 'if', 'propertyNames', 'allOf', 'not']);

/**
 * Converts ajv errors to issues. `prefix` is the parameter name for query, path and header
 * parameters; body paths start at the body's root.
 */
export function toIssues(errors: ErrorObject[] | null | undefined, location: IssueLocation, method: string, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const list = errors ?? [];
  const hasSpecificError = list.some((error) => !summaryKeywords.has(error.keyword));

  for (const error of list) {
    if (hasSpecificError && summaryKeywords.has(error.keyword)) {
      continue;
    }
    // A nullable field written as oneOf [schema, null] reports "must be null" beside the real error.
    if (error.keyword === 'type' && (error.params as Record<string, any>).type === 'null' && list.length > 1) {
      continue;
    }

    let path = joinPath(prefix, pointerToPath(error.instancePath));
    let message: string;
    const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;

    if (error.keyword === 'required') {
      path = joinPath(path, (error.params as Record<string, any>).missingProperty);
      message = 'is required.';
    } else if (error.keyword === 'additionalProperties') {
      const field = (error.params as Record<string, any>).additionalProperty as string;
      const readOnly = (error.parentSchema as Record<string, any> | undefined)?.['x-read-only-fields'];
      path = joinPath(path, field);
      message = Array.isArray(readOnly) && readOnly.includes(field) ? 'is read-only and cannot be changed; remove it from the request body.' : unknownFieldMessage(location, path, method);
    } else if (propertyName !== undefined) {
      path = joinPath(path, propertyName);
      message = messageFor(error, true);
    } else {
      message = messageFor(error, false);
    }

    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path, message });
    }
  }

  return issues;
}

/** Formats issues as one sentence for the error message. */
export function summarizeIssues(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => (issue.path === '' ? issue.message : `${issue.path} ${issue.message}`));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more in details.issues)` : '';
  return shown.join(' ') + more;
}
