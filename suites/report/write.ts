// Writes the run's reports to the report directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CheckResult } from '../lib/runner.ts';
import { renderJunit } from './junit.ts';

export interface RunReport {
  target: string;
  startedAt: string;
  finishedAt: string;
  seed: number;
  numRuns: number;
  strict: boolean;
  capabilities: string[];
  exitCode: number;
  checks: CheckResult[];
}

export function writeReports(directory: string, report: RunReport): string[] {
  mkdirSync(directory, { recursive: true });

  const files = [join(directory, 'results.json'), join(directory, 'junit.xml')];
  writeFileSync(files[0] as string, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1] as string, renderJunit(report.checks, report.target));
  return files;
}
