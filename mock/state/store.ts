// All the mock's state. Every Map and array field is part of a snapshot, so a new table is saved,
// restored and reset without further code.
import type {
  LibraryMedia,
  MediaUpload,
  ApiKey,
  ApprovalDecision,
  Container,
  ContentReviewPolicy,
  CreditConfig,
  DomainEvent,
  EngagementConfig,
  Fault,
  IdempotencyEntry,
  Job,
  LeaseRequest,
  LedgerEvent,
  OAuthSession,
  Organization,
  Project,
  Regeneration,
  Reservation,
  ScheduledPost,
  ScheduledTask,
  SocialAccount,
  UploadSession,
  Wallet,
  WebhookDelivery,
  WebhookEndpoint,
} from './types.ts';
import type {
  AppMedia,
  GithubInstallation,
  GithubInstallState,
  Influencer,
  ProjectBrand,
  ProjectCapiConfig,
  SdkApp,
  TelemetryEvent,
} from './types.ts';
import type {
  Ad,
  AdAccount,
  AdAccountConnection,
  AdReview,
  AdSet,
  AdsContentRow,
  AdsLayer,
  AdsRun,
  AppleKeyword,
  AuditRow,
  Campaign,
  PendingAction,
  Recommendation,
} from '../domain/ads/types.ts';

export class Store {
  /** Media-library uploads and the reference images finalized from them. */
  mediaUploads = new Map<string, MediaUpload>();
  libraryMedia = new Map<string, LibraryMedia>();
  organizations = new Map<string, Organization>();
  wallets = new Map<string, Wallet>();
  ledger: LedgerEvent[] = [];
  reservations = new Map<string, Reservation>();
  apiKeys = new Map<string, ApiKey>();
  projects = new Map<string, Project>();
  containers = new Map<string, Container>();
  jobs = new Map<string, Job>();
  idempotency = new Map<string, IdempotencyEntry>();
  events: DomainEvent[] = [];
  tasks = new Map<string, ScheduledTask>();
  faults = new Map<string, Fault>();
  /** Request counts per rate-limit bucket and window: `<key id>|<class>|<window>` → count. */
  rateLimitCounts = new Map<string, number>();
  settings = new Map<string, unknown>([['globalKillSwitch', false]]);
  reviewPolicies = new Map<string, ContentReviewPolicy>();
  approvalDecisions = new Map<string, ApprovalDecision>();
  uploadSessions = new Map<string, UploadSession>();
  socialAccounts = new Map<string, SocialAccount>();
  oauthSessions = new Map<string, OAuthSession>();
  scheduledPosts = new Map<string, ScheduledPost>();
  leaseRequests = new Map<string, LeaseRequest>();
  engagementConfigs = new Map<string, EngagementConfig>();
  regenerations = new Map<string, Regeneration>();
  webhookEndpoints = new Map<string, WebhookEndpoint>();
  /** Deliveries in creation order; the /_mock log lists them so. */
  webhookDeliveries = new Map<string, WebhookDelivery>();
  /** Child organizations' caps and auto-refill rules, by organization id (D23). */
  creditConfigs = new Map<string, CreditConfig>();
  /** Projects migrated into a child: the parent that may still read them, and until when. */
  migratedProjects = new Map<string, { parentOrganizationId: string; until: number }>();
  /** Project setup: brand ingestion, media, GitHub, SDK apps, telemetry and influencers. */
  projectBrands = new Map<string, ProjectBrand>();
  appMedia = new Map<string, AppMedia>();
  githubInstallStates = new Map<string, GithubInstallState>();
  /** One installation per organization, keyed by organization id. */
  githubInstallations = new Map<string, GithubInstallation>();
  sdkApps = new Map<string, SdkApp>();
  capiConfigs = new Map<string, ProjectCapiConfig>();
  telemetryEvents = new Map<string, TelemetryEvent>();
  influencers = new Map<string, Influencer>();
  adsLayers = new Map<string, AdsLayer>();
  adAccounts = new Map<string, AdAccount>();
  adAccountConnections = new Map<string, AdAccountConnection>();
  campaigns = new Map<string, Campaign>();
  adSets = new Map<string, AdSet>();
  ads = new Map<string, Ad>();
  appleKeywords = new Map<string, AppleKeyword>();
  pendingActions = new Map<string, PendingAction>();
  adReviews = new Map<string, AdReview>();
  adsRuns = new Map<string, AdsRun>();
  adsContent = new Map<string, AdsContentRow>();
  recommendations = new Map<string, Recommendation>();
  auditLog: AuditRow[] = [];

  keyByHandle(handle: string): ApiKey | undefined {
    for (const key of this.apiKeys.values()) {
      if (key.handle === handle) {
        return key;
      }
    }
    return undefined;
  }

  get globalKillSwitch(): boolean {
    return this.settings.get('globalKillSwitch') === true;
  }

  set globalKillSwitch(enabled: boolean) {
    this.settings.set('globalKillSwitch', enabled);
  }
}

export interface StoreSnapshot {
  tables: Record<string, unknown[]>;
}

/** Copies the store into plain JSON. Maps become arrays of [key, value] pairs. */
export function snapshotStore(store: Store): StoreSnapshot {
  const tables: Record<string, unknown[]> = {};

  for (const [name, value] of Object.entries(store)) {
    if (value instanceof Map) {
      tables[name] = structuredClone([...value.entries()]);
    } else if (Array.isArray(value)) {
      tables[name] = structuredClone(value);
    }
  }

  return { tables };
}

/** Replaces the contents of the store with a snapshot made by snapshotStore. */
export function restoreStore(store: Store, snapshot: StoreSnapshot): void {
  for (const [name, value] of Object.entries(store)) {
    const saved = snapshot.tables[name];

    if (value instanceof Map) {
      value.clear();
      for (const [key, entry] of structuredClone((saved ?? []) as [unknown, unknown][])) {
        value.set(key, entry);
      }
    } else if (Array.isArray(value)) {
      value.length = 0;
      value.push(...structuredClone(saved ?? []));
    }
  }
}
