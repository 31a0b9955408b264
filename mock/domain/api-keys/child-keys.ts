// Keys bound to a child organization (D11): mint, list, rotate with a 24-hour grace, and delete.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { ApiError, conflict, notFound } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isSubsetOf, orgAdminScope } from '../../http/scopes.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { ApiKey, KeyEnvironment, Organization } from '../../state/types.ts';
import { assertNotArchived, findChildOrganization } from '../organizations/lookup.ts';
import { isUsableKey } from '../organizations/archive.ts';
import { mintApiKey } from './mint.ts';
import { childKeyRepresentation, secretWarning } from './representation.ts';

/** How long the old secret of a rotated child key keeps working (D11). */
export const rotationGraceMs = 24 * 60 * 60 * 1000;

function findChildKey(request: RequestContext, organization: Organization, rawId: string): ApiKey {
  const keyId = normalizeUuidId(rawId, 'key') ?? rawId;
  const key = request.mock.store.apiKeys.get(keyId);
  if (key === undefined || key.organizationId !== organization.id) {
    throw notFound('API key', keyId);
  }
  return key;
}

/** D9, D11: org:admin is never delegable, and every scope must be covered by the caller's. */
function assertDelegable(requested: string[], granted: string[]): void {
  if (requested.includes(orgAdminScope)) {
    throw new ApiError(
      'FORBIDDEN_SCOPE',
      { reason: 'org:admin can never be delegated to a child key. Remove it from scopes.' },
      { requiredScope: orgAdminScope, scope: orgAdminScope },
    );
  }

  const outside = requested.filter((scope) => !isSubsetOf([scope], granted));
  if (outside.length > 0) {
    throw new ApiError(
      'FORBIDDEN_SCOPE',
      { reason: `A child key's scopes must be a subset of the calling key's scopes, which do not cover ${outside.join(', ')}. Remove those scopes, or mint with a key that has them.` },
      { requiredScope: outside[0], scope: outside[0], scopes: outside },
    );
  }
}

export const childKeyHandlers: Record<string, Handler> = {
  mintChildApiKey(request) {
    const principal = principalOf(request);
    const organization = findChildOrganization(request, request.params.orgId);
    const body = request.body as { name: string; scopes: string[]; env?: KeyEnvironment };
    const env = body.env ?? 'live';

    assertDelegable(body.scopes, principal.apiKey.scopes);
    assertNotArchived(organization, 'get new keys');

    const { apiKey, token } = mintApiKey(request.mock, {
      organizationId: organization.id,
      name: body.name,
      scopes: body.scopes,
      env,
      // A test child key lands on the sandbox tier; a live one gets the minting key's tier.
      rateLimitTier: env === 'test' ? 'sandbox' : principal.apiKey.rateLimitTier,
      isChildKey: true,
      at: request.now,
    });

    return { status: 201, body: { apiKey: childKeyRepresentation(apiKey, request.now), secret: token, warning: secretWarning } };
  },

  listChildApiKeys(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    const rows = [...request.mock.store.apiKeys.values()].filter((key) => key.organizationId === organization.id);
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (key) => ({ createdAt: key.createdAt, id: key.id }) });
    return { status: 200, body: { items: page.items.map((key) => childKeyRepresentation(key, request.now)), nextCursor: page.nextCursor } };
  },

  rotateChildApiKey(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    const previous = findChildKey(request, organization, request.params.keyId);
    assertNotArchived(organization, 'rotate keys');

    if (previous.supersededBy !== null) {
      throw conflict(`API key ${previous.id} was already rotated to ${previous.supersededBy}; a key can be rotated once. Rotate ${previous.supersededBy} instead.`, {
        apiKeyId: previous.id,
        supersededBy: previous.supersededBy,
      });
    }
    if (!isUsableKey(previous, request.now)) {
      throw conflict(`API key ${previous.id} is revoked or killed, so it cannot be rotated. Mint a new key instead.`, { apiKeyId: previous.id });
    }

    const { apiKey, token } = mintApiKey(request.mock, {
      organizationId: organization.id,
      name: previous.name,
      scopes: previous.scopes,
      env: previous.env,
      rateLimitTier: previous.rateLimitTier,
      isChildKey: true,
      at: request.now,
    });
    previous.rotatedAt = request.now;
    previous.graceUntil = request.now + rotationGraceMs;
    previous.supersededBy = apiKey.id;

    return {
      status: 201,
      body: {
        apiKey: childKeyRepresentation(apiKey, request.now),
        previousApiKey: childKeyRepresentation(previous, request.now),
        secret: token,
        warning: secretWarning,
      },
    };
  },

  deleteChildApiKey(request) {
    const organization = findChildOrganization(request, request.params.orgId);
    const key = findChildKey(request, organization, request.params.keyId);

    // Immediate, with no grace; deleting a revoked key returns its terminal state.
    if (key.status !== 'revoked') {
      key.status = 'revoked';
      key.revokedAt = request.now;
    }
    return { status: 200, body: { apiKey: childKeyRepresentation(key, request.now), deleted: true } };
  },
};
