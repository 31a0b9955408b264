// Examples for the media library's direct upload.
import { expectStatus } from '../lib/assert.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

async function presignUpload(context: ExampleContext): Promise<any> {
  const project = await context.resource('project');
  const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/media/presign`, body: { filename: 'face.png', contentType: 'image/png', sizeBytes: 120_000 } });
  expectStatus(exchange, 201, 'presigning an example upload');
  return exchange.response.body;
}

export const mediaLibraryExamples: ExampleArea = {
  resources: {
    mediaUpload: presignUpload,
  },

  examples: {
    presignMediaUpload: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${(await context.resource('project')).id}/media/presign`,
      body: { filename: 'portrait.jpg', contentType: 'image/jpeg', sizeBytes: 250_000 },
    }),
    finalizeMediaUpload: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${(await context.resource('project')).id}/media/finalize`,
      body: { uploadId: (await context.resource('mediaUpload')).uploadId },
    }),
  },
};
