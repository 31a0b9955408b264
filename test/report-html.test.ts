// report.html in headless Chromium: the matrix renders one row per guarantee, the filters hide
// and show rows, and a failure shows its request, response and curl reproduction. Skipped, with
// the reason printed, where Debian's chromium package is not installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { allChecks } from '../suites/index.ts';
import { loadGuarantees } from '../suites/lib/catalogue.ts';
import { archiveCreatedResources, exitCodeOf, prepareTarget, runChecks } from '../suites/lib/runner.ts';
import { writeReports } from '../suites/report/write.ts';
import { chromiumMissingReason, launchChromium, type RunningBrowser } from './helpers/chromium.ts';
import { mintKey } from './helpers/http.ts';
import { startMock } from './helpers/mock-server.ts';

const missing = chromiumMissingReason();
if (missing !== null) {
  console.warn(`Skipping the report.html browser tests: ${missing}`);
}

const catalogue = loadGuarantees();
const reportDir = mkdtempSync(join(tmpdir(), 'layers-report-'));

/** Writes a report from a real run of a few checks against a mock that ignores Idempotency-Key. */
async function writeFailingReport(): Promise<string> {
  const broken = await startMock({ defects: ['idempotency-ignored'] });
  try {
    const { key } = await mintKey(broken.baseUrl, { credits: 10_000 });
    const prepared = await prepareTarget({ baseUrl: broken.baseUrl, apiKey: key });
    const checks = allChecks.filter((check) => ['idempotency', 'errors'].includes(check.area) || check.id === 'control.kill-switch');
    const results = await runChecks(checks, prepared, { seed: 9, numRuns: 3, strict: false });
    const cleanup = await archiveCreatedResources(prepared);
    await prepared.shared.agent.close();

    writeReports(reportDir, {
      target: broken.baseUrl,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      seed: 9,
      numRuns: 3,
      strict: false,
      capabilities: prepared.capabilities,
      credits: { spent: prepared.creditsSpent, max: null },
      rateLimit: { retries: 0, waitedSeconds: 0 },
      cleanup,
      exitCode: exitCodeOf(results),
      checks: results,
    });
    return join(reportDir, 'report.html');
  } finally {
    await broken.close();
  }
}

describe.skipIf(missing !== null)('report.html in headless Chromium', () => {
  let browser: RunningBrowser;
  let reportUrl: string;

  beforeAll(async () => {
    reportUrl = `file://${await writeFailingReport()}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(reportDir, { recursive: true, force: true });
  });

  it('renders one matrix row per guarantee', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl);

    expect(await page.locator('#matrix tbody tr').count()).toBe(catalogue.length);
    expect(await page.locator('#matrix tbody tr[data-status="failed"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#matrix tbody tr[data-status="not-run"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#shown').textContent()).toBe(`${catalogue.length} of ${catalogue.length} guarantees shown`);
    await page.close();
  });

  it('filters rows by status and text', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl);
    const failedRows = await page.locator('#matrix tbody tr[data-status="failed"]').count();

    for (const status of ['passed', 'warned', 'skipped', 'not-run']) {
      await page.locator(`.filters input[value="${status}"]`).uncheck();
    }
    expect(await page.locator('#matrix tbody tr:visible').count()).toBe(failedRows);
    expect(await page.locator('#matrix tbody tr:visible[data-status="failed"]').count()).toBe(failedRows);

    await page.locator('.filters input[value="passed"]').check();
    await page.locator('#filter-text').fill('idemp-replay-same-body');
    expect(await page.locator('#matrix tbody tr:visible').count()).toBe(1);
    expect(await page.locator('#matrix tbody tr:visible td.id').textContent()).toBe('IDEMP-REPLAY-SAME-BODY');
    expect(await page.locator('#shown').textContent()).toBe(`1 of ${catalogue.length} guarantees shown`);
    await page.close();
  });

  it('shows each failure with its request, response and reproduction', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl);
    const card = page.locator('#check-idempotency-replay');

    expect(await card.locator('h3').textContent()).toContain('FAIL');
    expect(await card.locator('pre.curl').textContent()).toMatch(/^curl .*\$LAYERS_API_KEY/);
    expect(await card.locator('pre.request').textContent()).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/projects/);
    expect(await card.locator('pre.response').textContent()).toMatch(/^201/);
    expect(await page.locator('#skipped').textContent()).toContain('Skipped checks (1)');
    await page.close();
  });
});
