// Progress output while the checks run. On a TTY it keeps one line per area and redraws it as the
// area's checks finish. Elsewhere, such as a CI log, it prints one line per check to search in.
import type { Check } from '../lib/check.ts';
import type { CheckResult } from '../lib/runner.ts';

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function statusWord(result: CheckResult): string {
  if (result.status === 'passed') {
    return 'PASS';
  }
  if (result.status === 'skipped') {
    return 'SKIP';
  }
  return result.gating ? 'FAIL' : 'WARN';
}

interface AreaProgress {
  total: number;
  done: CheckResult[];
}

function countsOf(results: CheckResult[]): string {
  const words = results.map(statusWord);
  const parts = ['PASS', 'FAIL', 'WARN', 'SKIP']
    .map((word) => [word, words.filter((entry) => entry === word).length] as const)
    .filter(([, count]) => count > 0)
    .map(([word, count]) => `${count} ${{ PASS: 'passed', FAIL: 'failed', WARN: 'warned', SKIP: 'skipped' }[word]}`);
  return parts.join(', ');
}

export class ProgressPrinter {
  private readonly areas = new Map<string, AreaProgress>();
  private readonly width: number;
  private lineOpen = false;

  constructor(
    private readonly stream: ProgressStream,
    checks: Check[],
  ) {
    for (const check of checks) {
      const area = this.areas.get(check.area) ?? { total: 0, done: [] };
      area.total += 1;
      this.areas.set(check.area, area);
    }
    this.width = Math.max(8, ...[...this.areas.keys()].map((name) => name.length));
  }

  /** Records one finished check and redraws or prints its progress. */
  record(result: CheckResult): void {
    const area = this.areas.get(result.area);
    if (area === undefined) {
      return;
    }
    area.done.push(result);

    if (this.stream.isTTY === true) {
      this.drawArea(result.area, area);
      return;
    }

    this.stream.write(`  ${statusWord(result)}  ${result.id}  [${result.guarantee.join(', ')}]  ${result.durationMs} ms\n`);
    if (result.status === 'failed') {
      this.stream.write(`        ${(result.reason ?? '').split('\n').join('\n        ')}\n`);
    }
  }

  private drawArea(name: string, area: AreaProgress): void {
    const finished = area.done.length === area.total;
    const failed = area.done.some((result) => statusWord(result) === 'FAIL');
    let mark = '....';
    if (finished) {
      mark = failed ? 'FAIL' : 'done';
    }
    const barWidth = 20;
    const filled = Math.round((area.done.length / area.total) * barWidth);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}`;
    const milliseconds = area.done.reduce((total, result) => total + result.durationMs, 0);

    const line = `  ${mark}  ${name.padEnd(this.width)}  [${bar}] ${String(area.done.length).padStart(3)}/${area.total}  ${countsOf(area.done)}  ${(milliseconds / 1000).toFixed(1)} s`;
    // \r and erase-line redraw the area's line in place until its last check finishes.
    this.stream.write(`${this.lineOpen ? '\r\u001b[2K' : ''}${line}`);
    this.lineOpen = !finished;
    if (finished) {
      this.stream.write('\n');
    }
  }
}
