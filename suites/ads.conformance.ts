// The ads write surface: the bucket-mode authority gate, pending actions and their dispatch,
// sub-scopes, verdict ids and partner audit rows, creative rules and the budget guardrail.
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { connectAdAccounts, createCampaign, eligibleAdsContent, uploadAdsContent } from './lib/ads-flows.ts';
import { defineCheck, type Check, type CheckContext } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

const verdictPattern = /^ver_[0-9a-f-]{36}$/;

// Every check here connects an ad account, which takes the customer's consent on the platform. Only
// the mock plays the customer's part, so the checks need its control surface.

interface GateWorld {
  target: TargetClient;
  projectId: string;
  adAccountId: string;
}

/** Creates a project with eligible content and a connected Meta ad account. */
async function gateWorld(context: CheckContext, target: TargetClient = context.target): Promise<GateWorld> {
  const project = (await createProject(target)).response.body;
  await eligibleAdsContent(target, project.id, 'Gate creative one');
  await eligibleAdsContent(target, project.id, 'Gate creative two');
  const accounts = await connectAdAccounts({ target, control: context.control }, project.id, ['meta']);
  return { target, projectId: project.id, adAccountId: accounts.meta };
}

function budgetPath(world: GateWorld, campaignId: string): string {
  return `/v1/projects/${world.projectId}/ads/meta/campaigns/${campaignId}/budget`;
}

async function campaignBudget(world: GateWorld, campaignId: string): Promise<number> {
  const campaign = await world.target.call({ method: 'GET', path: `/v1/projects/${world.projectId}/ads/meta/campaigns/${campaignId}` });
  expectStatus(campaign, 200, 'GET …/campaigns/{campaignId}');
  return campaign.response.body.dailyBudgetCents as number;
}

export const adsChecks: Check[] = [
  defineCheck({
    id: 'ads.authority-gate',
    title: 'off denies, draft queues a pending action, auto dispatches; every decision has a verdictId',
    area: 'ads',
    guarantees: ['ADS-AUTHORITY-GATE', 'ADS-VERDICT-ID'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const modes = { off: 'manual', draft: 'draft', auto: 'autopilot' } as const;
      const campaigns: Record<string, string> = {};
      for (const [level, mode] of Object.entries(modes)) {
        campaigns[level] = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId, { campaignManagementMode: mode, creativeMode: mode })).campaignId;
      }

      const denied = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaigns.off as string), body: { dailyBudgetCents: 6000 } });
      expectErrorCode(denied, 403, 'AUTHORITY_DENIED', 'a budget write on a manual campaign (tactical off)');
      expectTrue(verdictPattern.test(String(denied.response.body.error.details?.verdictId)), 'the denial carries details.verdictId', denied);
      expectEqual(await campaignBudget(world, campaigns.off as string), 5000, 'a denied write changes nothing');

      const queued = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaigns.draft as string), body: { dailyBudgetCents: 6000 } });
      expectStatus(queued, 202, 'a budget write on a draft campaign');
      expectEqual(queued.response.body.status, 'pending_approval', 'draft queues the write', queued);
      expectTrue(/^pa_/.test(String(queued.response.body.pendingId)), 'the queued write names its pending action', queued);
      expectTrue(verdictPattern.test(String(queued.response.body.verdictId)), 'the queued write carries a verdictId', queued);
      expectEqual(await campaignBudget(world, campaigns.draft as string), 5000, 'a queued write is not applied yet');

      const dispatched = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaigns.auto as string), body: { dailyBudgetCents: 6000 } });
      expectStatus(dispatched, 202, 'a budget write on an autopilot campaign');
      expectEqual(dispatched.response.body.status, 'dispatched', 'auto dispatches the write', dispatched);
      expectTrue(/^job_/.test(String(dispatched.response.body.jobId)), 'a dispatched write has a job', dispatched);
      expectTrue(verdictPattern.test(String(dispatched.response.body.verdictId)), 'the dispatched write carries a verdictId', dispatched);
      expectEqual(await campaignBudget(world, campaigns.auto as string), 6000, 'the dispatched budget is in force');
    },
  }),

  defineCheck({
    id: 'ads.gate-property',
    title: 'For any modes and write, the outcome follows the level of the write\'s axis',
    area: 'ads',
    guarantees: ['ADS-AUTHORITY-GATE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const outcomes = { manual: 'denied', draft: 'pending_approval', autopilot: 'dispatched' } as const;
      const mode = fc.constantFrom('manual', 'draft', 'autopilot') as fc.Arbitrary<keyof typeof outcomes>;
      const writes = {
        budget: { axis: 'tactical', send: (campaign: any) => ({ method: 'PATCH', path: budgetPath(world, campaign.campaignId), body: { dailyBudgetCents: 5500 } }) },
        targeting: { axis: 'creative', send: (campaign: any) => ({ method: 'PATCH', path: `/v1/projects/${world.projectId}/ads/meta/adsets/${campaign.adsets[0].adsetId}/targeting`, body: { geo: ['DE'] } }) },
        pause: { axis: 'structural', send: (campaign: any) => ({ method: 'POST', path: `/v1/projects/${world.projectId}/ads/meta/campaigns/${campaign.campaignId}/pause` }) },
      } as const;

      await assertProperty(context, [mode, mode, fc.constantFrom('budget', 'targeting', 'pause') as fc.Arbitrary<keyof typeof writes>], async (management, creative, kind) => {
        const campaign = await createCampaign(world.target, world.projectId, 'meta', world.adAccountId, { campaignManagementMode: management, creativeMode: creative });
        const write = writes[kind];
        const expected = outcomes[write.axis === 'creative' ? creative : management];

        const response = await world.target.call(write.send(campaign));
        if (expected === 'denied') {
          expectErrorCode(response, 403, 'AUTHORITY_DENIED', `${kind} with ${write.axis} off`);
        } else {
          expectStatus(response, 202, `${kind} with ${write.axis} on ${expected}`);
          expectEqual(response.response.body.status, expected, `${kind} follows the ${write.axis} axis`, response);
        }
      });
    },
  }),

  defineCheck({
    id: 'ads.pending-dispatch',
    title: 'An approved pending action dispatches on the next optimizer tick; decisions are final',
    area: 'ads',
    guarantees: ['ADS-PENDING-LIFECYCLE'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const campaignId = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId, { campaignManagementMode: 'draft', creativeMode: 'draft' })).campaignId;
      const pendingIds: string[] = [];
      for (const budget of [5500, 6000]) {
        const queued = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: budget } });
        expectStatus(queued, 202, 'a draft budget write');
        pendingIds.push(queued.response.body.pendingId);
      }
      const pendingBase = `/v1/projects/${world.projectId}/ads/meta/pending`;

      const count = await world.target.call({ method: 'GET', path: `${pendingBase}/count` });
      expectEqual(count.response.body.count, 2, 'both writes are pending', count);

      const approved = await world.target.call({ method: 'POST', path: `${pendingBase}/${pendingIds[1]}/approve`, body: { comment: 'ok' } });
      expectStatus(approved, 200, 'approve a pending action');
      expectEqual(approved.response.body.dispatched, false, 'approval does not dispatch at once', approved);
      const rejected = await world.target.call({ method: 'POST', path: `${pendingBase}/${pendingIds[0]}/reject`, body: { reason: 'not agreed' } });
      expectStatus(rejected, 200, 'reject a pending action');
      const again = await world.target.call({ method: 'POST', path: `${pendingBase}/${pendingIds[0]}/approve` });
      expectErrorCode(again, 409, 'CONFLICT', 'approving a rejected action');
      expectEqual(await campaignBudget(world, campaignId), 5000, 'nothing dispatched before the tick');

      await context.control!.advanceClock(6 * 3_600_000);
      const list = await world.target.call({ method: 'GET', path: pendingBase, query: { status: ['dispatched', 'rejected'] } });
      expectStatus(list, 200, 'GET …/pending with status filters');
      const statuses = Object.fromEntries((list.response.body.items as { pendingId: string; status: string }[]).map((item) => [item.pendingId, item.status]));
      expectEqual(statuses[pendingIds[1] as string], 'dispatched', 'the approved action dispatched on the tick', list);
      expectEqual(statuses[pendingIds[0] as string], 'rejected', 'the rejected action stays rejected', list);
      expectEqual(await campaignBudget(world, campaignId), 6000, 'the dispatched budget is in force');
    },
  }),

  defineCheck({
    id: 'ads.write-subscopes',
    title: 'Ads writes need their ads:write:* sub-scope; ads:write:* and legacy ads:write cover them',
    area: 'ads',
    guarantees: ['ADS-WRITE-SUBSCOPES'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const world = await gateWorld(context);
      const campaignId = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId)).campaignId;
      const organizationId = whoami.response.body.organizationId as string;

      const cases: { scopes: string[]; allowed: boolean }[] = [
        { scopes: ['ads:read'], allowed: false },
        { scopes: ['ads:write:creative'], allowed: false },
        { scopes: ['ads:write:budgets'], allowed: true },
        { scopes: ['ads:write:*'], allowed: true },
        { scopes: ['ads:write'], allowed: true },
      ];
      let budget = 5000;
      for (const entry of cases) {
        const minted = await context.control!.mintKey({ organizationId, scopes: entry.scopes });
        const write = await world.target.withKey(minted.key).call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: budget + 100 } });
        if (entry.allowed) {
          budget += 100;
          expectStatus(write, 202, `a budget write with scopes ${entry.scopes.join(' ')}`);
        } else {
          expectErrorCode(write, 403, 'FORBIDDEN_SCOPE', `a budget write with scopes ${entry.scopes.join(' ')}`);
          expectEqual(write.response.body.error.details?.requiredScope, 'ads:write:budgets', 'the denial names the sub-scope', write);
        }
      }
    },
  }),

  defineCheck({
    id: 'ads.partner-audit',
    title: 'Partner ads writes leave audit rows with actorType partner, the key and the verdictId',
    area: 'ads',
    guarantees: ['ADS-PARTNER-AUDIT'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      const world = await gateWorld(context);
      const campaignId = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId)).campaignId;
      const write = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: 5200 } });
      expectStatus(write, 202, 'a dispatched budget write');

      const audit = await world.target.call({ method: 'GET', path: '/v1/audit-log', query: { eventType: 'ads.write.executed', projectId: world.projectId, limit: 200 } });
      expectStatus(audit, 200, 'GET /v1/audit-log filtered by event type and project');
      const row = (audit.response.body.items as any[]).find((item) => item.verdictId === write.response.body.verdictId);
      expectTrue(row !== undefined, 'the write has an audit row with its verdictId', audit);
      expectEqual(row.actorType, 'partner', 'the actor is the partner', audit);
      expectEqual(row.actorApiKeyId, whoami.response.body.apiKeyId, 'the row names the partner key', audit);
      expectEqual(row.actorOrganizationId, whoami.response.body.organizationId, 'the row names the partner organization', audit);
    },
  }),

  defineCheck({
    id: 'ads.creative-rules',
    title: 'Flagged creatives are locked until unlocked, and an ad never loses its last creative',
    area: 'ads',
    guarantees: ['ADS-CREATIVE-FLAGGED', 'ADS-NEVER-EMPTY-AD'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const campaign = await createCampaign(world.target, world.projectId, 'meta', world.adAccountId);
      const adId = campaign.adIds[0] as string;
      const creativePath = `/v1/projects/${world.projectId}/ads/meta/ads/${adId}/creative`;
      const flagged = await uploadAdsContent(world.target, world.projectId, 'Guaranteed results or your money back');

      const pushed = await world.target.call({ method: 'POST', path: creativePath, body: { adsContentId: flagged } });
      expectErrorCode(pushed, 422, 'CREATIVE_FLAGGED', 'pushing a creative the safety pass flagged');

      const unlockPath = `/v1/projects/${world.projectId}/ads/meta/creatives/${flagged}/unlock`;
      const unlocked = await world.target.call({ method: 'POST', path: unlockPath, body: { comment: 'reviewed' } });
      expectStatus(unlocked, 200, 'unlocking the flagged creative');
      expectTrue(verdictPattern.test(String(unlocked.response.body.verdictId)), 'the unlock carries a verdictId', unlocked);
      const twice = await world.target.call({ method: 'POST', path: unlockPath });
      expectErrorCode(twice, 404, 'NOT_FOUND', 'unlocking a creative that is no longer locked');

      const ad = await world.target.call({ method: 'GET', path: `/v1/projects/${world.projectId}/ads/ads`, query: { campaignId: campaign.campaignId } });
      const only = (ad.response.body.items as any[]).find((item) => item.adId === adId);
      expectEqual(only.creatives.length, 1, 'a new ad runs one creative', ad);
      const pruned = await world.target.call({ method: 'DELETE', path: creativePath, body: { adsContentId: only.adsContentId } });
      expectErrorCode(pruned, 409, 'WOULD_LEAVE_AD_EMPTY', 'pruning the last creative of an ad');
    },
  }),

  defineCheck({
    id: 'ads.budget-cents',
    title: 'Budgets are integer cents, and one move is capped at 50 % and 10,000 cents',
    area: 'ads',
    guarantees: ['ADS-MONEY-CENTS', 'ADS-BUDGET-GUARDRAIL'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const campaignId = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId, { dailyBudgetCents: 8000 })).campaignId;

      const fractional = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: 8000.5 } });
      expectErrorCode(fractional, 422, 'VALIDATION', 'a fractional number of cents');
      const both = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: 8100, lifetimeBudgetCents: 90000 } });
      expectErrorCode(both, 422, 'VALIDATION', 'both budget types at once');
      const tooFar = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: 12001 } });
      expectErrorCode(tooFar, 422, 'BUDGET_CAP_EXCEEDED', 'a move of more than 50 %');
      const atLimit = await world.target.call({ method: 'PATCH', path: budgetPath(world, campaignId), body: { dailyBudgetCents: 12000 } });
      expectStatus(atLimit, 202, 'a move of exactly 50 %');
      expectEqual(await campaignBudget(world, campaignId), 12000, 'the budget is stored in cents as sent');
    },
  }),

  defineCheck({
    id: 'ads.no-self-escalation',
    title: 'A partner may lower campaign authority and layer defaults but never raise them',
    area: 'ads',
    guarantees: ['ADS-NO-SELF-ESCALATION'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const world = await gateWorld(context);
      const campaignId = (await createCampaign(world.target, world.projectId, 'meta', world.adAccountId, { campaignManagementMode: 'draft', creativeMode: 'autopilot' })).campaignId;
      const authorityPath = `/v1/projects/${world.projectId}/ads/meta/campaigns/${campaignId}/authority`;

      const lowered = await world.target.call({ method: 'PATCH', path: authorityPath, body: { authority: { creative: 'draft', tactical: 'off' } } });
      expectStatus(lowered, 200, 'lowering two axes');
      expectEqual(lowered.response.body.authority, { creative: 'draft', tactical: 'off', structural: 'draft' }, 'the lowered authority is in force', lowered);
      const raised = await world.target.call({ method: 'PATCH', path: authorityPath, body: { authority: { structural: 'auto' } } });
      expectErrorCode(raised, 403, 'AUTHORITY_DENIED', 'raising the structural axis');
      const read = await world.target.call({ method: 'GET', path: authorityPath });
      expectEqual(read.response.body.authority.structural, 'draft', 'the denied raise changed nothing', read);

      const defaultsPath = `/v1/projects/${world.projectId}/ads/meta/defaults`;
      const lowerDefaults = await world.target.call({ method: 'PATCH', path: defaultsPath, body: { defaults: { structural: 'draft' } } });
      expectStatus(lowerDefaults, 200, 'lowering a layer default');
      const raiseDefaults = await world.target.call({ method: 'PATCH', path: defaultsPath, body: { defaults: { structural: 'auto' } } });
      expectErrorCode(raiseDefaults, 403, 'AUTHORITY_DENIED', 'raising a layer default back');

      const create = await world.target.call({
        method: 'POST',
        path: `/v1/projects/${world.projectId}/ads/meta/campaigns`,
        body: { adAccountId: world.adAccountId, name: 'Queued create', outcome: 'traffic', dailyBudgetCents: 2000, campaignManagementMode: 'autopilot', creativeMode: 'autopilot' },
      });
      expectStatus(create, 202, 'a create under draft structural defaults');
      expectEqual(create.response.body.status, 'pending_approval', 'the create is queued by the layer defaults', create);
    },
  }),
];
