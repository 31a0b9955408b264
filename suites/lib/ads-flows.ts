// Request sequences of the ads checks: content the ads surface can run, ad accounts connected
// through the consent URL, and campaigns.
import { setTimeout as sleep } from 'node:timers/promises';

import type { ControlClient } from './control.ts';
import { expectStatus, fail } from './assert.ts';
import type { Exchange } from './exchange.ts';
import { createProject } from './flows.ts';
import type { TargetClient } from './target.ts';

export interface AdsClients {
  target: TargetClient;
  control: ControlClient | null;
}

export const adsPlatforms = ['meta', 'tiktok', 'apple'] as const;
export type AdsPlatform = (typeof adsPlatforms)[number];

/** Uploads a finished item and returns its ads-content id; a caption with a prohibited claim is flagged. */
export async function uploadAdsContent(target: TargetClient, projectId: string, caption: string): Promise<string> {
  const upload = await target.call({ method: 'POST', path: `/v1/projects/${projectId}/content/upload`, body: { media: [{ url: 'https://cdn.layers-kit.invalid/ads/creative.jpg' }], caption } });
  expectStatus(upload, 201, 'POST …/content/upload for an ads creative');

  const list = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/ads-content`, query: { limit: 200 } });
  expectStatus(list, 200, 'GET …/ads-content');
  const row = (list.response.body.items as { adsContentId: string; containerId: string }[]).find((item) => item.containerId === upload.response.body.id);
  if (row === undefined) {
    fail(`The uploaded container ${upload.response.body.id} has no ads-content row.`, list);
  }
  return row.adsContentId;
}

/** Uploads a clean item and marks it eligible with an include override. */
export async function eligibleAdsContent(target: TargetClient, projectId: string, caption = 'Plan a week of dinners in five minutes'): Promise<string> {
  const adsContentId = await uploadAdsContent(target, projectId, caption);
  const patched = await target.call({ method: 'PATCH', path: `/v1/projects/${projectId}/ads-content/${adsContentId}`, body: { override: 'include', note: 'Chosen by the conformance kit' } });
  expectStatus(patched, 200, 'PATCH …/ads-content/{id} with override include');
  return adsContentId;
}

/** Moves time forward: the mock's clock when there is a control surface, wall time otherwise. */
export async function letTimePass(clients: AdsClients, ms: number): Promise<void> {
  if (clients.control !== null) {
    await clients.control.advanceClock(ms);
  } else {
    await sleep(ms);
  }
}

/** Requests a consent URL per platform and waits until the customer has connected each account. */
export async function connectAdAccounts(clients: AdsClients, projectId: string, platforms: readonly AdsPlatform[] = adsPlatforms): Promise<Record<AdsPlatform, string>> {
  for (const platform of platforms) {
    const url = await clients.target.call({ method: 'POST', path: `/v1/projects/${projectId}/ads/ad-accounts/oauth-url`, body: { platform: `${platform}_ads`, returnUrl: 'https://partner.layers-kit.invalid/ads/connected' } });
    expectStatus(url, 200, `POST …/ads/ad-accounts/oauth-url for ${platform}`);
  }

  const timeoutMs = clients.control === null ? 300_000 : 20_000;
  const deadline = performance.now() + timeoutMs;
  let last: Exchange | null = null;
  for (;;) {
    last = await clients.target.call({ method: 'GET', path: `/v1/projects/${projectId}/ads/ad-accounts`, query: { healthy: true } });
    expectStatus(last, 200, 'GET …/ads/ad-accounts');
    const accounts = last.response.body.items as { adAccountId: string; platform: string }[];
    const found = Object.fromEntries(platforms.map((platform) => [platform, accounts.find((account) => account.platform === `${platform}_ads`)?.adAccountId]));
    if (platforms.every((platform) => found[platform] !== undefined)) {
      return found as Record<AdsPlatform, string>;
    }
    if (performance.now() > deadline) {
      fail(`The ad accounts of project ${projectId} were not all connected after ${timeoutMs / 1000} s.`, last);
    }
    await letTimePass(clients, 1000);
  }
}

export interface CampaignOptions {
  campaignManagementMode?: 'manual' | 'draft' | 'autopilot';
  creativeMode?: 'manual' | 'draft' | 'autopilot';
  dailyBudgetCents?: number;
}

/** Creates a campaign while the layer defaults are auto, and returns it with its ad sets. */
export async function createCampaign(target: TargetClient, projectId: string, platform: AdsPlatform, adAccountId: string, options: CampaignOptions = {}): Promise<any> {
  const created = await target.call({
    method: 'POST',
    path: `/v1/projects/${projectId}/ads/${platform}/campaigns`,
    body: {
      adAccountId,
      name: `Kit ${platform} campaign`,
      outcome: 'app_installs',
      dailyBudgetCents: options.dailyBudgetCents ?? 5000,
      campaignManagementMode: options.campaignManagementMode ?? 'autopilot',
      creativeMode: options.creativeMode ?? 'autopilot',
    },
  });
  expectStatus(created, 202, `POST …/ads/${platform}/campaigns`);
  if (created.response.body.status !== 'dispatched') {
    fail(`Creating a ${platform} campaign under auto defaults was ${created.response.body.status}, not dispatched.`, created);
  }

  const campaignId = created.response.body.platformResponse.campaignId as string;
  const campaign = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/ads/${platform}/campaigns/${campaignId}` });
  expectStatus(campaign, 200, `GET …/ads/${platform}/campaigns/{campaignId}`);
  return { ...campaign.response.body, adIds: created.response.body.platformResponse.adIds as string[] };
}
