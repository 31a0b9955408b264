// Keyset pagination (D6): newest first by createdAt, ties broken by id ascending, with an opaque
// cursor that names the last row of the page.
import { validationError } from './errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPosition {
  createdAt: number;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt, i: position.id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (typeof decoded.c === 'number' && Number.isSafeInteger(decoded.c) && typeof decoded.i === 'string') {
      return { createdAt: decoded.c, id: decoded.i };
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw validationError('cursor', 'is not a cursor returned by this list. Start again without a cursor, or pass the nextCursor of the previous page.');
}

export function compareNewestFirst(left: CursorPosition, right: CursorPosition): number {
  if (left.createdAt !== right.createdAt) {
    return right.createdAt - left.createdAt;
  }
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

/** Sorts the rows newest first and returns the page after `cursor`. */
export function paginate<T>(rows: T[], options: { cursor?: string; limit: number; position: (row: T) => CursorPosition }): Page<T> {
  const sorted = [...rows].sort((left, right) => compareNewestFirst(options.position(left), options.position(right)));

  let start = 0;
  if (options.cursor !== undefined) {
    const after = decodeCursor(options.cursor);
    start = sorted.findIndex((row) => compareNewestFirst(options.position(row), after) > 0);
    if (start === -1) {
      start = sorted.length;
    }
  }

  const items = sorted.slice(start, start + options.limit);
  const last = items[items.length - 1];
  const hasMore = start + options.limit < sorted.length;

  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(options.position(last)) : null };
}
