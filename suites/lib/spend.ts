// The credits a request may spend or move, counted before it is sent so a run never passes
// --max-credits. Generations count their price per variant and allocations their credits; the
// count is an upper bound, because a request the target refuses is counted too.

/** Credits per variant, as the pricing of 2026-05-08 gives them. */
const formatPrices: Record<string, number> = { 'slideshow-builder': 50, 'ugc-remix': 120 };

/** The maximum a regenerate can cost: one variant of the most expensive format. */
const regenerateCost = Math.max(...Object.values(formatPrices));

export interface Spend {
  credits: number;
  purpose: string;
}

/** Returns what the request may spend or move, or null when it spends nothing. */
export function spendOf(method: string, path: string, body: unknown): Spend | null {
  if (method !== 'POST') {
    return null;
  }
  const fields = (body ?? {}) as Record<string, unknown>;

  if (/^\/v1\/organizations\/[^/]+\/credits\/allocate$/.test(path) && typeof fields.credits === 'number') {
    return { credits: fields.credits, purpose: `allocating ${fields.credits} credits to a child organization` };
  }

  const perFormat = /^\/v1\/projects\/[^/]+\/content\/(slideshow-builder|ugc-remix)$/.exec(path);
  if (perFormat !== null) {
    const format = perFormat[1] as string;
    return { credits: formatPrices[format] as number, purpose: `a ${format} generation` };
  }

  if (/^\/v1\/projects\/[^/]+\/content$/.test(path) && typeof fields.format === 'string' && fields.format in formatPrices) {
    const variants = typeof fields.variantCount === 'number' ? fields.variantCount : 1;
    return { credits: (formatPrices[fields.format] as number) * variants, purpose: `${variants} ${fields.format} variant(s)` };
  }

  if (/^\/v1\/content\/[^/]+\/regenerate$/.test(path)) {
    return { credits: regenerateCost, purpose: 'a regenerate' };
  }
  return null;
}
