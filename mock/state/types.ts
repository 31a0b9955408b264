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
  /**
   * Tokens an in-place rotation replaced. Such a token is refused with 401, except that it may
   * replay a stored response of its own (the rotation's, with the new secret) within the window.
   */
  retiredTokens?: { handle: string; tokenHash: string; retiredAt: number }[];
  supersededBy: string | null;
  /** Hosts a returnUrl may name (OAuth hand-offs); Layers sets them, partners cannot. Unset means the mock's defaults. */
  allowedReturnDomains?: string[];
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
  /** Resource ids the envelope shows beside projectId, such as influencerId. */
  pointers?: Record<string, string>;
  /** Input the job's kind reads when the job ends, fixed when the job starts. */
  payload?: Record<string, unknown>;
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

export type ReviewPolicyName = 'auto_approve' | 'review_first_n' | 'review_all';

/** A project's content review policy; projects without a row use auto_approve. */
export interface ContentReviewPolicy {
  projectId: string;
  policy: ReviewPolicyName;
  /** Set only with review_first_n: new content starts pending until this many items were approved. */
  firstN: number | null;
  /** ISO-8601 duration of the older approval-policy resource; pending content is approved after it. */
  autoApproveAfter: string | null;
  updatedAt: number;
}

/** The last review decision on a container. */
export interface ApprovalDecision {
  containerId: string;
  decision: 'approved' | 'rejected';
  /** The API key id that decided, or auto_approve_after for the timed approval. */
  decidedBy: string;
  decidedAt: number;
  note: string | null;
  reason: string | null;
}

export interface UploadFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** A direct-upload session: its containers wait for finalize-upload. */
export interface UploadSession {
  id: string;
  organizationId: string;
  projectId: string;
  grouping: 'per-file' | 'slideshow';
  /** One entry per container, with the indexes of its files in `files`. */
  containers: { containerId: string; fileIndexes: number[]; finalizedAt: number | null }[];
  files: UploadFile[];
  createdAt: number;
  expiresAt: number;
}

export type SocialPlatform = 'tiktok' | 'instagram';

export type SocialAccountStatus = 'connected' | 'reauth_required' | 'disconnected';

export interface SocialAccount {
  id: string;
  organizationId: string;
  projectId: string;
  platform: SocialPlatform;
  handle: string;
  displayName: string;
  status: SocialAccountStatus;
  leased: boolean;
  leaseRequestId: string | null;
  followers: number;
  scopes: string[];
  connectedAt: number;
  tokenExpiresAt: number | null;
  disconnectedAt: number | null;
  disconnectedReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** An OAuth hand-off started by oauth-url or reauth-url, completed through the control surface. */
export interface OAuthSession {
  state: string;
  organizationId: string;
  apiKeyId: string;
  projectId: string;
  platform: SocialPlatform;
  /** The account a reauth rebinds; null for a new connection. */
  socialAccountId: string | null;
  returnUrl: string;
  scopes: string[];
  usageNote: string | null;
  status: 'pending' | 'completed' | 'failed';
  error: { code: string; message: string } | null;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
}

export type ScheduledPostStatus = 'queued' | 'publishing' | 'published' | 'draft' | 'failed' | 'canceled';

export interface ScheduledPost {
  id: string;
  organizationId: string;
  projectId: string;
  containerId: string;
  socialAccountId: string;
  platform: SocialPlatform;
  mode: 'publish' | 'draft';
  status: ScheduledPostStatus;
  scheduledFor: number;
  captionOverride: string | null;
  firstCommentOverride: string | null;
  tiktokMusic: string | null;
  shareReelToFeed: boolean | null;
  externalId: string | null;
  externalUrl: string | null;
  attemptedAt: number | null;
  publishedAt: number | null;
  canceledAt: number | null;
  cancelReason: string | null;
  lastError: { code: string; message: string } | null;
  /** The scheduler task that moves the post next. */
  taskId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type LeaseRequestStatus = 'requested' | 'in_review' | 'provisioning' | 'assigned' | 'failed';

export interface LeaseRequest {
  id: string;
  organizationId: string;
  projectId: string;
  count: number;
  niche: { vertical: string; audience?: string; language?: string; geo?: string[] };
  target: string | null;
  note: string | null;
  status: LeaseRequestStatus;
  assignedSocialAccountIds: string[];
  failureReason: string | null;
  submittedAt: number;
  inReviewAt: number | null;
  provisioningAt: number | null;
  assignedAt: number | null;
  failedAt: number | null;
  updatedAt: number;
}

export interface EngagementConfig {
  projectId: string;
  enabled: boolean;
  firstComment: { targets: SocialPlatform[]; commentTemplate: string; strategy: 'literal' | 'generated' };
  replyToComments: {
    targets: SocialPlatform[];
    autoReplyDelay: string;
    tone: string | null;
    maxPerPostPerHour: number | null;
    ignoreCommentsMatching: string[];
    escalateNegativeSentiment: boolean;
  };
  updatedAt: number | null;
}

/** A regenerate job of one container; preserveAssets keeps the media and renews only the caption. */
export interface Regeneration {
  jobId: string;
  containerId: string;
  preserveAssets: boolean;
}

export type WebhookEndpointStatus = 'active' | 'paused' | 'auto_paused';

export interface WebhookSecret {
  secret: string;
  createdAt: number;
  /** Null for the current secret; set when a rotation replaced it (D26: 24 h later). */
  expiresAt: number | null;
}

export interface WebhookEndpoint {
  id: string;
  organizationId: string;
  projectId: string | null;
  url: string;
  description: string | null;
  status: WebhookEndpointStatus;
  events: string[];
  scope: 'own' | 'all_children';
  metadata: Metadata;
  /** The current secret first, then earlier ones until they expire. */
  secrets: WebhookSecret[];
  consecutiveFailureCount: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'abandoned';

export interface WebhookAttempt {
  number: number;
  /** The mock time the attempt was made at: its ladder time, or later if it was held. */
  attemptedAt: number;
  request: { url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string } | null;
  /** Why no response was received: a network error, the timeout, or a blocked host. */
  error: string | null;
  durationMs: number | null;
  outcome: 'in_flight' | 'delivered' | 'retry' | 'failed';
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  /** The endpoint's organization, which owns the delivery. */
  organizationId: string;
  eventId: string;
  eventType: string;
  /** The exact body of every attempt. */
  payload: string;
  replayOf: string | null;
  status: WebhookDeliveryStatus;
  /** The ladder's zero (D28): the event's time, or the request's for a test ping or a replay. */
  ladderStart: number;
  attempts: number;
  nextRetryAt: number | null;
  /** True while an attempt that fell due during a pause waits for the endpoint to be active. */
  held: boolean;
  /** True once the endpoint is deleted: the delivery leaves the API but stays in /_mock. */
  endpointDeleted: boolean;
  deliveredAt: number | null;
  failedAt: number | null;
  abandonedAt: number | null;
  lastResponseStatus: number | null;
  lastResponseAt: number | null;
  lastErrorMessage: string | null;
  createdAt: number;
  attemptLog: WebhookAttempt[];
}

// Project setup: brand ingestion and keywords, app media, GitHub, SDK apps, telemetry events and
// influencers.

export type IngestSource = 'github' | 'website' | 'appstore';

export interface IngestRun {
  status: 'running' | 'completed' | 'failed';
  jobId: string;
  completedAt: number | null;
}

export interface Hashtag {
  hashtag: string;
  phrase: string;
  score: number;
  viewCount: number;
  useCount: number;
}

/** Findings of brand ingestion and keyword research about a project, keyed by project id. */
export interface ProjectBrand {
  projectId: string;
  ingest: Record<IngestSource, IngestRun | null>;
  audience: string | null;
  keywords: string[];
  hashtags: Hashtag[];
  keywordsRefreshedAt: number | null;
}

export type AppMediaKind = 'logo' | 'screenshot' | 'demo-video' | 'end-card';

export interface AppMedia {
  id: string;
  organizationId: string;
  projectId: string;
  kind: AppMediaKind;
  sourceUrl: string;
  url: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: number;
  /** Set when deleted or replaced; deleted media are never shown again. */
  deletedAt: number | null;
  /** The item this upload replaced (logo and end-card), and the item that replaced this one. */
  replacedMediaId: string | null;
  replacedBy: string | null;
}

export interface GithubInstallState {
  state: string;
  organizationId: string;
  returnUrl: string;
  expiresAt: number;
}

export interface GithubInstallation {
  organizationId: string;
  installationId: number;
  login: string;
  status: 'active' | 'uninstalled';
  registeredAt: number;
  lastVerifiedAt: number;
}

export type SdkPlatform = 'ios' | 'android' | 'web' | 'react-native' | 'flutter' | 'expo' | 'nextjs' | 'vite' | 'react-router';

export type CapiPlatform = 'meta' | 'tiktok' | 'apple';

export interface SdkApp {
  appId: string;
  organizationId: string;
  projectId: string;
  name: string;
  platform: SdkPlatform;
  bundleId: string | null;
  androidPackage: string | null;
  webDomain: string | null;
  /** SHA-256 of the ingest key; the key itself is shown once and never stored. */
  keyHash: string;
  /** The CAPI platforms this app has toggled; their state lives in the project's CAPI config. */
  capiPlatforms: CapiPlatform[];
  createdAt: number;
  updatedAt: number;
  lastRotatedAt: number | null;
  lastEventAt: number | null;
}

export interface CapiPlatformConfig {
  enabled: boolean;
  pixelId: string;
  updatedAt: number;
  updatedByAppId: string;
}

/** The project-level CAPI config that the relay reads, written through by SDK app PATCH. */
export interface ProjectCapiConfig {
  projectId: string;
  platforms: Partial<Record<CapiPlatform, CapiPlatformConfig>>;
}

export interface TelemetryEvent {
  eventId: string;
  organizationId: string;
  projectId: string;
  appId: string;
  /** The partner's own event id, the deduplication key within (projectId, appId). */
  clientEventId: string | null;
  name: string;
  appUserId: string | null;
  occurredAt: number;
  /** The stream's receivedAt, equal to occurredAt as the docs describe it today. */
  receivedAt: number;
  /** When the mock stored the event, on the mock clock; CAPI forwarding counts by it. */
  ingestedAt: number;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  /** Set on the synthetic event of verify-tracking. */
  testEventCode: string | null;
}

export type InfluencerGender = 'male' | 'female' | 'non_binary';

export interface ReferenceImage {
  assetId: string;
  url: string;
  thumbnailUrl: string | null;
  addedAt: number;
}

export interface Influencer {
  influencerId: string;
  organizationId: string;
  projectId: string;
  name: string;
  gender: InfluencerGender;
  ageRange: string | null;
  prompt: string | null;
  brandVoice: string;
  language: string;
  /** pending and training are derived from the job while it runs (see influencers/view.ts). */
  status: 'pending' | 'training' | 'ready' | 'failed';
  jobId: string | null;
  clonedFrom: string | null;
  imageUrl: string | null;
  errorMessage: string | null;
  referenceImages: ReferenceImage[];
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  archiveReason: string | null;
}

/** A direct upload to the media library, pending until finalized. */
export interface MediaUpload {
  id: string;
  organizationId: string;
  projectId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: number;
  expiresAt: number;
  /** The media item finalize created, once it ran. */
  mediaId: string | null;
}

/** A media-library item: a reference image an influencer can bind. */
export interface LibraryMedia {
  id: string;
  organizationId: string;
  projectId: string;
  url: string;
  contentType: string;
  sizeBytes: number;
  checksumSha256: string | null;
  createdAt: number;
}
