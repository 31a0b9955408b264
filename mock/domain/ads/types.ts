// The records of the ads area: the ads layer of each project and platform, connected ad accounts,
// campaigns, ad sets, ads, Apple keywords, pending actions, platform reviews, optimizer runs and
// the scored ads-content rows. Times are epoch ms on the mock clock; money is integer cents.
export type AdsPlatform = 'meta' | 'tiktok' | 'apple';
export type AuthorityLevel = 'off' | 'draft' | 'auto';
export type AuthorityAxis = 'creative' | 'tactical' | 'structural';
export type Authority = Record<AuthorityAxis, AuthorityLevel>;

export interface ActorRef {
  actorType: 'partner' | 'user' | 'system';
  actorOrganizationId: string | null;
  actorApiKeyId: string | null;
}

/** The ads layer of one project on one platform: defaults, kill switch and CAPI config. */
export interface AdsLayer {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  defaults: Authority;
  killSwitchActive: boolean;
  lastModifiedAt: number;
  lastModifiedBy: ActorRef;
  createdAt: number;
}

export interface AdAccount {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  externalId: string;
  name: string;
  currency: string;
  timezone: string;
  tokenStatus: 'valid' | 'expired' | 'revoked';
  tokenLastValidatedAt: number;
  connectedAt: number;
  createdAt: number;
}

export interface AdAccountConnection {
  state: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  returnUrl: string;
  status: 'pending' | 'connected';
  adAccountId: string | null;
  createdAt: number;
}

export type AdEntityStatus = 'active' | 'paused' | 'archived' | 'deleted' | 'in_review' | 'rejected';

/** A stretch of time an ad (or an Apple ad group) delivered, at a steady spend rate. */
export interface DeliveryInterval {
  start: number;
  end: number | null;
  dailySpendCents: number;
}

export interface Campaign {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  adAccountId: string;
  externalId: string;
  name: string;
  outcome: string;
  status: AdEntityStatus;
  budgetMode: 'CBO' | 'ABO';
  dailyBudgetCents: number | null;
  lifetimeBudgetCents: number | null;
  bidStrategy: Record<string, unknown> | null;
  startTime: number;
  endTime: number | null;
  authority: Authority | null;
  authorityModifiedAt: number | null;
  authorityModifiedBy: ActorRef | null;
  createdAt: number;
  updatedAt: number;
}

export interface Targeting {
  geo: string[];
  age: { min: number; max: number };
  genders: 'male' | 'female' | 'all';
  customAudiences: string[];
  placements: string[];
}

export interface Dayparts {
  dayOfWeek: number;
  startMinute: number;
  endMinute: number;
}

export interface AdSet {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  campaignId: string;
  adAccountId: string;
  externalId: string;
  name: string;
  status: AdEntityStatus;
  optimizationGoal: string;
  dailyBudgetCents: number | null;
  lifetimeBudgetCents: number | null;
  targeting: Targeting;
  schedule: { startTime: number | null; endTime: number | null; dayparts: Dayparts[] };
  /** Apple ad groups deliver themselves, because Apple has no ad entity; empty elsewhere. */
  delivery: DeliveryInterval[];
  createdAt: number;
  updatedAt: number;
}

export interface Ad {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  campaignId: string;
  adsetId: string;
  adAccountId: string;
  externalId: string;
  name: string;
  status: AdEntityStatus;
  /** The ads-content rows the ad runs, oldest first; an ad never runs none. */
  creatives: { adsContentId: string; caption: string | null; addedAt: number }[];
  delivery: DeliveryInterval[];
  createdAt: number;
  updatedAt: number;
}

export interface AppleKeyword {
  id: string;
  organizationId: string;
  projectId: string;
  adgroupId: string;
  text: string;
  matchType: 'exact' | 'broad';
  bidAmountCents: number;
  status: 'active' | 'paused' | 'deleted';
  createdAt: number;
  updatedAt: number;
}

export type PendingStatus = 'pending' | 'approved' | 'rejected' | 'dispatched' | 'dispatch_failed';

/** A write the gate queued because its axis is in draft; it runs once approved and dispatched. */
export interface PendingAction {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  actionType: string;
  entityType: 'campaign' | 'adset' | 'ad' | 'adgroup' | 'layer';
  entityId: string;
  entityName: string;
  currentValue: unknown;
  newValue: unknown;
  rationale: string;
  /** The operation and body to apply on dispatch. */
  write: { operation: string; projectId: string; platform: AdsPlatform; params: Record<string, string>; body: Record<string, any> };
  status: PendingStatus;
  verdictId: string;
  actor: ActorRef;
  comment: string | null;
  rejectionReason: string | null;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  dispatchedAt: number | null;
  dispatchFailureReason: string | null;
}

export interface AdReview {
  id: string;
  organizationId: string;
  projectId: string;
  platform: AdsPlatform;
  adId: string;
  adsContentId: string;
  status: 'pending_review' | 'approved' | 'disapproved';
  platformReason: string | null;
  submittedAt: number;
  decidedAt: number | null;
}

export type RunKind = 'ads_optimizer_run' | 'content_refresh' | 'disable_underperforming';

export interface AdsRun {
  id: string;
  organizationId: string;
  projectId: string;
  layerId: string;
  platform: AdsPlatform;
  kind: RunKind;
  jobId: string;
  dryRun: boolean;
  maxNewCreatives: number | null;
  status: 'running' | 'completed' | 'failed' | 'canceled';
  actions: Record<string, unknown>[];
  startedAt: number;
  finishedAt: number | null;
}

/** One scored creative: a generated or uploaded container of the project. */
export interface AdsContentRow {
  id: string;
  organizationId: string;
  projectId: string;
  containerId: string;
  scoringPool: 'generated' | 'ugc' | 'manual';
  override: 'include' | 'exclude' | null;
  overrideNote: string | null;
  safetyFailed: boolean;
  flaggedReason: string | null;
  lockedAt: number | null;
  unlockedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type RecommendationStatus = 'open' | 'acknowledged' | 'dismissed' | 'acted_on';

export interface Recommendation {
  id: string;
  organizationId: string;
  projectId: string;
  kind: 'value_propositions' | 'refresh_fatigued';
  /** The subject of the recommendation; a project has one recommendation per kind and subject. */
  subjectKey: string;
  status: RecommendationStatus;
  note: string | null;
  acknowledgedAt: number | null;
  dismissedAt: number | null;
  actedOnAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A row of the audit log, newest first by occurredAt then eventId. */
export interface AuditRow {
  eventId: string;
  requestId: string | null;
  eventType: string;
  organizationId: string;
  projectId: string | null;
  actorType: 'partner' | 'user' | 'system';
  actorOrganizationId: string | null;
  actorApiKeyId: string | null;
  verdictId: string | null;
  data: Record<string, unknown>;
  piiRedacted: boolean;
  occurredAt: number;
}
