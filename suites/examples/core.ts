// Examples for identity, credits, projects, content and jobs.
import { randomUUID } from 'node:crypto';

import { expectStatus } from '../lib/assert.ts';
import { sampleDescription, uniqueProjectName } from '../lib/flows.ts';
import type { ExampleArea, ExampleContext } from './types.ts';

async function createProject(context: ExampleContext): Promise<any> {
  const exchange = await context.target.call({
    method: 'POST',
    path: '/v1/projects',
    body: { name: uniqueProjectName('Example'), timezone: 'UTC', appName: 'Example App', appDescription: sampleDescription },
  });
  expectStatus(exchange, 201, 'creating an example project');
  return exchange.response.body;
}

async function startGeneration(context: ExampleContext): Promise<any> {
  const project = await context.resource('project');
  const exchange = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook: 'An example hook' } });
  expectStatus(exchange, 202, 'starting an example generation');
  return exchange.response.body;
}

async function uploadContainer(context: ExampleContext): Promise<any> {
  const project = await context.resource('project');
  const exchange = await context.target.call({
    method: 'POST',
    path: `/v1/projects/${project.id}/content/upload`,
    body: { media: [{ url: 'https://cdn.layers-kit.invalid/example.jpg' }], caption: 'An example upload' },
  });
  expectStatus(exchange, 201, 'uploading an example item');
  return exchange.response.body;
}

export const coreExamples: ExampleArea = {
  resources: {
    project: createProject,
    job: startGeneration,
    uploadedContainer: uploadContainer,
  },

  examples: {
    getWhoami: () => ({ method: 'GET', path: '/v1/whoami' }),
    getCredits: () => ({ method: 'GET', path: '/v1/credits' }),
    listCreditEvents: () => ({ method: 'GET', path: '/v1/credits/events', query: { eventType: ['usage', 'grant'], limit: 5 } }),

    createProject: () => ({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Walk'), timezone: 'Europe/Paris' } }),
    listProjects: () => ({ method: 'GET', path: '/v1/projects', query: { status: 'active', limit: 2 } }),
    getProject: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('project')).id}` }),
    patchProject: async (context) => ({ method: 'PATCH', path: `/v1/projects/${(await context.resource('project')).id}`, body: { tagline: 'Walked by the kit' } }),
    archiveProject: async (context) => ({ method: 'DELETE', path: `/v1/projects/${(await context.fresh('project')).id}`, body: { reason: 'example' } }),

    generateContent: async (context) => ({ method: 'POST', path: `/v1/projects/${(await context.resource('project')).id}/content`, body: { format: 'slideshow-builder', hook: 'Example', variantCount: 1 } }),
    generateSlideshowBuilder: async (context) => ({ method: 'POST', path: `/v1/projects/${(await context.resource('project')).id}/content/slideshow-builder`, body: { hook: 'Example' } }),
    generateUgcRemix: async (context) => {
      await context.resource('demoVideo');
      const influencerId = (await context.resource('influencer')).influencerId;
      return { method: 'POST', path: `/v1/projects/${(await context.resource('project')).id}/content/ugc-remix`, body: { hook: 'Example', influencerId } };
    },
    generateVideoRemix: async (context) => ({ method: 'POST', path: `/v1/projects/${(await context.resource('project')).id}/content/video-remix`, body: { tiktokVideoId: '7300000000000000001' }, expect: [422] }),
    generateSlideshowRemix: async (context) => ({ method: 'POST', path: `/v1/projects/${(await context.resource('project')).id}/content/slideshow-remix`, body: { tiktokVideoId: '7300000000000000002' }, expect: [422] }),
    listContent: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('project')).id}/content`, query: { creativeType: 'generated' } }),
    listHooks: async (context) => ({ method: 'GET', path: `/v1/projects/${(await context.resource('project')).id}/content/hooks` }),
    uploadContent: async (context) => ({
      method: 'POST',
      path: `/v1/projects/${(await context.resource('project')).id}/content/upload`,
      body: { media: [{ url: 'https://cdn.layers-kit.invalid/a.jpg' }, { url: 'https://cdn.layers-kit.invalid/b.png' }], caption: '' },
    }),
    getContent: async (context) => ({ method: 'GET', path: `/v1/content/${(await context.resource('uploadedContainer')).id}` }),
    patchContent: async (context) => ({ method: 'PATCH', path: `/v1/content/${(await context.resource('uploadedContainer')).id}`, body: { caption: 'Edited' } }),
    getContentProgress: async (context) => ({ method: 'GET', path: `/v1/content/${(await context.resource('job')).containerIds[0]}/progress` }),

    getJob: async (context) => ({ method: 'GET', path: `/v1/jobs/${(await context.resource('job')).jobId}` }),
    cancelJob: async (context) => ({ method: 'POST', path: `/v1/jobs/${(await context.fresh('job')).jobId}/cancel`, idempotencyKey: randomUUID(), expect: [200, 202] }),
  },
};
