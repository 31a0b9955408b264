// Unit tests of the run's output: TTY progress per area, the one-screen summary, which creates
// the run archives, and the HTML report's escaping and statuses.
import { describe, expect, it } from 'vitest';

import { defineCheck, type Check } from '../suites/lib/check.ts';
import { createdResourcesOf } from '../suites/lib/created-resources.ts';
import type { Exchange } from '../suites/lib/exchange.ts';
import type { CheckResult } from '../suites/lib/runner.ts';
import { guaranteeStatus, renderHtmlReport } from '../suites/report/html.ts';
import { ProgressPrinter } from '../suites/report/progress.ts';
import { renderSummary } from '../suites/report/summary.ts';

function check(id: string, area: string): Check {
  return defineCheck({ id, title: id, area, guarantees: ['G-ONE'], level: 'documented', run: async () => undefined });
}

function result(id: string, area: string, status: CheckResult['status'], gating = true, reason?: string): CheckResult {
  return { id, title: id, area, guarantee: ['G-ONE'], level: gating ? 'documented' : 'inferred', status, gating, durationMs: 10, seed: 1, ...(reason === undefined ? {} : { reason }) };
}

class Capture {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('progress printer', () => {
  it('redraws one line per area on a TTY', () => {
    const stream = new Capture(true);
    const printer = new ProgressPrinter(stream, [check('a.one', 'alpha'), check('a.two', 'alpha'), check('b.one', 'beta')]);

    printer.record(result('a.one', 'alpha', 'passed'));
    printer.record(result('a.two', 'alpha', 'failed', true, 'broken'));
    printer.record(result('b.one', 'beta', 'skipped'));

    const lines = stream.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('\r\u001b[2K');
    expect(lines[0]).toMatch(/FAIL {2}alpha +\[#{20}\] +2\/2 {2}1 passed, 1 failed/);
    expect(lines[1]).toMatch(/done {2}beta +\[#{20}\] +1\/1 {2}1 skipped/);
    expect(stream.text).not.toContain('a.one');
  });

  it('prints one line per check elsewhere', () => {
    const stream = new Capture(false);
    const printer = new ProgressPrinter(stream, [check('a.one', 'alpha'), check('a.two', 'alpha')]);

    printer.record(result('a.one', 'alpha', 'passed'));
    printer.record(result('a.two', 'alpha', 'failed', false, 'first line\nsecond line'));

    expect(stream.text).toContain('  PASS  a.one  [G-ONE]  10 ms\n');
    expect(stream.text).toContain('  WARN  a.two  [G-ONE]  10 ms\n        first line\n        second line\n');
    expect(stream.text).not.toContain('\r');
  });
});

describe('summary', () => {
  it('fits one screen however many checks fail', () => {
    const results = Array.from({ length: 60 }, (_, index) => result(`c.${index}`, 'area', index % 3 === 0 ? 'skipped' : 'failed', index % 2 === 0, `reason ${index % 7}\nmore detail`));

    const text = renderSummary({
      results,
      capabilities: [{ name: 'control', available: false, reason: 'none' }],
      durationMs: 1234,
      creditsSpent: 50,
      maxCredits: 100,
      rateLimitRetries: 2,
      rateLimitWaitSeconds: 3,
      cleanup: { archived: [{ kind: 'project', id: 'prj_1' }, { kind: 'child organization', id: 'org_1' }], failures: [] },
      files: ['reports/results.json'],
      seed: 42,
      exitCode: 1,
    });

    const lines = text.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(text).toContain('0 passed, 20 failed, 20 warnings (inferred), 20 skipped of 60 checks');
    expect(text).toContain('… and');
    expect(text).toContain('Credits spent or moved, at most: 50 (--max-credits 100). Rate limited: 2 × 429, 3 s waited, none counted as failures. Archived: 1 child organizations, 1 projects.');
    expect(text).toContain('Replay the same inputs with --seed 42.');
  });
});

describe('created resources', () => {
  function exchange(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}): Exchange {
    return {
      request: { method, url: `http://127.0.0.1:1${path}`, headers: { authorization: 'Bearer lp_test_KEY', ...headers }, body: null },
      response: { status, headers: {}, body, text: JSON.stringify(body) },
      durationMs: 1,
      specProblems: [],
    };
  }

  it('records child organizations and projects with the key that made them', () => {
    expect(createdResourcesOf(exchange('POST', '/v1/organizations', 201, { id: 'org_1' }))).toEqual([{ kind: 'child organization', id: 'org_1', apiKey: 'lp_test_KEY', organization: undefined }]);
    expect(createdResourcesOf(exchange('POST', '/v1/projects', 201, { id: 'prj_1' }, { 'x-layers-organization': 'org_2' }))).toEqual([{ kind: 'project', id: 'prj_1', apiKey: 'lp_test_KEY', organization: 'org_2' }]);
  });

  it('records the children a migrate created', () => {
    const migrated = exchange('POST', '/v1/organizations/migrate', 201, { projectsMoved: 2, childrenCreated: 2, children: [{ id: 'org_a', name: 'A', projectIds: [] }, { id: 'org_b', name: 'B', projectIds: [] }] });
    expect(createdResourcesOf(migrated).map((resource) => [resource.kind, resource.id])).toEqual([
      ['child organization', 'org_a'],
      ['child organization', 'org_b'],
    ]);
  });

  it('ignores replays of failures and other routes', () => {
    expect(createdResourcesOf(exchange('POST', '/v1/projects', 422, { error: {} }))).toEqual([]);
    expect(createdResourcesOf(exchange('POST', '/v1/organizations/migrate', 201, { id: 'org_1' }))).toEqual([]);
    expect(createdResourcesOf(exchange('GET', '/v1/projects', 201, { id: 'prj_1' }))).toEqual([]);
    expect(createdResourcesOf(exchange('POST', '/v1/projects', 201, { id: 'string' }))).toEqual([]);
  });
});

describe('html report', () => {
  it('takes the worst status of a guarantee\'s checks', () => {
    expect(guaranteeStatus([])).toBe('not-run');
    expect(guaranteeStatus([result('a', 'x', 'passed'), result('b', 'x', 'skipped')])).toBe('passed');
    expect(guaranteeStatus([result('a', 'x', 'passed'), result('b', 'x', 'failed', false)])).toBe('warned');
    expect(guaranteeStatus([result('a', 'x', 'failed', false), result('b', 'x', 'failed', true)])).toBe('failed');
  });

  it('escapes what the target sent', () => {
    const failed: CheckResult = {
      ...result('a.one', 'alpha', 'failed', true, '<script>alert(1)</script>'),
      response: { status: 500, headers: { 'x-evil': '"><img src=x>' }, body: '</pre><script>alert(2)</script>' },
    };

    const html = renderHtmlReport(
      {
        target: 'http://127.0.0.1:1',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z',
        seed: 1,
        numRuns: 1,
        strict: false,
        capabilities: [],
        credits: { spent: 0, max: null },
        rateLimit: { retries: 0, waitedSeconds: 0 },
        cleanup: { archived: [], failures: [] },
        exitCode: 1,
        checks: [failed],
      },
      [{ id: 'G-ONE', statement: 'One guarantee & more', source: 'D1', level: 'documented' }],
    );

    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('One guarantee &amp; more');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
