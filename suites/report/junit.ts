// junit.xml: one test case per check, named with its guarantee ids, grouped by area. A failing
// check that does not gate the run (an inferred check without --strict) is reported as skipped
// with its reason, so CI tools show it without failing the build.
import type { CheckResult } from '../lib/runner.ts';

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

export function renderJunit(results: CheckResult[], target: string): string {
  const byArea = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = byArea.get(result.area) ?? [];
    list.push(result);
    byArea.set(result.area, list);
  }

  const suites = [...byArea.entries()].map(([area, list]) => {
    const failures = list.filter((result) => result.status === 'failed' && result.gating).length;
    const skipped = list.filter((result) => result.status === 'skipped' || (result.status === 'failed' && !result.gating)).length;
    const time = list.reduce((total, result) => total + result.durationMs, 0) / 1000;

    const cases = list.map((result) => {
      const name = escapeXml(`[${result.guarantee.join(', ')}] ${result.title}`);
      const open = `    <testcase classname="${escapeXml(`conformance.${area}`)}" name="${name}" time="${(result.durationMs / 1000).toFixed(3)}">`;
      let body = '';
      if (result.status === 'failed' && result.gating) {
        const detail = [result.reason ?? '', result.curl === undefined ? '' : `Reproduce: ${result.curl}`].join('\n');
        body = `\n      <failure message="${escapeXml((result.reason ?? 'failed').split('\n')[0] ?? 'failed')}">${escapeXml(detail)}</failure>\n    `;
      } else if (result.status === 'failed') {
        body = `\n      <skipped message="${escapeXml(`inferred check failed (warning; --strict makes it fail the run): ${(result.reason ?? '').split('\n')[0]}`)}"/>\n    `;
      } else if (result.status === 'skipped') {
        body = `\n      <skipped message="${escapeXml(result.reason ?? 'skipped')}"/>\n    `;
      }
      return `${open}${body}</testcase>`;
    });

    return `  <testsuite name="${escapeXml(area)}" tests="${list.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });

  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(`Layers conformance: ${target}`)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
