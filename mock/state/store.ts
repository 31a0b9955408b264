// All the mock's state. Every Map and array field is part of a snapshot, so a new table is saved,
// restored and reset without further code.
import type {
  ApiKey,
  Container,
  DomainEvent,
  Fault,
  IdempotencyEntry,
  Job,
  LedgerEvent,
  Organization,
  Project,
  Reservation,
  ScheduledTask,
  Wallet,
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
