// The one-screen summary printed when the run ends. It gives the counts by status and level, the
// first few failures and warnings (the reports hold all of them) and the reasons for skipped
// checks. Then come the capabilities, the credits spent, the rate-limit waits, the archived
// resources, the report paths and the seed to replay.
import type { CapabilityReport } from '../lib/capabilities.ts';
import type { CheckResult, CleanupReport } from '../lib/runner.ts';
import { statusWord } from './progress.ts';

export interface SummaryInput {
  results: CheckResult[];
  capabilities: CapabilityReport[];
  durationMs: number;
  creditsSpent: number;
  maxCredits: number | undefined;
  rateLimitRetries: number;
  rateLimitWaitSeconds: number;
  cleanup: CleanupReport;
  files: string[];
  seed: number;
  exitCode: number;
}

/** How many failures, warnings or skip reasons the summary lists before it refers to the reports. */
const listLimit = 3;

function firstLine(text: string | undefined, width = 110): string {
  const line = (text ?? '').split('\n')[0] ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function listed(lines: string[]): string[] {
  if (lines.length <= listLimit) {
    return lines;
  }
  return [...lines.slice(0, listLimit), `    … and ${lines.length - listLimit} more in the reports`];
}

export function renderSummary(input: SummaryInput): string {
  const { results } = input;
  const words = results.map(statusWord);
  const count = (word: string) => words.filter((entry) => entry === word).length;
  const lines: string[] = [];

  lines.push('');
  lines.push(`${count('PASS')} passed, ${count('FAIL')} failed, ${count('WARN')} warnings (inferred), ${count('SKIP')} skipped of ${results.length} checks in ${(input.durationMs / 1000).toFixed(1)} s`);

  for (const level of ['documented', 'inferred', 'mock-only'] as const) {
    const ofLevel = results.filter((result) => result.level === level);
    if (ofLevel.length === 0) {
      continue;
    }
    const levelWords = ofLevel.map(statusWord);
    const parts = [['PASS', 'passed'], ['FAIL', 'failed'], ['WARN', 'warned'], ['SKIP', 'skipped']]
      .map(([word, label]) => `${levelWords.filter((entry) => entry === word).length} ${label}`)
      .join(', ');
    lines.push(`  ${level.padEnd(10)}  ${parts}`);
  }

  const failures = results.filter((result) => statusWord(result) === 'FAIL');
  if (failures.length > 0) {
    lines.push('Failed:');
    lines.push(...listed(failures.map((result) => `  ${result.id} [${result.guarantee.join(', ')}]: ${firstLine(result.reason)}`)));
  }

  const warnings = results.filter((result) => statusWord(result) === 'WARN');
  if (warnings.length > 0) {
    lines.push('Warnings (inferred checks; --strict makes them fail the run):');
    lines.push(...listed(warnings.map((result) => `  ${result.id} [${result.guarantee.join(', ')}]: ${firstLine(result.reason)}`)));
  }

  const skipReasons = new Map<string, number>();
  for (const result of results.filter((entry) => entry.status === 'skipped')) {
    const reason = firstLine(result.reason, 150);
    skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
  }
  if (skipReasons.size > 0) {
    lines.push('Skipped:');
    lines.push(...listed([...skipReasons.entries()].map(([reason, skipped]) => `  ${skipped} × ${reason}`)));
  }

  lines.push(`Capabilities: ${input.capabilities.map((capability) => `${capability.name} ${capability.available ? 'yes' : 'no'}`).join(', ')}`);

  const budget = input.maxCredits === undefined ? 'no --max-credits limit' : `--max-credits ${input.maxCredits}`;
  const archived = input.cleanup.archived;
  const organizations = archived.filter((entry) => entry.kind === 'child organization').length;
  lines.push(
    `Credits spent or moved, at most: ${input.creditsSpent} (${budget}). Rate limited: ${input.rateLimitRetries} × 429, ${input.rateLimitWaitSeconds} s waited, none counted as failures. ` +
      `Archived: ${organizations} child organizations, ${archived.length - organizations} projects${input.cleanup.failures.length > 0 ? `, ${input.cleanup.failures.length} failed to archive` : ''}.`,
  );
  lines.push(`Reports: ${input.files.join(', ')}`);
  if (input.exitCode !== 0) {
    lines.push(`Replay the same inputs with --seed ${input.seed}.`);
  }

  return `${lines.join('\n')}\n`;
}
