// Injected faults (mock only): latency, an error status or a dropped connection on matching
// requests, from POST /_mock/faults or from the X-Mock-Fault request header.
import type { IdGenerator } from '../state/ids.ts';
import type { Store } from '../state/store.ts';
import type { Fault } from '../state/types.ts';

export interface FaultAction {
  faultId: string;
  status: number | null;
  latencyMs: number | null;
  drop: boolean;
}

/** Matches a fault's path against the request path or the route template; `*` matches one segment. */
function pathMatches(pattern: string, path: string, template: string | null): boolean {
  if (pattern === path || pattern === template) {
    return true;
  }
  const patternSegments = pattern.split('/');
  const pathSegments = path.split('/');
  if (patternSegments.length !== pathSegments.length) {
    return false;
  }
  return patternSegments.every((segment, index) => segment === '*' || segment === pathSegments[index]);
}

/** Finds the first registered fault that matches and fires; counts it down. */
export function matchFault(store: Store, random: IdGenerator, method: string, path: string, template: string | null): FaultAction | null {
  for (const fault of store.faults.values()) {
    if (fault.method !== null && fault.method.toUpperCase() !== method.toUpperCase()) {
      continue;
    }
    if (fault.path !== null && !pathMatches(fault.path, path, template)) {
      continue;
    }
    if (fault.remaining !== null && fault.remaining <= 0) {
      continue;
    }
    if (fault.probability < 1) {
      const draw = (random.bytes(4).readUInt32BE(0) / 0x1_0000_0000);
      if (draw >= fault.probability) {
        continue;
      }
    }

    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining === 0) {
        store.faults.delete(fault.id);
      }
    }
    return actionOf(fault);
  }

  return null;
}

function actionOf(fault: Fault): FaultAction {
  return { faultId: fault.id, status: fault.status, latencyMs: fault.latencyMs, drop: fault.drop };
}

/**
 * Parses X-Mock-Fault, for example `status=503`, `latency=250`, `drop` or `status=429; latency=50`.
 * Returns null for an absent or unreadable header.
 */
export function parseFaultHeader(header: string | undefined): FaultAction | null {
  if (header === undefined || header.trim() === '') {
    return null;
  }

  const action: FaultAction = { faultId: 'header', status: null, latencyMs: null, drop: false };
  for (const part of header.split(';')) {
    const [name, value] = part.split('=').map((entry) => entry.trim().toLowerCase());
    if (name === 'drop') {
      action.drop = true;
    } else if (name === 'status' && value !== undefined && /^[1-5]\d\d$/.test(value)) {
      action.status = Number(value);
    } else if (name === 'latency' && value !== undefined && /^\d{1,6}$/.test(value)) {
      action.latencyMs = Number(value);
    } else {
      return null;
    }
  }
  return action;
}
