// Ad account connection. The partner requests a consent URL, and the customer consents on the
// platform and returns to returnUrl?status=connected&accountId=…. The mock plays the customer's
// part, so the connection completes one job duration after the URL was made. Tokens expire 60
// days after connection, and archiving the project disconnects its accounts.
import type { MockContext } from '../../context.ts';
import type { Project } from '../../state/types.ts';
import { emitEvent } from '../events.ts';
import { onProjectArchived } from '../projects/handlers.ts';
import { recordAudit } from '../audit/record.ts';
import { adAccountView } from './representation.ts';
import { layerFor } from './layers.ts';
import { platformCurrency, platformToken } from './platforms.ts';
import type { AdAccount, AdAccountConnection, AdsPlatform } from './types.ts';

export const connectTask = 'ads.account.connect';
export const tokenExpiryTask = 'ads.account.token_expire';
export const tokenLifetimeMs = 60 * 24 * 3_600_000;

const platformNames: Record<AdsPlatform, string> = { meta: 'Meta', tiktok: 'TikTok', apple: 'Apple Search Ads' };

export function startConnection(mock: MockContext, project: Project, platform: AdsPlatform, returnUrl: string, at: number): AdAccountConnection {
  const connection: AdAccountConnection = {
    state: mock.ids.base64url(24),
    organizationId: project.organizationId,
    projectId: project.id,
    platform,
    returnUrl,
    status: 'pending',
    adAccountId: null,
    createdAt: at,
  };
  mock.store.adAccountConnections.set(connection.state, connection);
  mock.scheduler.schedule(connectTask, at + mock.config.jobDurationMs, { state: connection.state });
  return connection;
}

function completeConnection(mock: MockContext, connection: AdAccountConnection, at: number): void {
  const project = mock.store.projects.get(connection.projectId);
  if (connection.status !== 'pending' || project === undefined || project.status !== 'active') {
    return;
  }

  const count = [...mock.store.adAccounts.values()].filter((account) => account.projectId === project.id && account.platform === connection.platform).length;
  const account: AdAccount = {
    id: mock.ids.uuid(),
    organizationId: project.organizationId,
    projectId: project.id,
    platform: connection.platform,
    externalId: connection.platform === 'meta' ? `act_${String(Number.parseInt(mock.ids.uuid().slice(0, 8), 16))}` : String(Number.parseInt(mock.ids.uuid().slice(0, 12), 16)),
    name: `${project.name} · ${platformNames[connection.platform]}${count === 0 ? '' : ` ${count + 1}`}`,
    currency: platformCurrency[connection.platform],
    timezone: project.timezone,
    tokenStatus: 'valid',
    tokenLastValidatedAt: at,
    connectedAt: at,
    createdAt: at,
  };
  mock.store.adAccounts.set(account.id, account);
  connection.status = 'connected';
  connection.adAccountId = account.id;
  layerFor(mock, project, connection.platform, at);

  mock.scheduler.schedule(tokenExpiryTask, at + tokenLifetimeMs, { adAccountId: account.id });
  emitEvent(mock, 'ads.account.connected', project.organizationId, { ...adAccountView(account), projectId: project.id }, at);
  recordAudit(mock, { eventType: 'ads.account.connected', organizationId: project.organizationId, projectId: project.id, actorType: 'user', data: { adAccountId: account.id, platform: platformToken(account.platform) }, at });
}

export function registerAccountTasks(mock: MockContext): void {
  mock.scheduler.register(connectTask, (task, dueAt) => {
    const connection = mock.store.adAccountConnections.get(String(task.payload.state));
    if (connection !== undefined) {
      completeConnection(mock, connection, dueAt);
    }
  });

  mock.scheduler.register(tokenExpiryTask, (task, dueAt) => {
    const account = mock.store.adAccounts.get(String(task.payload.adAccountId));
    if (account === undefined || account.tokenStatus !== 'valid' || account.connectedAt + tokenLifetimeMs > dueAt) {
      return;
    }
    account.tokenStatus = 'expired';
    emitEvent(mock, 'ads.account.token_expired', account.organizationId, { ...adAccountView(account), projectId: account.projectId }, dueAt);
  });
}

// Archiving a project disconnects its ad accounts. The listener gets the mock of the request.
onProjectArchived((mock, project, at) => {
  disconnectAccounts(mock, project, at);
  return 0;
});

function disconnectAccounts(mock: MockContext, project: Project, at: number): void {
  for (const account of mock.store.adAccounts.values()) {
    if (account.projectId === project.id && account.tokenStatus !== 'revoked') {
      account.tokenStatus = 'revoked';
      emitEvent(mock, 'ads.account.disconnected', account.organizationId, { ...adAccountView(account), projectId: project.id, reason: 'project_archived' }, at);
    }
  }
}
