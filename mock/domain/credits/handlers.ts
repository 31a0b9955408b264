// GET /v1/credits and GET /v1/credits/events.
import { principalOf, type Handler, type HandlerResult, type MockContext } from '../../context.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { LedgerEvent, Wallet } from '../../state/types.ts';
import { availableOf, balanceOf, walletOf } from './wallet.ts';
import { formatPrices } from '../content/formats.ts';
import { plainMetadata } from '../metadata/rules.ts';

export function walletRepresentation(wallet: Wallet): Record<string, unknown> {
  return {
    organizationId: wallet.organizationId,
    balance: balanceOf(wallet),
    available: availableOf(wallet),
    includedRemaining: wallet.includedRemaining,
    prepaidBalance: wallet.prepaidBalance,
    reservedCredits: wallet.reservedCredits,
    includedThisPeriod: wallet.includedThisPeriod,
    usedThisPeriod: wallet.usedThisPeriod,
    currentPeriod: {
      start: isoTimestamp(wallet.periodStart),
      end: isoTimestamp(wallet.periodEnd),
      usedCredits: wallet.usedThisPeriod,
    },
    subscriptionTier: 'pro',
    billingStatus: 'active',
    estimatedCreditsPerFormat: {
      slideshow_builder: formatPrices['slideshow-builder'],
      ugc_remix: formatPrices['ugc-remix'],
      slideshow_remix: 50,
      video_remix: 120,
    },
    ingestCostsBilled: { github: false, website: false, appstore: false },
  };
}

export function ledgerRepresentation(row: LedgerEvent): Record<string, unknown> {
  return {
    eventId: row.eventId,
    projectId: row.projectId,
    credits: row.credits,
    eventType: row.eventType,
    format: row.format,
    containerId: row.containerId,
    workflowId: row.workflowId,
    balanceAfterPrepaid: row.balanceAfterPrepaid,
    usageAfterPeriod: row.usageAfterPeriod,
    description: row.description ?? null,
    metadata: plainMetadata(row.metadata),
    createdAt: isoTimestamp(row.createdAt),
  };
}

/** Lists one organization's ledger with the filters of GET …/credits/events. */
export function listLedger(mock: MockContext, organizationId: string, query: Record<string, any>): HandlerResult {
  const projectId = query.projectId === undefined ? undefined : normalizeUuidId(query.projectId, 'prj');
  const types = query.eventType as string[] | undefined;
  const since = query.since === undefined ? undefined : Date.parse(query.since);
  const until = query.until === undefined ? undefined : Date.parse(query.until);

  // Ledger rows of one instant keep their write order: the sequence number breaks createdAt ties.
  const rows = mock.store.ledger
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.organizationId === organizationId)
    .filter(({ row }) => projectId === undefined || row.projectId === projectId)
    .filter(({ row }) => types === undefined || types.includes(row.eventType))
    .filter(({ row }) => since === undefined || row.createdAt >= since)
    .filter(({ row }) => until === undefined || row.createdAt <= until);

  const page = paginate(rows, {
    cursor: query.cursor,
    limit: query.limit,
    position: ({ row, index }) => ({ createdAt: row.createdAt, id: String(Number.MAX_SAFE_INTEGER - index).padStart(16, '0') }),
  });

  return { status: 200, body: { items: page.items.map(({ row }) => ledgerRepresentation(row)), nextCursor: page.nextCursor } };
}

export const creditHandlers: Record<string, Handler> = {
  getCredits(request) {
    const principal = principalOf(request);
    return { status: 200, body: walletRepresentation(walletOf(request.mock, principal.organization.id)) };
  },

  listCreditEvents(request) {
    const principal = principalOf(request);
    return listLedger(request.mock, principal.organization.id, request.query);
  },
};
