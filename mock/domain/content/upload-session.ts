// The direct-upload flow. A session hands out one presigned PUT URL per file and creates the
// containers, the client uploads, and then it finalizes each container with its caption. The
// upload host is a reserved .test name, so the mock never receives the bytes (D32) and finalize
// takes the declared files as uploaded. A container not finalized within 24 hours fails with
// UPLOAD_EXPIRED.
import type { HandlerResult, MockContext, RequestContext } from '../../context.ts';
import { principalOf } from '../../context.ts';
import { conflict, validationError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { Container, UploadFile, UploadSession } from '../../state/types.ts';
import { enterReview } from '../approval/policy.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { findContainer } from './find.ts';
import { imageMedia, videoMedia } from './media.ts';
import { containerRepresentation } from './representation.ts';
import { newUploadContainer } from './uploaded-container.ts';

export const uploadExpiryTask = 'content.upload-expiry';

const uploadHost = 'https://uploads.layers-mock.test';
const sessionLifetimeMs = 24 * 60 * 60 * 1000;
const maxVideoBytes = 100 * 1024 * 1024;
const maxImageBytes = 30 * 1024 * 1024;

const extensions: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

function isVideo(file: UploadFile): boolean {
  return file.contentType.startsWith('video/');
}

function assertFiles(files: UploadFile[], grouping: UploadSession['grouping']): void {
  files.forEach((file, index) => {
    const cap = isVideo(file) ? maxVideoBytes : maxImageBytes;
    if (file.sizeBytes > cap) {
      throw validationError(`files.${index}.sizeBytes`, `is ${file.sizeBytes} bytes, above the ${cap / 1024 / 1024} MB limit for ${file.contentType}.`);
    }
  });

  if (grouping === 'slideshow') {
    const videoIndex = files.findIndex(isVideo);
    if (videoIndex !== -1) {
      throw validationError(`files.${videoIndex}.contentType`, 'is a video; a slideshow takes 2 to 10 images only. Use grouping per-file for videos.');
    }
    if (files.length < 2) {
      throw validationError('files', 'must hold 2 to 10 images for grouping slideshow.');
    }
  }
}

export function createUploadSession(request: RequestContext): HandlerResult {
  const mock = request.mock;
  const project = findProject(request, request.params.projectId);
  const body = request.body as { files: UploadFile[]; grouping?: UploadSession['grouping'] };
  const grouping = body.grouping ?? 'per-file';

  assertActive(project);
  assertFiles(body.files, grouping);

  const groups = grouping === 'slideshow' ? [body.files.map((_, index) => index)] : body.files.map((_, index) => [index]);
  const session: UploadSession = {
    id: mock.ids.prefixedUlid('upl', request.now),
    organizationId: principalOf(request).organization.id,
    projectId: project.id,
    grouping,
    containers: [],
    files: structuredClone(body.files),
    createdAt: request.now,
    expiresAt: request.now + sessionLifetimeMs,
  };

  for (const fileIndexes of groups) {
    const container = newUploadContainer(request, project.id);
    enterReview(mock, container, request.now);
    mock.store.containers.set(container.id, container);
    session.containers.push({ containerId: container.id, fileIndexes, finalizedAt: null });
  }
  mock.store.uploadSessions.set(session.id, session);
  mock.scheduler.schedule(uploadExpiryTask, session.expiresAt, { uploadId: session.id });

  return { status: 201, body: sessionView(mock, session) };
}

function sessionView(mock: MockContext, session: UploadSession): Record<string, unknown> {
  return {
    uploadId: session.id,
    projectId: session.projectId,
    grouping: session.grouping,
    expiresAt: isoTimestamp(session.expiresAt),
    containers: session.containers.map((entry) => ({
      containerId: entry.containerId,
      files: entry.fileIndexes.map((fileIndex) => {
        const file = session.files[fileIndex] as UploadFile;
        const signature = mock.ids.base64url(12);
        return {
          fileIndex,
          filename: file.filename,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          method: 'PUT',
          uploadUrl: `${uploadHost}/${session.id}/${fileIndex}?signature=${signature}`,
          headers: { 'Content-Type': file.contentType },
        };
      }),
    })),
  };
}

function sessionOf(mock: MockContext, containerId: string): { session: UploadSession; entry: UploadSession['containers'][number] } | null {
  for (const session of mock.store.uploadSessions.values()) {
    const entry = session.containers.find((candidate) => candidate.containerId === containerId);
    if (entry !== undefined) {
      return { session, entry };
    }
  }
  return null;
}

export function finalizeUpload(request: RequestContext): HandlerResult {
  const container = findContainer(request);
  const caption = (request.body as { caption: string }).caption;
  const found = sessionOf(request.mock, container.id);

  if (found === null) {
    throw conflict(`Container ${container.id} was not created by an upload session, so there is nothing to finalize.`, { containerId: container.id });
  }
  if (found.entry.finalizedAt !== null) {
    // Finalize is idempotent: a repeat returns the item unchanged and ignores the caption.
    return { status: 200, body: containerRepresentation(container) };
  }
  if (container.status !== 'queued') {
    throw conflict(`Container ${container.id} is ${container.status}: its upload session expired before finalize. Start a new session.`, {
      containerId: container.id,
      status: container.status,
    });
  }

  const files = found.entry.fileIndexes.map((index) => found.session.files[index] as UploadFile);
  const first = files[0] as UploadFile;
  const rendered = isVideo(first)
    ? videoMedia(container, extensions[first.contentType], first.contentType)
    : imageMedia(container, files.map((file) => ({ extension: extensions[file.contentType] as string, mimeType: file.contentType })));

  found.entry.finalizedAt = request.now;
  container.status = 'completed';
  container.caption = caption;
  container.preview = rendered.preview;
  container.assets = rendered.assets;
  container.completedAt = request.now;
  container.updatedAt = request.now;
  return { status: 200, body: containerRepresentation(container) };
}

export function registerUploadTasks(mock: MockContext): void {
  mock.scheduler.register(uploadExpiryTask, (task, dueAt) => {
    const session = mock.store.uploadSessions.get(String(task.payload.uploadId));
    for (const entry of session?.containers ?? []) {
      const container = mock.store.containers.get(entry.containerId);
      if (entry.finalizedAt === null && container !== undefined && container.status === 'queued') {
        container.status = 'failed';
        container.failedAt = dueAt;
        container.updatedAt = dueAt;
        container.lastError = { code: 'UPLOAD_EXPIRED', message: 'The upload was not finalized within 24 hours of its session.' };
      }
    }
  });
}
