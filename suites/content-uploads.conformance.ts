// The rest of content: the direct-upload session with finalize, asset descriptors, and regenerate.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, waitForContainer } from './lib/flows.ts';
import { uploadItem } from './lib/publishing-flows.ts';

export const contentUploadChecks: Check[] = [
  defineCheck({
    id: 'content.upload-session',
    title: 'An upload session creates queued containers that finalize once; assets read back',
    area: 'content',
    guarantees: ['CONT-UPLOAD-SESSION', 'CONT-ASSET-DESCRIPTOR'],
    level: 'inferred',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const path = `/v1/projects/${project.id}/content/uploads`;

      const mixed = await target.call({ method: 'POST', path, body: { grouping: 'slideshow', files: [{ filename: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 1000 }, { filename: 'b.mp4', contentType: 'video/mp4', sizeBytes: 1000 }] } });
      expectErrorCode(mixed, 422, 'VALIDATION', 'a slideshow with a video');
      const tooBig = await target.call({ method: 'POST', path, body: { files: [{ filename: 'huge.png', contentType: 'image/png', sizeBytes: 31 * 1024 * 1024 }] } });
      expectErrorCode(tooBig, 422, 'VALIDATION', 'an image above 30 MB');

      const session = await target.call({ method: 'POST', path, body: { files: [{ filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: 5_000_000 }, { filename: 'photo.webp', contentType: 'image/webp', sizeBytes: 400_000 }] } });
      expectStatus(session, 201, 'POST …/content/uploads');
      const containers = session.response.body.containers as { containerId: string; files: { uploadUrl: string; contentType: string }[] }[];
      expectEqual(containers.length, 2, 'grouping per-file makes one container per file', session);
      expectEqual(containers[0]?.files[0]?.contentType, 'video/mp4', 'each upload URL keeps its declared type', session);

      const videoId = containers[0]?.containerId as string;
      const waiting = await target.call({ method: 'GET', path: `/v1/content/${videoId}` });
      expectEqual(waiting.response.body.status, 'queued', 'a container waits queued for its upload', waiting);
      expectEqual(waiting.response.body.creativeType, 'uploaded', 'the container is of creativeType uploaded', waiting);

      const finalized = await target.call({ method: 'POST', path: `/v1/content/${videoId}/finalize-upload`, body: { caption: 'First caption' } });
      expectStatus(finalized, 200, 'POST /v1/content/{id}/finalize-upload');
      expectEqual(finalized.response.body.status, 'completed', 'finalize completes the container', finalized);
      expectEqual(finalized.response.body.preview?.kind, 'video', 'a finalized video previews as a video', finalized);

      const repeated = await target.call({ method: 'POST', path: `/v1/content/${videoId}/finalize-upload`, body: { caption: 'Second caption' } });
      expectStatus(repeated, 200, 'finalizing again');
      expectEqual(repeated.response.body, finalized.response.body, 'a repeated finalize returns the item unchanged and ignores its caption', repeated);

      const urlUpload = await uploadItem(target, project.id);
      const notSession = await target.call({ method: 'POST', path: `/v1/content/${urlUpload.id}/finalize-upload`, body: { caption: '' } });
      expectErrorCode(notSession, 409, 'CONFLICT', 'finalizing an item no session created');

      for (const asset of finalized.response.body.assets as { assetId: string; url: string }[]) {
        const read = await target.call({ method: 'GET', path: `/v1/content/${videoId}/assets/${asset.assetId}` });
        expectStatus(read, 200, 'GET /v1/content/{id}/assets/{assetId}');
        expectEqual(read.response.body.url, asset.url, 'the asset descriptor has the container asset URL', read);
      }
      const unknown = await target.call({ method: 'GET', path: `/v1/content/${videoId}/assets/no-such-asset` });
      expectErrorCode(unknown, 404, 'NOT_FOUND', 'an asset the container does not hold');
    },
  }),

  defineCheck({
    id: 'content.regenerate',
    title: 'Regenerate keeps the container, bills one variant and renews the media',
    area: 'content',
    guarantees: ['CONT-REGENERATE'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ credits: 1000 });
      const target = context.target.withKey(minted.key);
      const project = (await createProject(target)).response.body;

      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook: 'Before' } });
      expectStatus(started, 202, 'starting a slideshow-builder generation');
      const containerId = started.response.body.containerIds[0] as string;
      await waitForContainer(context, containerId, target);
      const before = (await target.call({ method: 'GET', path: `/v1/content/${containerId}` })).response.body;

      const regenerated = await target.call({ method: 'POST', path: `/v1/content/${containerId}/regenerate`, body: { hook: 'After' } });
      expectStatus(regenerated, 202, 'POST /v1/content/{id}/regenerate');
      expectEqual(regenerated.response.body.containerIds, [containerId], 'the regenerate job works on the same container', regenerated);
      const wallet = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(wallet.response.body.reservedCredits, 50, 'a slideshow-builder regenerate reserves one variant', wallet);

      const busy = await target.call({ method: 'POST', path: `/v1/content/${containerId}/regenerate`, body: {} });
      expectErrorCode(busy, 409, 'CONFLICT', 'regenerating while the job runs');

      await waitForContainer(context, containerId, target);
      const after = (await target.call({ method: 'GET', path: `/v1/content/${containerId}` })).response.body;
      expectEqual(after.hook, 'After', 'the container takes the new hook');
      expectTrue(after.preview.primaryUrl !== before.preview.primaryUrl, 'the media is renewed');
      const settled = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(settled.response.body.balance, 1000 - 100, 'the generation and the regenerate are billed 50 each', settled);

      const uploaded = await uploadItem(target, project.id);
      const refused = await target.call({ method: 'POST', path: `/v1/content/${uploaded.id}/regenerate`, body: {} });
      expectErrorCode(refused, 409, 'CONFLICT', 'regenerating uploaded content');
    },
  }),
];
