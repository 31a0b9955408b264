// The media library's direct upload: presign, finalize once, and bind the result as a reference
// image of an influencer.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';

export const mediaLibraryChecks: Check[] = [
  defineCheck({
    id: 'media-library.presign-finalize',
    title: 'A presigned upload finalizes once into a reference image an influencer can bind',
    area: 'media-library',
    guarantees: ['MEDIA-LIBRARY-FINALIZE'],
    level: 'documented',
    async run(context) {
      const project = (await createProject(context.target)).response.body;
      const base = `/v1/projects/${project.id}/media`;

      const presigned = await context.target.call({ method: 'POST', path: `${base}/presign`, body: { filename: 'face.webp', contentType: 'image/webp', sizeBytes: 90_000 } });
      expectStatus(presigned, 201, 'POST …/media/presign');
      expectEqual(presigned.response.body.headers?.['Content-Type'], 'image/webp', 'the PUT must carry the declared Content-Type', presigned);

      const tooBig = await context.target.call({ method: 'POST', path: `${base}/presign`, body: { filename: 'huge.png', contentType: 'image/png', sizeBytes: 31_457_281 } });
      expectErrorCode(tooBig, 422, 'VALIDATION', 'an image above 30 MB');

      const finalized = await context.target.call({ method: 'POST', path: `${base}/finalize`, body: { uploadId: presigned.response.body.uploadId } });
      expectStatus(finalized, 200, 'POST …/media/finalize');
      expectEqual(finalized.response.body.kind, 'reference_image', 'the item is a reference image', finalized);
      expectEqual(finalized.response.body.assetId, finalized.response.body.mediaId, 'assetId and mediaId name the same item', finalized);

      const again = await context.target.call({ method: 'POST', path: `${base}/finalize`, body: { uploadId: presigned.response.body.uploadId } });
      expectStatus(again, 200, 'finalizing again');
      expectEqual(again.response.body.mediaId, finalized.response.body.mediaId, 'a second finalize returns the same item', again);

      const influencer = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/influencers`, body: {} });
      expectStatus(influencer, 202, 'creating an influencer');
      const bound = await context.target.call({
        method: 'POST',
        path: `/v1/influencers/${influencer.response.body.influencerId}/reference-images`,
        body: { assetIds: [finalized.response.body.assetId] },
      });
      expectStatus(bound, 200, 'binding the reference image');
      const ids = (bound.response.body.referenceImages as { assetId: string }[]).map((image) => image.assetId);
      expectTrue(ids.includes(finalized.response.body.assetId), `the influencer holds the finalized image (bound: ${ids.join(', ')})`, bound);

      const unknown = await context.target.call({ method: 'POST', path: `${base}/finalize`, body: { uploadId: 'upl_01JZ3Q7M8N9P0R1S2T3V4W5X6Z' } });
      expectErrorCode(unknown, 404, 'NOT_FOUND', 'finalizing an upload that was never presigned');
    },
  }),
];
