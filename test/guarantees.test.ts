// The guarantee catalogue and the checks name each other: no check cites an unknown guarantee,
// and no guarantee goes without a check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { allChecks } from '../suites/index.ts';

interface Guarantee {
  id: string;
  statement: string;
  source: string;
  level: string;
}

const catalogue = (parse(readFileSync(join(import.meta.dirname, '..', 'spec', 'guarantees.yaml'), 'utf8')) as { guarantees: Guarantee[] }).guarantees;
const ids = new Set(catalogue.map((guarantee) => guarantee.id));

describe('spec/guarantees.yaml', () => {
  it('has unique ids and complete entries', () => {
    expect(ids.size).toBe(catalogue.length);
    for (const guarantee of catalogue) {
      expect(guarantee.id, JSON.stringify(guarantee)).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(guarantee.statement.length, guarantee.id).toBeGreaterThan(10);
      expect(guarantee.source, guarantee.id).toMatch(/^(changelog \d{4}-\d{2}-\d{2}|D\d+)$/);
      expect(['documented', 'inferred', 'mock-only'], guarantee.id).toContain(guarantee.level);
    }
  });

  it('knows every guarantee a check names', () => {
    const unknown = allChecks.flatMap((check) => check.guarantees.filter((id) => !ids.has(id)).map((id) => `${check.id} → ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has a check for every guarantee', () => {
    const checked = new Set(allChecks.flatMap((check) => check.guarantees));
    expect(catalogue.map((guarantee) => guarantee.id).filter((id) => !checked.has(id))).toEqual([]);
  });

  it('gives every check a unique id', () => {
    const checkIds = allChecks.map((check) => check.id);
    expect(new Set(checkIds).size).toBe(checkIds.length);
  });
});

describe('operation examples', () => {
  it('cover every operation of the spec', async () => {
    const { loadSpec } = await import('../lib/openapi/spec.ts');
    const { operationExamples } = await import('../suites/examples/index.ts');
    const missing = loadSpec().operations.map((operation) => operation.operationId).filter((id) => operationExamples[id] === undefined);
    expect(missing).toEqual([]);
  });
});
