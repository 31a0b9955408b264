// report.html: one self-contained page (inline CSS and script, no network) with the matrix of
// guarantees by status, filterable by text, status and level, and each failure's request,
// response and curl reproduction. The page reads fine without its script; the script only filters.
import type { Guarantee } from '../lib/catalogue.ts';
import type { CheckResult } from '../lib/runner.ts';
import type { RunReport } from './write.ts';
import { statusWord } from './progress.ts';

/** A guarantee's status across its checks: the worst one wins. */
export type GuaranteeStatus = 'failed' | 'warned' | 'passed' | 'skipped' | 'not-run';

const statusColumns: { status: GuaranteeStatus; label: string }[] = [
  { status: 'passed', label: 'Passed' },
  { status: 'failed', label: 'Failed' },
  { status: 'warned', label: 'Warned' },
  { status: 'skipped', label: 'Skipped' },
  { status: 'not-run', label: 'Not run' },
];

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function checkStatus(result: CheckResult): Exclude<GuaranteeStatus, 'not-run'> {
  return ({ PASS: 'passed', FAIL: 'failed', WARN: 'warned', SKIP: 'skipped' } as const)[statusWord(result) as 'PASS' | 'FAIL' | 'WARN' | 'SKIP'];
}

export function guaranteeStatus(results: CheckResult[]): GuaranteeStatus {
  const statuses = new Set(results.map(checkStatus));
  for (const status of ['failed', 'warned', 'passed', 'skipped'] as const) {
    if (statuses.has(status)) {
      return status;
    }
  }
  return 'not-run';
}

function anchorOf(checkId: string): string {
  return `check-${checkId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function matrixRow(guarantee: Guarantee, results: CheckResult[]): string {
  const status = guaranteeStatus(results);
  const cells = statusColumns.map(({ status: column }) => {
    let count = results.filter((result) => checkStatus(result) === column).length;
    if (column === 'not-run') {
      count = results.length === 0 ? 1 : 0;
    }
    return `<td class="cell ${count > 0 ? `on ${column}` : ''}" data-column="${column}">${count > 0 ? (column === 'not-run' ? '–' : String(count)) : ''}</td>`;
  });
  const checks = results.map((result) => `<a href="#${anchorOf(result.id)}" class="chip ${checkStatus(result)}">${escapeHtml(result.id)}</a>`).join(' ');
  const search = `${guarantee.id} ${guarantee.statement} ${guarantee.source} ${results.map((result) => result.id).join(' ')}`.toLowerCase();

  return [
    `<tr data-status="${status}" data-level="${guarantee.level}" data-search="${escapeHtml(search)}">`,
    `<td class="id"><code>${escapeHtml(guarantee.id)}</code></td>`,
    `<td class="statement">${escapeHtml(guarantee.statement)}<div class="checks">${checks}</div></td>`,
    `<td>${escapeHtml(guarantee.level)}</td>`,
    `<td class="source">${escapeHtml(guarantee.source)}</td>`,
    ...cells,
    '</tr>',
  ].join('');
}

function failureCard(result: CheckResult): string {
  const parts = [
    `<section class="failure ${checkStatus(result)}" id="${anchorOf(result.id)}">`,
    `<h3><span class="badge ${checkStatus(result)}">${statusWord(result)}</span> ${escapeHtml(result.id)}: ${escapeHtml(result.title)}</h3>`,
    `<p class="meta">Guarantees ${result.guarantee.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')} · level ${escapeHtml(result.level)} · seed ${result.seed} · ${result.durationMs} ms</p>`,
    `<h4>Reason</h4><pre>${escapeHtml(result.reason ?? '')}</pre>`,
  ];

  if (result.counterexample !== undefined) {
    parts.push(`<h4>Counterexample</h4><pre>${escapeHtml(JSON.stringify(result.counterexample, null, 2) ?? String(result.counterexample))}</pre>`);
  }
  if (result.curl !== undefined) {
    parts.push(`<h4>Reproduction</h4><pre class="curl">${escapeHtml(result.curl)}</pre><button type="button" class="copy" data-copy="${escapeHtml(result.curl)}">Copy curl</button>`);
  }
  if (result.request !== undefined) {
    const request = result.request;
    parts.push(`<h4>Request</h4><pre class="request">${escapeHtml(`${request.method} ${request.url}\n${headerLines(request.headers)}${request.body === null ? '' : `\n\n${prettyBody(request.body)}`}`)}</pre>`);
  }
  if (result.response !== undefined) {
    const response = result.response;
    parts.push(`<h4>Response</h4><pre class="response">${escapeHtml(`${response.status}\n${headerLines(response.headers)}${response.body === '' ? '' : `\n\n${prettyBody(response.body)}`}`)}</pre>`);
  }
  for (const note of result.notes ?? []) {
    parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

const styles = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d232b; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 0 0 4px; }
h4 { font-size: 13px; margin: 12px 0 4px; color: #4a5563; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: #f4f6f8; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; border-radius: 4px; }
.meta, .note { color: #4a5563; margin: 2px 0; }
.totals span { margin-right: 14px; }
.filters { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; margin: 12px 0; padding: 10px; background: #f4f6f8; border-radius: 6px; }
.filters input[type=search] { min-width: 280px; padding: 4px 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #e2e6ea; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; position: sticky; top: 0; }
td.cell { text-align: center; width: 64px; font-weight: 600; }
td.cell.on.passed { background: #d5f0dc; color: #185c2b; }
td.cell.on.failed { background: #f7d4d4; color: #8a1c1c; }
td.cell.on.warned { background: #fbe8c8; color: #7a4b00; }
td.cell.on.skipped { background: #e4e7eb; color: #46505c; }
td.cell.on.not-run { background: #f3f0fa; color: #5b4a86; }
td.id { white-space: nowrap; }
td.source { white-space: nowrap; color: #4a5563; }
.checks { margin-top: 3px; }
.chip { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; text-decoration: none; margin: 1px 2px 1px 0; }
.chip.passed, .badge.passed { background: #d5f0dc; color: #185c2b; }
.chip.failed, .badge.failed { background: #f7d4d4; color: #8a1c1c; }
.chip.warned, .badge.warned { background: #fbe8c8; color: #7a4b00; }
.chip.skipped, .badge.skipped { background: #e4e7eb; color: #46505c; }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 4px; vertical-align: middle; }
.failure { border: 1px solid #e2e6ea; border-left: 4px solid #c53030; border-radius: 4px; padding: 10px 14px; margin: 12px 0; }
.failure.warned { border-left-color: #c98a00; }
.outcome { font-weight: 600; }
.outcome.ok { color: #185c2b; }
.outcome.bad { color: #8a1c1c; }
button.copy { font-size: 12px; }
`;

// Filters the matrix rows by text, status and level. Kept in plain ES2015 so any browser runs it.
const script = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#matrix tbody tr'));
  var text = document.getElementById('filter-text');
  var level = document.getElementById('filter-level');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[type=checkbox]'));
  var shown = document.getElementById('shown');
  function apply() {
    var query = text.value.trim().toLowerCase();
    var statuses = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var visible = 0;
    rows.forEach(function (row) {
      var show = statuses.indexOf(row.getAttribute('data-status')) !== -1 &&
        (level.value === '' || row.getAttribute('data-level') === level.value) &&
        (query === '' || row.getAttribute('data-search').indexOf(query) !== -1);
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    shown.textContent = visible + ' of ' + rows.length + ' guarantees shown';
  }
  text.addEventListener('input', apply);
  level.addEventListener('change', apply);
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  Array.prototype.slice.call(document.querySelectorAll('button.copy')).forEach(function (button) {
    button.addEventListener('click', function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(button.getAttribute('data-copy')); button.textContent = 'Copied'; }
    });
  });
  apply();
})();
`;

export function renderHtmlReport(report: RunReport, catalogue: Guarantee[]): string {
  const byGuarantee = new Map<string, CheckResult[]>(catalogue.map((guarantee) => [guarantee.id, []]));
  for (const result of report.checks) {
    for (const id of result.guarantee) {
      byGuarantee.get(id)?.push(result);
    }
  }

  const statuses = catalogue.map((guarantee) => guaranteeStatus(byGuarantee.get(guarantee.id) ?? []));
  const totals = statusColumns.map(({ status, label }) => `<span class="total ${status}" data-total="${status}">${label}: <b>${statuses.filter((entry) => entry === status).length}</b></span>`).join('');
  const problems = report.checks.filter((result) => result.status === 'failed');
  const skipped = report.checks.filter((result) => result.status === 'skipped');
  const outcome =
    report.exitCode === 0
      ? '<span class="outcome ok">Exit code 0: every gating check passed.</span>'
      : `<span class="outcome bad">Exit code ${report.exitCode}: a gating check failed.</span>`;

  const capabilityItems = report.capabilities.map((capability) => `<li><b>${escapeHtml(capability.name)}</b> ${capability.available ? 'yes' : 'no'}: ${escapeHtml(capability.reason)}</li>`).join('');
  const skippedRows = skipped.map((result) => `<tr><td><code>${escapeHtml(result.id)}</code></td><td>${escapeHtml(result.guarantee.join(', '))}</td><td>${escapeHtml(result.reason ?? '')}</td></tr>`).join('');
  const checkRows = report.checks
    .map((result) => `<tr><td><code>${escapeHtml(result.id)}</code></td><td>${escapeHtml(result.area)}</td><td>${escapeHtml(result.level)}</td><td><span class="badge ${checkStatus(result)}">${statusWord(result)}</span></td><td>${result.durationMs} ms</td><td>${escapeHtml(result.title)}</td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Layers conformance: ${escapeHtml(report.target)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>Layers Partner API conformance</h1>
<p class="meta">Target <code>${escapeHtml(report.target)}</code> · started ${escapeHtml(report.startedAt)} · seed ${report.seed} · ${report.numRuns} runs per property${report.strict ? ' · --strict' : ''}</p>
<p>${outcome} ${report.checks.length} checks over ${catalogue.length} guarantees.</p>
<p class="totals">Guarantees by their worst check: ${totals}</p>
</header>

<h2>Capabilities</h2>
<ul id="capabilities">${capabilityItems}</ul>

<h2>Guarantees by status</h2>
<div class="filters">
<input type="search" id="filter-text" placeholder="Filter by id, statement, source or check" aria-label="Filter guarantees">
${statusColumns.map(({ status, label }) => `<label><input type="checkbox" value="${status}" checked> ${label}</label>`).join('\n')}
<label>Level <select id="filter-level"><option value="">all</option><option>documented</option><option>inferred</option><option>mock-only</option></select></label>
<span id="shown"></span>
</div>
<table id="matrix">
<thead><tr><th>Guarantee</th><th>Statement and checks</th><th>Level</th><th>Source</th>${statusColumns.map(({ label }) => `<th>${label}</th>`).join('')}</tr></thead>
<tbody>
${catalogue.map((guarantee) => matrixRow(guarantee, byGuarantee.get(guarantee.id) ?? [])).join('\n')}
</tbody>
</table>

<h2 id="failures">Failures and warnings (${problems.length})</h2>
${problems.length === 0 ? '<p>None.</p>' : problems.map(failureCard).join('\n')}

<h2 id="skipped">Skipped checks (${skipped.length})</h2>
${skipped.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>Check</th><th>Guarantees</th><th>Reason</th></tr></thead><tbody>${skippedRows}</tbody></table>`}

<h2>All checks</h2>
<table id="checks"><thead><tr><th>Check</th><th>Area</th><th>Level</th><th>Status</th><th>Duration</th><th>Title</th></tr></thead><tbody>${checkRows}</tbody></table>
<script>${script}</script>
</body>
</html>
`;
}
