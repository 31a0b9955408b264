// Platform tokens and platform rules. Write paths name the platform `meta | tiktok | apple`, while
// read filters, the optimizer body and ads-metrics use `meta_ads | tiktok_ads | apple_ads`.
import type { AdsPlatform } from './types.ts';

export const adsPlatforms: AdsPlatform[] = ['meta', 'tiktok', 'apple'];

export type AdsPlatformToken = 'meta_ads' | 'tiktok_ads' | 'apple_ads';

export function platformToken(platform: AdsPlatform): AdsPlatformToken {
  return `${platform}_ads`;
}

export function platformFromToken(token: string): AdsPlatform {
  return token.replace(/_ads$/, '') as AdsPlatform;
}

/**
 * The smallest daily budget each platform accepts, in cents. NOTE: inferred from the platforms'
 * public minimums (Meta $1, TikTok $20 for campaigns, Apple $1); the Layers docs name no number.
 */
export const minimumDailyBudgetCents: Record<AdsPlatform, number> = { meta: 100, tiktok: 2000, apple: 100 };

/** Apple has no ad-level entity: its ad groups carry keywords instead of ads. */
export function hasAds(platform: AdsPlatform): boolean {
  return platform !== 'apple';
}

export const platformCurrency: Record<AdsPlatform, string> = { meta: 'USD', tiktok: 'USD', apple: 'USD' };
