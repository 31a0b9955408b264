// Deterministic numbers derived from ids, so the same state always reports the same figures.
import { createHash } from 'node:crypto';

/** A number in [0, 1) derived from the parts; the same parts always give the same number. */
export function unitHash(...parts: string[]): number {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A number in [low, high) derived from the parts. */
export function rangeHash(low: number, high: number, ...parts: string[]): number {
  return low + (high - low) * unitHash(...parts);
}
