// The mock's /_mock control surface, used by checks that need a fresh organization, a key with
// chosen scopes, the clock or an injected fault. The runner probes for it and skips the checks
// that need it when the target has none.
import { request } from 'undici';

import type { TargetShared } from './target.ts';

export interface MintedKey {
  key: string;
  apiKeyId: string;
  organizationId: string;
}

export interface MintKeyOptions {
  scopes?: string[];
  tier?: string;
  env?: 'live' | 'test';
  organizationId?: string;
  organizationName?: string;
  credits?: number;
  includedCredits?: number;
  /** Hosts a returnUrl may name; omitted, the key is unrestricted. */
  allowedReturnDomains?: string[];
}

export interface MockOAuthOutcome {
  state: string;
  status: 'completed' | 'failed';
  socialAccountId: string | null;
  landingUrl: string;
}

export interface MockEvent {
  id: string;
  type: string;
  organizationId: string;
  created: string;
  data: Record<string, any>;
}

export interface FaultOptions {
  method?: string;
  path?: string;
  status?: number;
  latencyMs?: number;
  drop?: boolean;
  probability?: number;
  count?: number;
}

export class ControlClient {
  constructor(
    readonly baseUrl: string,
    private readonly shared: TargetShared,
  ) {}

  /** Returns a control client when GET /_mock/clock responds like the mock, otherwise null. */
  static async probe(baseUrl: string, shared: TargetShared): Promise<ControlClient | null> {
    try {
      const response = await request(new URL('/_mock/clock', baseUrl), { method: 'GET', dispatcher: shared.agent });
      const body = (await response.body.json().catch(() => null)) as { now?: unknown } | null;
      if (response.statusCode === 200 && typeof body?.now === 'string') {
        return new ControlClient(baseUrl, shared);
      }
    } catch {
      return null;
    }
    return null;
  }

  async mintKey(options: MintKeyOptions = {}): Promise<MintedKey> {
    return (await this.post('/_mock/keys', options, 201)) as MintedKey;
  }

  async grantCredits(organizationId: string, credits: number): Promise<{ organizationId: string; prepaidBalance: number }> {
    return (await this.post(`/_mock/organizations/${organizationId}/credits`, { credits }, 200)) as { organizationId: string; prepaidBalance: number };
  }

  async readClock(): Promise<{ now: string }> {
    return (await this.call('GET', '/_mock/clock', undefined, 200)) as { now: string };
  }

  async now(): Promise<number> {
    const body = (await this.call('GET', '/_mock/clock', undefined, 200)) as { now: string };
    return Date.parse(body.now);
  }

  async advanceClock(ms: number): Promise<number> {
    const body = (await this.post('/_mock/clock/advance', { ms }, 200)) as { now: string };
    return Date.parse(body.now);
  }

  /** Returns the mock's delivery log: every webhook delivery with each attempt's request and response. */
  async webhookDeliveries(query: { endpointId?: string; eventId?: string } = {}): Promise<any[]> {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const body = (await this.call('GET', `/_mock/webhooks/deliveries?${search.toString()}`, undefined, 200)) as { items: any[] };
    return body.items;
  }

  async addFault(fault: FaultOptions): Promise<string> {
    return ((await this.post('/_mock/faults', fault, 201)) as { id: string }).id;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/_mock/faults', undefined, 204);
  }

  /** Completes a pending OAuth hand-off as the platform would; returns the new or rebound account id. */
  async completeOAuth(state: string, body: { outcome?: 'connected' | 'denied'; handle?: string } = {}): Promise<MockOAuthOutcome> {
    return (await this.post(`/_mock/social/oauth/${state}/complete`, body, 200)) as MockOAuthOutcome;
  }

  async markNeedsReauth(socialAccountId: string): Promise<void> {
    await this.post(`/_mock/social-accounts/${socialAccountId}/needs-reauth`, undefined, 200);
  }

  /** The domain events recorded for an organization, oldest first, optionally of some types only. */
  async events(organizationId: string, types: string[] = []): Promise<MockEvent[]> {
    const query = new URLSearchParams({ organizationId, limit: '1000' });
    for (const type of types) {
      query.append('type', type);
    }
    const body = (await this.call('GET', `/_mock/events?${query.toString()}`, undefined, 200)) as { items: MockEvent[] };
    return body.items;
  }

  async listFaults(): Promise<Record<string, unknown>[]> {
    return ((await this.call('GET', '/_mock/faults', undefined, 200)) as { items: Record<string, unknown>[] }).items;
  }

  /** Returns the mock to its seed state. Only for a target the runner started (exclusive). */
  async reset(): Promise<void> {
    await this.call('POST', '/_mock/reset', undefined, 204);
  }

  async exportState(): Promise<unknown> {
    return this.call('GET', '/_mock/state', undefined, 200);
  }

  /** Replaces the whole state. Only for a target the runner started (exclusive). */
  async importState(snapshot: unknown): Promise<void> {
    await this.call('PUT', '/_mock/state', snapshot, 204);
  }

  /** Flips the global kill switch. Only for a target the runner started (exclusive). */
  async setKillSwitch(enabled: boolean): Promise<void> {
    await this.post('/_mock/kill-switch', { enabled }, 200);
  }

  private async post(path: string, body: unknown, expected: number): Promise<unknown> {
    return this.call('POST', path, body, expected);
  }

  private async call(method: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const response = await request(new URL(path, this.baseUrl), {
      method: method as 'GET',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: this.shared.agent,
    });
    const text = await response.body.text();
    if (response.statusCode !== expected) {
      throw new Error(`Control call ${method} ${path} failed with ${response.statusCode}: ${text.slice(0, 300)}`);
    }
    return text === '' ? null : JSON.parse(text);
  }
}
