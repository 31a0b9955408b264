// The metadata rules of D19 and D20, restated independently of the mock so the suites can
// predict every response: lengths in Unicode code points, 50 keys, 16,384 bytes of compact UTF-8
// JSON, and the key-by-key merge of a PATCH.
export const metadataBounds = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500, maxBytes: 16_384 } as const;

export type MetadataEntries = [string, string][];

function codePoints(value: string): number {
  return [...value].length;
}

/** Builds a plain object with every key as an own property, __proto__ included. */
export function toObject(entries: [string, string | null][]): Record<string, any> {
  return Object.fromEntries(entries);
}

/** Lists the entries sorted by key in code unit order, so two maps compare as JSON. */
export function sortedEntries(value: Record<string, unknown>): [string, unknown][] {
  const byKey = ([left]: [string, unknown], [right]: [string, unknown]): number => {
    if (left === right) {
      return 0;
    }
    return left < right ? -1 : 1;
  };
  return Object.entries(value).sort(byKey);
}

/** Checks whether a complete metadata object conforms to D19. */
export function isValidMetadata(entries: MetadataEntries): boolean {
  if (entries.length > metadataBounds.maxKeys) {
    return false;
  }
  for (const [key, value] of entries) {
    if (codePoints(key) < 1 || codePoints(key) > metadataBounds.maxKeyLength || codePoints(value) > metadataBounds.maxValueLength) {
      return false;
    }
  }
  return Buffer.byteLength(JSON.stringify(toObject(entries)), 'utf8') <= metadataBounds.maxBytes;
}

export type MetadataPatch = [string, string | null][] | null;

/**
 * Applies a PATCH to the current metadata (D20). Returns null when the request must be rejected
 * with 422: a per-key null, or a merged result that breaks D19.
 */
export function mergeExpected(current: MetadataEntries, patch: MetadataPatch): MetadataEntries | null {
  if (patch === null) {
    return [];
  }
  if (patch.some(([, value]) => value === null)) {
    return null;
  }

  const merged = new Map(current);
  for (const [key, value] of patch) {
    if (value === '') {
      merged.delete(key);
    } else {
      merged.set(key, value as string);
    }
  }

  const entries = [...merged.entries()];
  return isValidMetadata(entries) ? entries : null;
}
