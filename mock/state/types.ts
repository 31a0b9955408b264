// The records the mock keeps. Times are epoch milliseconds on the mock clock; the domain modules
// turn records into their API representation.
export type Metadata = Record<string, string>;

export type OrganizationStatus = 'active' | 'suspended' | 'archived';

export interface Organization {
  id: string;
  name: string;
  parentOrganizationId: string | null;
  status: OrganizationStatus;
  metadata: Metadata;
  billingEmail: string | null;
  subscriptionTier: string;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** What the archive swept and revoked (D24), returned again when an archived child is archived. */
  reclaimedCredits?: number;
  revokedApiKeys?: number;
}

export interface Wallet {
  organizationId: string;
  /** Included (subscription) credits left in the current period. */
  includedRemaining: number;
  includedThisPeriod: number;
  prepaidBalance: number;
  /** Sum of the open reservations of the organization. */
  reservedCredits: number;
  usedThisPeriod: number;
  periodStart: number;
  periodEnd: number;
}

export type CreditEventType = 'usage' | 'refund' | 'grant' | 'purchase' | 'adjustment' | 'allocation';

export interface LedgerEvent {
  eventId: string;
  organizationId: string;
  projectId: string | null;
  credits: number;
  eventType: CreditEventType;
  format: string | null;
  containerId: string | null;
  workflowId: string | null;
  balanceAfterPrepaid: number;
  usageAfterPeriod: number;
  /** The description of an allocation, on both of its rows. */
  description?: string | null;
  metadata: Metadata;
  createdAt: number;
}

/** A child organization's monthly cap and auto-refill rule (D23); null fields are unset. */
export interface CreditConfig {
  organizationId: string;
  monthlyCreditCap: number | null;
  refillThreshold: number | null;
  refillAmount: number | null;
}

export interface Reservation {
  id: string;
  organizationId: string;
  jobId: string;
  amount: number;
  format: string | null;
  projectId: string | null;
}

export type KeyEnvironment = 'live' | 'test';

export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  /** The 16-character key id inside the bearer token. */
  handle: string;
  env: KeyEnvironment;
  /** SHA-256 of the whole bearer token, hex. The token itself is never stored. */
  tokenHash: string;
  scopes: string[];
  rateLimitTier: string;
  status: 'active' | 'revoked';
  killSwitch: boolean;
  /** True for keys minted under /v1/organizations/{orgId}/api-keys. */
  isChildKey: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  rotatedAt: number | null;
  revokedAt: number | null;
  graceUntil: number | null;
  supersededBy: string | null;
}

export interface Project {
  id: string;
  organizationId: string;
  name: string;
  status: 'active' | 'archived';
  customerExternalId: string | null;
  timezone: string;
  primaryLanguage: string;
  ownerEmail: string | null;
  appName: string | null;
  appDescription: string | null;
  tagline: string | null;
  brandVoice: string | null;
  targetGender: string | null;
  requiresApproval: boolean;
  metadata: Record<string, unknown>;
  archivedAt: number | null;
  archiveReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export type ContainerStatus = 'queued' | 'processing' | 'completed' | 'failed' | 'canceled';

export interface Preview {
  kind: 'slideshow' | 'video' | 'image';
  primaryUrl: string;
  thumbnailUrl: string | null;
  imageUrls: string[];
  videoUrl: string | null;
  hlsUrl: string | null;
  durationMs: number | null;
  aspectRatio: string | null;
}

export interface Asset {
  assetId: string;
  kind: 'image' | 'video';
  url: string;
  thumbnailUrl: string | null;
  mimeType: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

export interface Container {
  id: string;
  organizationId: string;
  projectId: string;
  status: ContainerStatus;
  format: string | null;
  hook: string | null;
  influencerId: string | null;
  caption: string | null;
  preview: Preview | null;
  assets: Asset[];
  approvalStatus: 'not_required' | 'pending' | 'approved' | 'rejected';
  creativeType: 'generated' | 'uploaded';
  adsEnrollment: 'eligible' | 'opted_out';
  jobId: string | null;
  variantIndex: number | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  failedAt: number | null;
  lastError: { code: string; message: string } | null;
}

export type JobStatus = 'running' | 'completed' | 'failed' | 'canceled';

export interface JobStage {
  name: string;
  /** Share of the job's duration this stage takes, 0..1; the shares sum to 1. */
  share: number;
  cancelable: boolean;
}

export interface Job {
  jobId: string;
  organizationId: string;
  kind: string;
  status: JobStatus;
  /** The stage a terminal job ended in. */
  finalStage: string | null;
  stages: JobStage[];
  startedAt: number;
  durationMs: number;
  finishedAt: number | null;
  projectId: string | null;
  containerIds: string[];
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  /** When set, the job fails at its last stage with this error instead of completing. */
  plannedFailure: { code: string; message: string } | null;
  updatedAt: number;
}

export interface IdempotencyEntry {
  key: string;
  fingerprint: string;
  state: 'in_flight' | 'completed';
  status: number;
  headers: Record<string, string>;
  body: unknown;
  requestId: string;
  createdAt: number;
}

/** A domain event, the source of webhook deliveries. */
export interface DomainEvent {
  id: string;
  type: string;
  organizationId: string;
  data: Record<string, unknown>;
  createdAt: number;
}

export interface ScheduledTask {
  id: string;
  kind: string;
  dueAt: number;
  payload: Record<string, unknown>;
}

export interface Fault {
  id: string;
  method: string | null;
  path: string | null;
  status: number | null;
  latencyMs: number | null;
  drop: boolean;
  probability: number;
  /** Matches left; null for no limit. */
  remaining: number | null;
}
