// App media: upload from a URL (checked as text, never fetched, D32), list and delete.
import { createHash } from 'node:crypto';

import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUlidId } from '../../state/ids.ts';
import type { AppMedia, AppMediaKind } from '../../state/types.ts';
import { assertPublicHttpsUrl } from '../content/source-url.ts';
import { mediaHost } from '../content/media.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { mediaKindRules } from './kinds.ts';
import { liveMediaOf } from './library.ts';

/** The mock-only query parameter that states the size of the file behind a URL. */
export const sizeHintParameter = 'mock-size-bytes';

export function appMediaRepresentation(media: AppMedia): Record<string, unknown> {
  return {
    id: media.id,
    projectId: media.projectId,
    kind: media.kind,
    role: mediaKindRules[media.kind].role,
    url: media.url,
    sourceUrl: media.sourceUrl,
    mimeType: media.mimeType,
    sizeBytes: media.sizeBytes,
    replacedMediaId: media.replacedMediaId,
    createdAt: isoTimestamp(media.createdAt),
  };
}

/** Derives a stable size under the cap, because the file is never downloaded. */
function assumedSize(url: string, maxBytes: number): number {
  const hash = createHash('sha256').update(url).digest().readUInt32BE(0);
  return 10_000 + (hash % Math.max(1, Math.floor(maxBytes / 2)));
}

interface CheckedUpload {
  url: URL;
  extension: string;
  mimeType: string;
  sizeBytes: number;
}

/** Applies the kind's MIME allowlist and byte cap to the URL's text; throws 422 naming url. */
export function checkUpload(kind: AppMediaKind, rawUrl: string, defects: ReadonlySet<string>): CheckedUpload {
  const rule = mediaKindRules[kind];
  const url = assertPublicHttpsUrl('url', rawUrl);
  const extension = url.pathname.includes('.') ? (url.pathname.split('.').pop() ?? '').toLowerCase() : '';
  const mimeType = rule.mimeTypes[extension];
  const allowed = Object.keys(rule.mimeTypes).map((entry) => `.${entry}`).join(', ');

  if (mimeType === undefined && !defects.has('app-media-kind-unchecked')) {
    throw validationError('url', `must name a ${kind} file of an allowed type (${allowed}); the mock never fetches the URL, so the file extension gives the MIME type.`);
  }

  const hint = url.searchParams.get(sizeHintParameter);
  let sizeBytes = assumedSize(url.href, rule.maxBytes);
  if (hint !== null) {
    if (!/^[1-9][0-9]{0,11}$/.test(hint)) {
      throw validationError('url', `has ${sizeHintParameter}=${hint}, which is not a positive whole number of bytes.`);
    }
    sizeBytes = Number(hint);
  }
  if (sizeBytes > rule.maxBytes) {
    throw validationError('url', `names a file of ${sizeBytes} bytes, above the ${kind} limit of ${rule.maxBytes} bytes (${rule.maxBytes / (1024 * 1024)} MB). Upload a smaller file.`);
  }

  return { url, extension, mimeType: mimeType ?? 'application/octet-stream', sizeBytes };
}

function findMedia(request: RequestContext, projectId: string): AppMedia {
  const mediaId = normalizeUlidId(request.params.mediaId, 'med') ?? request.params.mediaId;
  const media = request.mock.store.appMedia.get(mediaId);
  if (media === undefined || media.projectId !== projectId || media.deletedAt !== null) {
    throw notFound('Media', mediaId);
  }
  return media;
}

export const appMediaHandlers: Record<string, Handler> = {
  uploadAppMedia(request) {
    const principal = principalOf(request);
    const project = findProject(request, request.params.projectId);
    const body = request.body as { kind: AppMediaKind; url: string };
    const mock = request.mock;

    const checked = checkUpload(body.kind, body.url, mock.config.defects);
    assertActive(project);

    const id = mock.ids.prefixedUlid('med', request.now);
    const previous = mediaKindRules[body.kind].replaces ? liveMediaOf(mock, project.id, body.kind) : [];
    for (const replaced of previous) {
      replaced.deletedAt = request.now;
      replaced.replacedBy = id;
    }

    const media: AppMedia = {
      id,
      organizationId: principal.organization.id,
      projectId: project.id,
      kind: body.kind,
      sourceUrl: checked.url.href,
      url: `${mediaHost}/${project.id}/media/${id}.${checked.extension || 'bin'}`,
      mimeType: checked.mimeType,
      sizeBytes: checked.sizeBytes,
      createdAt: request.now,
      deletedAt: null,
      replacedMediaId: previous[0]?.id ?? null,
      replacedBy: null,
    };
    mock.store.appMedia.set(id, media);

    return { status: 201, body: appMediaRepresentation(media) };
  },

  listAppMedia(request) {
    const project = findProject(request, request.params.projectId);
    const rows = liveMediaOf(request.mock, project.id, request.query.kind);
    const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (media) => ({ createdAt: media.createdAt, id: media.id }) });
    return { status: 200, body: { items: page.items.map(appMediaRepresentation), nextCursor: page.nextCursor } };
  },

  deleteAppMedia(request) {
    const project = findProject(request, request.params.projectId);
    const media = findMedia(request, project.id);
    media.deletedAt = request.now;
    return { status: 200, body: { id: media.id, deleted: true } };
  },
};
