// Headless Chromium from Debian's chromium package, driven by playwright-core. Nothing is
// downloaded: playwright-core ships no browser, and this uses the system binary only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Null when Chromium can run here, otherwise the reason a browser test is skipped. */
export function chromiumMissingReason(): string | null {
  return existsSync(chromiumPath) ? null : `${chromiumPath} is absent; install Debian's chromium package (apt-get install chromium) to run the report tests.`;
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with an empty profile and no background network traffic. The
 * profile is a fresh directory that playwright passes as --user-data-dir.
 */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'layers-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
