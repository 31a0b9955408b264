// Uploaded finished content: one video, one image, or 2–10 images that form a slideshow. The URLs
// are checked as text and never fetched (D32); the media kind comes from the file extension.
import type { HandlerResult, RequestContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import type { Container } from '../../state/types.ts';
import { enterReview } from '../approval/policy.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { imageMedia, videoMedia } from './media.ts';
import { newUploadContainer } from './uploaded-container.ts';
import { containerRepresentation } from './representation.ts';
import { assertPublicHttpsUrl } from './source-url.ts';

const mediaTypes: Record<string, { kind: 'video' | 'image'; mimeType: string }> = {
  mp4: { kind: 'video', mimeType: 'video/mp4' },
  mov: { kind: 'video', mimeType: 'video/quicktime' },
  webm: { kind: 'video', mimeType: 'video/webm' },
  jpg: { kind: 'image', mimeType: 'image/jpeg' },
  jpeg: { kind: 'image', mimeType: 'image/jpeg' },
  png: { kind: 'image', mimeType: 'image/png' },
  webp: { kind: 'image', mimeType: 'image/webp' },
};

interface ClassifiedMedia {
  kind: 'video' | 'image';
  extension: string;
  mimeType: string;
}

function classify(path: string, url: URL): ClassifiedMedia {
  const extension = url.pathname.split('.').pop()?.toLowerCase() ?? '';
  const type = mediaTypes[extension];
  if (type === undefined) {
    throw validationError(path, `must end in a media file extension (${Object.keys(mediaTypes).map((entry) => `.${entry}`).join(', ')}); the mock never fetches the URL, so the extension is how it knows the media type.`);
  }
  return { kind: type.kind, extension, mimeType: type.mimeType };
}

export function uploadContent(request: RequestContext): HandlerResult {
  const project = findProject(request, request.params.projectId);
  const body = request.body as { media: { url: string }[]; caption: string };

  assertActive(project);

  const media = body.media.map((entry, index) => classify(`media.${index}.url`, assertPublicHttpsUrl(`media.${index}.url`, entry.url)));
  const videos = media.filter((entry) => entry.kind === 'video');
  if (videos.length > 0 && media.length > 1) {
    throw validationError('media', 'must be one video, one image, or 2 to 10 images; a video cannot be combined with other media.');
  }

  const container: Container = { ...newUploadContainer(request, project.id), status: 'completed', caption: body.caption, completedAt: request.now };


  const rendered = videos.length === 1 ? videoMedia(container, media[0]?.extension, media[0]?.mimeType) : imageMedia(container, media);
  container.preview = rendered.preview;
  container.assets = rendered.assets;
  enterReview(request.mock, container, request.now);
  request.mock.store.containers.set(container.id, container);

  return { status: 201, body: containerRepresentation(container) };
}
