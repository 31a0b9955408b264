// Fabricated media. The mock renders nothing and fetches nothing (D32): previews and assets point
// at a host under the reserved .test top-level domain, which never resolves.
import type { Asset, Container, Preview } from '../../state/types.ts';

export const mediaHost = 'https://media.layers-mock.test';

const slideCount = 5;

/** The media folder of a container; a generated one gets a folder per job, so a regenerate renews every URL. */
function mediaBase(container: Container): string {
  const folder = `${mediaHost}/${container.projectId}/${container.id}`;
  return container.jobId === null ? folder : `${folder}/${container.jobId.slice(4).toLowerCase()}`;
}

/** A 15–30 s duration derived from the container id, so it is stable across reads. */
function durationFor(containerId: string): number {
  let hash = 0;
  for (const character of containerId) {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return 15_000 + (hash % 15_001);
}

export function slideshowMedia(container: Container): { preview: Preview; assets: Asset[] } {
  const base = mediaBase(container);
  const imageUrls = Array.from({ length: slideCount }, (_, index) => `${base}/slide-${index + 1}.jpg`);

  return {
    preview: {
      kind: 'slideshow',
      primaryUrl: imageUrls[0] as string,
      thumbnailUrl: imageUrls[0] as string,
      imageUrls,
      videoUrl: null,
      hlsUrl: null,
      durationMs: null,
      aspectRatio: '9:16',
    },
    assets: imageUrls.map((url, index) => ({
      assetId: `image-${container.id.slice(4)}-${index + 1}`,
      kind: 'image',
      url,
      thumbnailUrl: url,
      mimeType: 'image/jpeg',
      width: 1080,
      height: 1920,
    })),
  };
}

export function videoMedia(container: Container, extension = 'mp4', mimeType = 'video/mp4'): { preview: Preview; assets: Asset[] } {
  const base = mediaBase(container);
  const videoUrl = `${base}/video.${extension}`;
  const posterUrl = `${base}/poster.jpg`;
  const durationMs = durationFor(container.id);

  return {
    preview: {
      kind: 'video',
      primaryUrl: videoUrl,
      thumbnailUrl: posterUrl,
      imageUrls: [],
      videoUrl,
      hlsUrl: null,
      durationMs,
      aspectRatio: '9:16',
    },
    assets: [
      {
        assetId: `video-${container.id.slice(4)}`,
        kind: 'video',
        url: videoUrl,
        thumbnailUrl: posterUrl,
        mimeType,
        width: 1080,
        height: 1920,
        durationMs,
      },
    ],
  };
}

export function imageMedia(container: Container, urls: { extension: string; mimeType: string }[]): { preview: Preview; assets: Asset[] } {
  const base = mediaBase(container);
  const imageUrls = urls.map((entry, index) => `${base}/image-${index + 1}.${entry.extension}`);
  const single = imageUrls.length === 1;

  return {
    preview: {
      kind: single ? 'image' : 'slideshow',
      primaryUrl: imageUrls[0] as string,
      thumbnailUrl: imageUrls[0] as string,
      imageUrls,
      videoUrl: null,
      hlsUrl: null,
      durationMs: null,
      aspectRatio: null,
    },
    assets: imageUrls.map((url, index) => ({
      assetId: `image-${container.id.slice(4)}-${index + 1}`,
      kind: 'image',
      url,
      thumbnailUrl: url,
      mimeType: urls[index]?.mimeType ?? 'image/jpeg',
    })),
  };
}
