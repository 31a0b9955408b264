// Budget rules checked before a budget write reaches the gate: the platform minimum, no switch
// between daily and lifetime budgets mid-flight, no lifetime budget on an ended campaign, and the
// safety guardrail on the size of one budget move (at most 50 % and at most $100 = 10,000 cents).
import type { MockContext } from '../../context.ts';
import { ApiError, validationError } from '../../http/errors.ts';
import { emitEvent } from '../events.ts';
import { minimumDailyBudgetCents, platformToken } from './platforms.ts';
import type { AdsPlatform, Campaign } from './types.ts';

export const maxBudgetMoveRatio = 0.5;
export const maxBudgetMoveCents = 10_000;

export interface BudgetChange {
  dailyBudgetCents?: number;
  lifetimeBudgetCents?: number;
}

export function assertMinimumBudget(platform: AdsPlatform, change: BudgetChange): void {
  const minimum = minimumDailyBudgetCents[platform];
  const field = change.dailyBudgetCents !== undefined ? 'dailyBudgetCents' : 'lifetimeBudgetCents';
  const value = change.dailyBudgetCents ?? change.lifetimeBudgetCents ?? 0;
  if (value < minimum) {
    throw validationError(field, `is ${value} cents, below the ${platform} minimum of ${minimum} cents. Send at least ${minimum}.`);
  }
}

export function assertBudgetChange(mock: MockContext, campaign: Campaign, current: { dailyBudgetCents: number | null; lifetimeBudgetCents: number | null }, change: BudgetChange, entityId: string, at: number): void {
  assertMinimumBudget(campaign.platform, change);

  const switching = (change.dailyBudgetCents !== undefined && current.lifetimeBudgetCents !== null) || (change.lifetimeBudgetCents !== undefined && current.dailyBudgetCents !== null);
  if (switching) {
    throw new ApiError(
      'PLATFORM_REJECTED',
      { reason: `${entityId} runs on a ${current.dailyBudgetCents !== null ? 'daily' : 'lifetime'} budget; the platform does not switch budget types mid-flight. Send the same budget type.` },
      { platformCode: 'BUDGET_TYPE_SWITCH' },
    );
  }
  if (change.lifetimeBudgetCents !== undefined && campaign.endTime !== null && campaign.endTime <= at) {
    throw new ApiError('PLATFORM_REJECTED', { reason: `Campaign ${campaign.id} ended at ${new Date(campaign.endTime).toISOString()}; a lifetime budget cannot change after the end time.` }, { platformCode: 'CAMPAIGN_ENDED' });
  }

  const before = change.dailyBudgetCents !== undefined ? current.dailyBudgetCents : current.lifetimeBudgetCents;
  const after = (change.dailyBudgetCents ?? change.lifetimeBudgetCents) as number;
  if (before === null) {
    return;
  }
  const move = Math.abs(after - before);
  const allowed = Math.min(Math.floor(before * maxBudgetMoveRatio), maxBudgetMoveCents);
  if (move > allowed) {
    emitEvent(mock, 'ads.budget.cap_exceeded', campaign.organizationId, { projectId: campaign.projectId, platform: platformToken(campaign.platform), entityId, currentBudgetCents: before, requestedBudgetCents: after, maxMoveCents: allowed }, at);
    throw new ApiError(
      'BUDGET_CAP_EXCEEDED',
      { entityId, before, after, allowed },
      { currentBudgetCents: before, requestedBudgetCents: after, maxMoveCents: allowed },
    );
  }
}
