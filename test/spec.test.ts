// The contract itself: built from its sources, lint-clean, and served operation for operation.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { controlHandlers } from '../mock/control/handlers.ts';
import { apiHandlers } from '../mock/domain/index.ts';
import { createMockServer } from '../mock/server.ts';
import { renderSpec, specPath } from '../spec/build.ts';
import { controlSpecPath, loadSpec } from '../lib/openapi/spec.ts';
import { errorRegistry } from '../mock/http/errors.ts';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..');

describe('spec/openapi.yaml', () => {
  it('is up to date with its sources', () => {
    expect(readFileSync(specPath, 'utf8')).toBe(renderSpec());
  });

  it('passes the Redocly linter with no problems', async () => {
    const { stdout, stderr } = await run(process.execPath, [join(repositoryRoot, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', 'spec/openapi.yaml', 'spec/control.yaml', '--format', 'summary'], {
      cwd: repositoryRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });

    // The strict ruleset makes every problem an error, so a clean run exits 0 and prints that it is valid.
    const output = `${stdout}${stderr}`;
    expect(output).toContain('Your API descriptions are valid');
    expect(output).not.toContain('Validation failed');
  });

  it('has a unique operationId on every operation', () => {
    const ids = loadSpec().operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
  });

  it('names one scope at most per operation', () => {
    for (const operation of loadSpec().operations) {
      const security = operation.raw.security as Record<string, string[]>[];
      expect(security, operation.operationId).toHaveLength(1);
      expect(Object.values(security[0] ?? {})[0]?.length ?? 0, operation.operationId).toBeLessThanOrEqual(1);
    }
  });

  it('lists every registered error code in the ErrorCode schema', () => {
    const codes = loadSpec().document.components.schemas.ErrorCode.enum as string[];
    expect(codes.sort()).toEqual(Object.keys(errorRegistry).sort());
  });
});

describe('mock handlers', () => {
  it('serve exactly the operations of the spec', () => {
    const operations = loadSpec().operations.map((operation) => operation.operationId).sort();
    expect(Object.keys(apiHandlers).sort()).toEqual(operations);
  });

  it('serve exactly the operations of the control spec', () => {
    const server = createMockServer({ clock: 'frozen' });
    const operations = loadSpec(controlSpecPath).operations.map((operation) => operation.operationId).sort();
    expect(Object.keys(controlHandlers(server.mock, { reset: () => undefined })).sort()).toEqual(operations);
    server.close();
  });
});
