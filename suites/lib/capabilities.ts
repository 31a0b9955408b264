// Capabilities of the target beyond the API: the mock's control surface, exclusive use, and a
// route for its webhook deliveries to the run. The runner probes each at start and reports it,
// and it skips a check that needs a missing capability with that capability's reason.
import { isIP } from 'node:net';

import { request, type Agent } from 'undici';

import type { Capability } from './check.ts';

export interface CapabilityReport {
  name: Capability;
  available: boolean;
  /** Reason the capability is available or not, in words a reader of the report can act on. */
  reason: string;
}

/** How long the probe of --webhook-public-url waits for any HTTP response. */
const webhookProbeTimeoutMs = 5000;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') {
    return true;
  }
  return isIP(host) === 4 && host.startsWith('127.');
}

export function controlCapability(found: boolean, baseUrl: string): CapabilityReport {
  return found
    ? { name: 'control', available: true, reason: `GET ${new URL('/_mock/clock', baseUrl).toString()} answered like the mock's control surface.` }
    : { name: 'control', available: false, reason: 'The target has no /_mock control surface (GET /_mock/clock did not answer with {now}), so checks that mint keys, fund organizations or move the clock are skipped.' };
}

export function exclusiveCapability(startedByRunner: boolean, control: boolean): CapabilityReport {
  if (!control) {
    return { name: 'exclusive', available: false, reason: 'The target has no /_mock control surface to reset, restore or inject faults into.' };
  }
  return startedByRunner
    ? { name: 'exclusive', available: true, reason: 'The runner started this target, so it may reset it, import snapshots, inject faults and flip the global kill switch.' }
    : {
        name: 'exclusive',
        available: false,
        reason: 'The runner did not start this target. It never resets it, imports a snapshot into it, injects faults into it or flips its global kill switch, so the checks that need that are skipped.',
      };
}

/**
 * Probes where webhook deliveries can reach the run. With a public URL, any HTTP response within
 * a few seconds counts as reachable from this machine. Without one, a loopback target with the
 * control surface is taken to be the mock on this machine, which delivers to 127.0.0.1.
 */
export async function probeWebhookCapability(options: { baseUrl: string; control: boolean; webhookPublicUrl: string | null; agent: Agent }): Promise<CapabilityReport> {
  if (options.webhookPublicUrl !== null) {
    const url = options.webhookPublicUrl;
    try {
      const response = await request(url, { method: 'GET', dispatcher: options.agent, headersTimeout: webhookProbeTimeoutMs, bodyTimeout: webhookProbeTimeoutMs });
      await response.body.dump();
      return { name: 'webhooks', available: true, reason: `--webhook-public-url ${url} answered GET with ${response.statusCode}; the webhook checks register it with the target.` };
    } catch (error) {
      return { name: 'webhooks', available: false, reason: `--webhook-public-url ${url} did not respond within ${webhookProbeTimeoutMs / 1000} s (${(error as Error).message}). Point it at a tunnel that forwards to this machine.` };
    }
  }

  if (options.control && isLoopbackHost(new URL(options.baseUrl).hostname)) {
    return { name: 'webhooks', available: true, reason: 'The target is the mock on this machine, so it can deliver to a receiver on 127.0.0.1.' };
  }
  return { name: 'webhooks', available: false, reason: 'The target cannot reach a receiver on this machine. Pass --webhook-public-url with a URL that forwards to it to run the webhook checks.' };
}
