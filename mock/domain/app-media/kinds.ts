// The four partner media kinds: the role content generation uses, the MIME allowlist, the byte
// cap, and whether a new upload replaces the previous item of the kind (media-library docs).
import type { AppMediaKind } from '../../state/types.ts';

export interface MediaKindRule {
  role: 'logo' | 'app-screenshot' | 'app-demo' | 'end-card';
  /** MIME type by lower-case file extension. */
  mimeTypes: Record<string, string>;
  maxBytes: number;
  replaces: boolean;
}

const megabyte = 1024 * 1024;

const png = { png: 'image/png' };
const jpeg = { jpg: 'image/jpeg', jpeg: 'image/jpeg' };
const webp = { webp: 'image/webp' };

export const mediaKindRules: Record<AppMediaKind, MediaKindRule> = {
  logo: { role: 'logo', mimeTypes: { ...png, ...jpeg, ...webp, svg: 'image/svg+xml' }, maxBytes: 5 * megabyte, replaces: true },
  screenshot: { role: 'app-screenshot', mimeTypes: { ...png, ...jpeg, ...webp, heic: 'image/heic' }, maxBytes: 10 * megabyte, replaces: false },
  'demo-video': { role: 'app-demo', mimeTypes: { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' }, maxBytes: 200 * megabyte, replaces: false },
  'end-card': { role: 'end-card', mimeTypes: { ...png, ...jpeg, ...webp }, maxBytes: 5 * megabyte, replaces: true },
};

export function isImageKind(kind: AppMediaKind): boolean {
  return kind !== 'demo-video';
}
