// Partner metadata (D19, D20): string → string, keys 1–40 and values 0–500 Unicode code points,
// at most 50 keys and 16,384 bytes of compact UTF-8 JSON. Every key, __proto__ and constructor
// included, is plain data: maps are built with a null prototype and written with defineProperty.
import { ApiError } from '../../http/errors.ts';
import type { Metadata } from '../../state/types.ts';

export const metadataLimits = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500, maxBytes: 16_384 } as const;

interface MetadataIssue {
  path: string;
  message: string;
}

function codePoints(value: string): number {
  return [...value].length;
}

/** Copies `source` into a null-prototype map, so no key can reach Object.prototype. */
export function plainMetadata(source: Record<string, string> | null | undefined): Metadata {
  const copy = Object.create(null) as Metadata;
  for (const key of Object.keys(source ?? {})) {
    Object.defineProperty(copy, key, { value: (source as Record<string, string>)[key], enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Lists the issues of a complete metadata object against D19; empty when it conforms. */
export function metadataIssues(metadata: Record<string, unknown>, field = 'metadata'): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const keys = Object.keys(metadata);

  for (const key of keys) {
    const value = metadata[key];
    const path = `${field}.${key}`;
    if (codePoints(key) < 1 || codePoints(key) > metadataLimits.maxKeyLength) {
      issues.push({ path, message: `key must be 1 to ${metadataLimits.maxKeyLength} characters (Unicode code points); it has ${codePoints(key)}.` });
    }
    if (typeof value !== 'string') {
      issues.push({ path, message: 'must be a string; metadata maps strings to strings.' });
    } else if (codePoints(value) > metadataLimits.maxValueLength) {
      issues.push({ path, message: `must be at most ${metadataLimits.maxValueLength} characters (Unicode code points); it has ${codePoints(value)}.` });
    }
  }

  if (keys.length > metadataLimits.maxKeys) {
    issues.push({ path: field, message: `must have at most ${metadataLimits.maxKeys} keys; it would have ${keys.length}.` });
  }

  const bytes = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
  if (bytes > metadataLimits.maxBytes) {
    issues.push({ path: field, message: `must be at most ${metadataLimits.maxBytes} bytes as compact UTF-8 JSON; it would be ${bytes}.` });
  }

  return issues;
}

function rejectIfInvalid(issues: MetadataIssue[]): void {
  if (issues.length > 0) {
    const summary = issues.slice(0, 3).map((issue) => `${issue.path} ${issue.message}`).join(' ');
    throw new ApiError('VALIDATION', { summary }, { issues });
  }
}

/** Validates metadata sent on a create; returns a null-prototype copy. */
export function metadataForCreate(input: Record<string, string> | undefined, field = 'metadata'): Metadata {
  const metadata = plainMetadata(input);
  rejectIfInvalid(metadataIssues(metadata, field));
  return metadata;
}

/**
 * Merges a PATCH into the current metadata (D20) and returns the result without changing
 * `current`: sent keys add or overwrite, "" removes a key, null clears all, {} changes nothing,
 * and a per-key null is rejected. The limits apply to the merged result.
 */
export function mergeMetadata(current: Metadata, patch: Record<string, string | null> | null, field = 'metadata'): Metadata {
  if (patch === null) {
    return plainMetadata({});
  }

  const nullKeys = Object.keys(patch).filter((key) => patch[key] === null);
  if (nullKeys.length > 0) {
    rejectIfInvalid(nullKeys.map((key) => ({ path: `${field}.${key}`, message: 'cannot be null; send "" to remove the key, or metadata: null to clear all keys.' })));
  }

  const merged = plainMetadata(current);
  for (const key of Object.keys(patch)) {
    const value = patch[key] as string;
    if (value === '') {
      delete merged[key];
    } else {
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }

  rejectIfInvalid(metadataIssues(merged, field));
  return merged;
}
