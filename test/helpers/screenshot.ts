// Takes a PNG screenshot of a report in headless Chromium, for the docs:
//   npx tsx test/helpers/screenshot.ts reports/report.html docs/report-screenshot.png
import { resolve } from 'node:path';

import { launchChromium } from './chromium.ts';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('Usage: tsx test/helpers/screenshot.ts <report.html> <output.png>\n');
  process.exit(2);
}

const browser = await launchChromium({ width: 1280, height: 1100 });
try {
  const page = await browser.context.newPage();
  await page.goto(`file://${resolve(input)}`);
  await page.locator('.filters input[value="passed"]').uncheck();
  await page.locator('.filters input[value="not-run"]').uncheck();
  await page.screenshot({ path: output });
} finally {
  await browser.close();
}
