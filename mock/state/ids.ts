// Deterministic identifiers and secrets (D5, D35). Every value derives from the seed and a counter,
// so a mock restarted with the same seed and requests hands out the same ids.
import { createHash } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class IdGenerator {
  private counter = 0;

  constructor(readonly seed: string) {}

  /** The number of values drawn so far, kept in snapshots. */
  get position(): number {
    return this.counter;
  }

  set position(value: number) {
    this.counter = value;
  }

  /** Returns `count` pseudo-random bytes. */
  bytes(count: number): Buffer {
    const chunks: Buffer[] = [];
    let length = 0;

    while (length < count) {
      this.counter += 1;
      const chunk = createHash('sha256').update(`${this.seed}:${this.counter}`).digest();
      chunks.push(chunk);
      length += chunk.length;
    }

    return Buffer.concat(chunks).subarray(0, count);
  }

  /** A version 4 UUID in lower case. */
  uuid(): string {
    const raw = this.bytes(16);
    raw[6] = ((raw[6] ?? 0) & 0x0f) | 0x40;
    raw[8] = ((raw[8] ?? 0) & 0x3f) | 0x80;
    const hex = raw.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** A ULID whose time part is `timeMs` (mock time) and whose random part comes from the seed. */
  ulid(timeMs: number): string {
    let time = '';
    let remaining = Math.max(0, Math.floor(timeMs));
    for (let index = 0; index < 10; index += 1) {
      time = crockford[remaining % 32] + time;
      remaining = Math.floor(remaining / 32);
    }

    let random = '';
    for (const byte of this.bytes(16)) {
      random += crockford[byte % 32];
    }

    return time + random;
  }

  /** `<prefix>_<uuid>`, for the resources the docs give UUID ids. */
  prefixedUuid(prefix: string): string {
    return `${prefix}_${this.uuid()}`;
  }

  /** `<prefix>_<ULID>`, for the resources the docs give ULID ids. */
  prefixedUlid(prefix: string, timeMs: number): string {
    return `${prefix}_${this.ulid(timeMs)}`;
  }

  /** `count` random bytes encoded as base64url without padding. */
  base64url(count: number): string {
    return this.bytes(count).toString('base64url');
  }

  /** `length` characters from 0-9 and A-Z, the alphabet of API key ids. */
  upperAlphanumeric(length: number): string {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let value = '';
    for (const byte of this.bytes(length)) {
      value += alphabet[byte % alphabet.length];
    }
    return value;
  }
}

/**
 * Normalizes a path or body id that may be prefixed or a bare UUID (D5) to the prefixed form.
 * Returns null when the value is neither.
 */
export function normalizeUuidId(value: string, prefix: string): string | null {
  const bare = value.startsWith(`${prefix}_`) ? value.slice(prefix.length + 1) : value;
  const lower = bare.toLowerCase();
  return uuidPattern.test(lower) ? `${prefix}_${lower}` : null;
}

/** Normalizes a ULID id to `<prefix>_<upper-case ULID>`; returns null when malformed. */
export function normalizeUlidId(value: string, prefix: string): string | null {
  const bare = (value.startsWith(`${prefix}_`) ? value.slice(prefix.length + 1) : value).toUpperCase();
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(bare) ? `${prefix}_${bare}` : null;
}
