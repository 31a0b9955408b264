// Writes the run's reports to the report directory: results.json, junit.xml and report.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CapabilityReport } from '../lib/capabilities.ts';
import { loadGuarantees } from '../lib/catalogue.ts';
import type { CheckResult, CleanupReport } from '../lib/runner.ts';
import { renderHtmlReport } from './html.ts';
import { renderJunit } from './junit.ts';

export interface RunReport {
  target: string;
  startedAt: string;
  finishedAt: string;
  seed: number;
  numRuns: number;
  strict: boolean;
  /** Every capability probed, with whether the target has it and why. */
  capabilities: CapabilityReport[];
  /** Credits the checks spent or moved, and the --max-credits budget (null for none). */
  credits: { spent: number; max: number | null };
  /** 429 responses waited out with Retry-After and retried; never counted as failures. */
  rateLimit: { retries: number; waitedSeconds: number };
  cleanup: CleanupReport;
  exitCode: number;
  checks: CheckResult[];
}

export function writeReports(directory: string, report: RunReport): string[] {
  mkdirSync(directory, { recursive: true });

  const results = join(directory, 'results.json');
  const junit = join(directory, 'junit.xml');
  const html = join(directory, 'report.html');
  writeFileSync(results, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(junit, renderJunit(report.checks, report.target));
  writeFileSync(html, renderHtmlReport(report, loadGuarantees()));
  return [results, junit, html];
}
