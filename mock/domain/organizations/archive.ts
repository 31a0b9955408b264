// Archiving a child organization (D24): terminal. It revokes the child's keys, cancels its
// generations still in the queued stage, and sweeps its unspent, unreserved credits back to the
// parent as a reclaim transfer.
import type { MockContext } from '../../context.ts';
import type { Organization } from '../../state/types.ts';
import { transferCredits } from '../credits/transfer.ts';
import { availableOf, walletOf } from '../credits/wallet.ts';
import { cancelJob, positionOf } from '../jobs/lifecycle.ts';

/** True when the key still authenticates: not revoked, not killed, and not past a rotation's grace. */
export function isUsableKey(key: { status: string; killSwitch: boolean; graceUntil: number | null }, now: number): boolean {
  return key.status === 'active' && !key.killSwitch && (key.graceUntil === null || now < key.graceUntil);
}

export function archiveOrganization(mock: MockContext, organization: Organization, at: number): void {
  if (organization.status === 'archived' || organization.parentOrganizationId === null) {
    return;
  }

  let revokedApiKeys = 0;
  for (const key of mock.store.apiKeys.values()) {
    if (key.organizationId !== organization.id || key.status === 'revoked') {
      continue;
    }
    if (isUsableKey(key, at)) {
      revokedApiKeys += 1;
    }
    key.status = 'revoked';
    key.revokedAt = key.revokedAt ?? at;
  }

  // Work still queued is canceled, which releases its reservation before the sweep below.
  for (const job of mock.store.jobs.values()) {
    if (job.organizationId === organization.id && job.status === 'running' && positionOf(job, at).stage.name === 'queued') {
      cancelJob(mock, job, at);
    }
  }

  const reclaimable = availableOf(walletOf(mock, organization.id));
  if (reclaimable > 0) {
    transferCredits(mock, { parentOrganizationId: organization.parentOrganizationId, childOrganizationId: organization.id, direction: 'reclaim', credits: reclaimable, at });
  }

  organization.status = 'archived';
  organization.archivedAt = at;
  organization.updatedAt = at;
  organization.reclaimedCredits = reclaimable;
  organization.revokedApiKeys = revokedApiKeys;
}
