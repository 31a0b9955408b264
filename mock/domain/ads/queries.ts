// Shared lookups over the ads tables.
import type { MockContext } from '../../context.ts';
import type { AdAccount } from './types.ts';

export function adAccountsOf(mock: MockContext, projectId: string): AdAccount[] {
  return [...mock.store.adAccounts.values()].filter((account) => account.projectId === projectId);
}
