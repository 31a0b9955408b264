// Content formats and their prices (D30, changelog 2026-05-08 "Pricing page enum").

/** Credits per variant of each callable format. */
export const formatPrices: Record<string, number> = {
  'slideshow-builder': 50,
  'ugc-remix': 120,
};

/** Formats the v1 enum names but reserves for v2; requests get 422 UNSUPPORTED_FORMAT. */
export const reservedFormats = new Set(['video-remix', 'slideshow-remix']);

export function isCallableFormat(format: string): boolean {
  return format in formatPrices;
}
