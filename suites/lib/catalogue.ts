// The guarantee catalogue, spec/guarantees.yaml: the promises the checks name by id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import type { Level } from './check.ts';

export interface Guarantee {
  id: string;
  statement: string;
  /** A changelog entry (`changelog 2026-05-08`) or a decision id of the kit (`D15`). */
  source: string;
  level: Level;
}

export const cataloguePath = join(import.meta.dirname, '..', '..', 'spec', 'guarantees.yaml');

export function loadGuarantees(path = cataloguePath): Guarantee[] {
  const document = parse(readFileSync(path, 'utf8')) as { guarantees?: Guarantee[] } | null;
  if (!Array.isArray(document?.guarantees)) {
    throw new Error(`${path} has no top-level guarantees list.`);
  }
  return document.guarantees;
}
