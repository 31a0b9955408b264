// Keys of the caller's own organization: kill, rotate in place and delete. Only a valid key is
// needed (D9), and the key must belong to the acting organization and not be a child key.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { hashToken } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { normalizeUuidId } from '../../state/ids.ts';
import type { ApiKey } from '../../state/types.ts';
import { parentKeyRepresentation, secretWarning } from './representation.ts';

function findOwnKey(request: RequestContext): ApiKey {
  const principal = principalOf(request);
  const keyId = normalizeUuidId(request.params.keyId, 'key') ?? request.params.keyId;
  const key = request.mock.store.apiKeys.get(keyId);
  if (key === undefined || key.isChildKey || key.organizationId !== principal.organization.id) {
    throw notFound('API key', keyId);
  }
  return key;
}

export const parentKeyHandlers: Record<string, Handler> = {
  killApiKey(request) {
    const key = findOwnKey(request);

    // The key keeps its active status so that authentication reaches the kill switch and answers
    // 503 KILL_SWITCH with scope "key" (D12), not 401. Killing a killed key changes nothing.
    if (!key.killSwitch) {
      key.killSwitch = true;
      key.revokedAt = request.now;
    }
    return { status: 200, body: { apiKey: parentKeyRepresentation(key), killed: true } };
  },

  rotateApiKey(request) {
    const mock = request.mock;
    const key = findOwnKey(request);

    let handle: string;
    do {
      handle = mock.ids.upperAlphanumeric(16);
    } while (mock.store.keyByHandle(handle) !== undefined);
    const token = `lp_${key.env}_${handle}_${mock.ids.base64url(32)}`;

    // In place: the same id with a new prefix and secret, so the old token gets 401 at once, and
    // may only replay this rotation with its Idempotency-Key. Rotation also clears the kill
    // switch and the revocation.
    key.retiredTokens = [...(key.retiredTokens ?? []), { handle: key.handle, tokenHash: key.tokenHash, retiredAt: request.now }];
    key.handle = handle;
    key.tokenHash = hashToken(token);
    key.killSwitch = false;
    key.status = 'active';
    key.revokedAt = null;
    key.graceUntil = null;
    key.rotatedAt = request.now;

    return { status: 200, body: { apiKey: parentKeyRepresentation(key), secret: token, warning: secretWarning } };
  },

  deleteApiKey(request) {
    const key = findOwnKey(request);
    if (key.status !== 'revoked') {
      key.status = 'revoked';
      key.revokedAt = request.now;
    }
    return { status: 200, body: { apiKey: parentKeyRepresentation(key), deleted: true } };
  },
};
