// Scope matching (D9). Deny by default. `*` covers every data scope, `<resource>:*` every scope
// under the resource, `<resource>:<action>:*` every sub-scope of that pair, and the legacy
// `ads:write` every `ads:write:*` sub-scope. Only the literal scope grants org:admin.
export const orgAdminScope = 'org:admin';

function grants(granted: string, required: string): boolean {
  if (granted === required) {
    return true;
  }
  if (required === orgAdminScope) {
    return false;
  }
  if (granted === '*') {
    return true;
  }
  // The legacy ads:write is the union of the ads:write:* sub-scopes, so the wildcard covers it.
  if (granted === 'ads:write:*' && required === 'ads:write') {
    return true;
  }
  if (granted.endsWith(':*')) {
    return required.startsWith(granted.slice(0, -1));
  }
  if (granted === 'ads:write' && required.startsWith('ads:write:')) {
    return true;
  }
  return false;
}

/** True when the granted scopes cover the required one; a null requirement needs only a valid key. */
export function hasScope(grantedScopes: readonly string[], required: string | null): boolean {
  if (required === null) {
    return true;
  }
  return grantedScopes.some((granted) => grants(granted, required));
}

/**
 * True when every scope of `requested` is covered by `granted` after wildcard expansion. A
 * requested wildcard is covered only by a granted scope at least as wide.
 */
export function isSubsetOf(requested: readonly string[], granted: readonly string[]): boolean {
  return requested.every((scope) => {
    if (scope === '*') {
      return granted.includes('*');
    }
    if (scope.endsWith(':*')) {
      const prefix = scope.slice(0, -1);
      return granted.some((entry) => entry === '*' || entry === scope || (entry.endsWith(':*') && prefix.startsWith(entry.slice(0, -1))));
    }
    return hasScope(granted, scope);
  });
}
