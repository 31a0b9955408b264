// Source recommendations: TikTok posts to remix. Without a keyword they come from the project's
// portfolio research, with one from a live search. The mock fabricates a deterministic list from
// the project, the keyword and the kind, and calls no platform. cursor is reserved and always null.
import { createHash } from 'node:crypto';

import type { HandlerResult, RequestContext } from '../../context.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { findProject } from '../projects/rules.ts';
import { mediaHost } from './media.ts';

const dayMs = 24 * 60 * 60 * 1000;

export function listSourceRecommendations(request: RequestContext): HandlerResult {
  const project = findProject(request, request.params.projectId);
  const keyword = request.query.keyword as string | undefined;
  const kind = (request.query.kind as string | undefined) ?? 'mixed';
  const limit = request.query.limit as number;

  const items = Array.from({ length: limit }, (_, index) => {
    const digest = createHash('sha256').update(`${project.id}|${keyword ?? ''}|${kind}|${index}`).digest();
    let itemKind = kind;
    if (kind === 'mixed') {
      itemKind = (digest[0] as number) % 2 === 0 ? 'video' : 'slideshow';
    }
    const tiktokVideoId = (7_200_000_000_000_000_000n + digest.readBigUInt64BE(1) % 100_000_000_000_000_000n).toString();
    const viewCount = 10_000 + (digest.readUInt32BE(9) % 5_000_000);

    return {
      tiktokVideoId,
      kind: itemKind,
      url: `${mediaHost}/sources/${tiktokVideoId}`,
      thumbnailUrl: `${mediaHost}/sources/${tiktokVideoId}/cover.jpg`,
      authorHandle: `creator_${digest.subarray(13, 16).toString('hex')}`,
      caption: keyword === undefined ? `A post that fits ${project.appName ?? project.name}` : `#${keyword.replace(/\s+/g, '')} in practice`,
      viewCount,
      likeCount: Math.round(viewCount * 0.07),
      postedAt: isoTimestamp(request.now - (((digest[17] as number) % 60) + 1) * dayMs),
      score: Math.round((100 - index * (60 / Math.max(1, limit))) * 10) / 10,
      matchedKeyword: keyword ?? null,
    };
  });

  return { status: 200, body: { source: keyword === undefined ? 'portfolio' : 'search', keyword: keyword ?? null, items, nextCursor: null } };
}
