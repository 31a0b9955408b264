// The media library's direct upload: presign, then finalize into a reference image. The mock takes
// no bytes at the presigned URL, so finalize trusts the declared type and size.
import { principalOf, type Handler } from '../../context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { normalizeUlidId } from '../../state/ids.ts';
import type { LibraryMedia, MediaUpload } from '../../state/types.ts';
import { mediaHost } from '../content/media.ts';
import { assertActive, findProject } from '../projects/rules.ts';

/** How long a presigned upload waits for finalize, in ms of mock time. */
const uploadLifetimeMs = 24 * 60 * 60 * 1000;

const extensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/heic': 'heic' };

function libraryMediaRepresentation(media: LibraryMedia): Record<string, unknown> {
  return {
    mediaId: media.id,
    assetId: media.id,
    projectId: media.projectId,
    url: media.url,
    kind: 'reference_image',
    contentType: media.contentType,
    mimeType: media.contentType,
    sizeBytes: media.sizeBytes,
    checksumSha256: media.checksumSha256,
    createdAt: isoTimestamp(media.createdAt),
  };
}

export const mediaLibraryHandlers: Record<string, Handler> = {
  presignMediaUpload(request) {
    const project = findProject(request, request.params.projectId);
    assertActive(project);
    const body = request.body as { filename: string; contentType: string; sizeBytes: number };

    const upload: MediaUpload = {
      id: request.mock.ids.prefixedUlid('upl', request.now),
      organizationId: principalOf(request).organization.id,
      projectId: project.id,
      filename: body.filename,
      contentType: body.contentType,
      sizeBytes: body.sizeBytes,
      createdAt: request.now,
      expiresAt: request.now + uploadLifetimeMs,
      mediaId: null,
    };
    request.mock.store.mediaUploads.set(upload.id, upload);

    return {
      status: 201,
      body: {
        uploadId: upload.id,
        uploadUrl: `https://uploads.layers-mock.test/${project.id}/${upload.id}`,
        method: 'PUT',
        headers: { 'Content-Type': upload.contentType },
        expiresAt: isoTimestamp(upload.expiresAt),
      },
    };
  },

  finalizeMediaUpload(request) {
    const project = findProject(request, request.params.projectId);
    const body = request.body as { uploadId: string; checksumSha256?: string };
    const uploadId = normalizeUlidId(body.uploadId, 'upl') ?? body.uploadId;
    const upload = request.mock.store.mediaUploads.get(uploadId);

    if (upload === undefined || upload.projectId !== project.id) {
      throw notFound('Upload', uploadId);
    }
    if (upload.mediaId !== null) {
      const existing = request.mock.store.libraryMedia.get(upload.mediaId) as LibraryMedia;
      return { status: 200, body: libraryMediaRepresentation(existing) };
    }
    if (request.now >= upload.expiresAt) {
      throw conflict(`Upload ${upload.id} expired at ${isoTimestamp(upload.expiresAt)} before it was finalized. Presign a new upload.`, { uploadId: upload.id, expiresAt: isoTimestamp(upload.expiresAt) });
    }

    const id = request.mock.ids.prefixedUlid('med', request.now);
    const media: LibraryMedia = {
      id,
      organizationId: upload.organizationId,
      projectId: upload.projectId,
      url: `${mediaHost}/${upload.projectId}/library/${id}.${extensions[upload.contentType] ?? 'img'}`,
      contentType: upload.contentType,
      sizeBytes: upload.sizeBytes,
      checksumSha256: body.checksumSha256 ?? null,
      createdAt: request.now,
    };
    request.mock.store.libraryMedia.set(id, media);
    upload.mediaId = id;

    return { status: 200, body: libraryMediaRepresentation(media) };
  },
};
