// The scope vocabulary: every scope an operation of the spec requires, plus the ones the docs name
// without a route of their own. A key minted on the control surface may hold only these, or a
// wildcard that covers at least one of them (D9).
import type { SpecIndex } from '../../lib/openapi/spec.ts';

/** Scopes the docs name that no single operation requires. */
const extraScopes = ['events:read+pii', 'ads:write', 'ads:write:connect', 'ads:write:override', 'layer:write'];

export function knownScopes(spec: SpecIndex): Set<string> {
  const scopes = new Set<string>(extraScopes);
  for (const operation of spec.operations) {
    if (operation.scope !== null) {
      scopes.add(operation.scope);
    }
  }
  return scopes;
}

/** Returns the scopes of `requested` that are neither known nor a wildcard over a known one. */
export function unknownScopes(requested: readonly string[], known: ReadonlySet<string>): string[] {
  return requested.filter((scope) => {
    if (scope === '*' || known.has(scope)) {
      return false;
    }
    if (scope.endsWith(':*')) {
      const prefix = scope.slice(0, -1);
      return ![...known].some((entry) => entry.startsWith(prefix));
    }
    return true;
  });
}
