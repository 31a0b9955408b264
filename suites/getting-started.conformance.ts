// The getting-started flow of the docs, end to end: identity, project, hooks, a generation that
// completes with a preview, an upload from a URL, a caption edit, and the archive.
import { expectEqual, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, waitForContainer } from './lib/flows.ts';

const previewFields = ['kind', 'primaryUrl', 'thumbnailUrl', 'imageUrls', 'videoUrl', 'hlsUrl', 'durationMs', 'aspectRatio'];

export const gettingStartedChecks: Check[] = [
  defineCheck({
    id: 'flow.getting-started',
    title: 'Getting-started flow from whoami to archive',
    area: 'getting-started',
    guarantees: ['WHOAMI-IDENTITY', 'PROJECT-CREATE', 'HOOKS-BANK', 'CONTENT-GENERATE-ASYNC', 'JOB-TERMINAL-STICKY', 'PREVIEW-OBJECT', 'UPLOAD-FROM-URL', 'CONTENT-CAPTION-PATCH', 'PROJECT-ARCHIVE'],
    level: 'documented',
    async run(context) {
      const target = context.target;

      const whoami = await target.call({ method: 'GET', path: '/v1/whoami' });
      expectStatus(whoami, 200, 'GET /v1/whoami');
      for (const field of ['organizationId', 'scopes', 'rateLimitTier', 'apiKeyId', 'creditBalance']) {
        expectTrue(field in whoami.response.body, `whoami returns ${field}`, whoami);
      }

      const project = (await createProject(target, { timezone: 'Europe/Berlin' })).response.body;
      expectTrue(/^prj_/.test(project.id), `the project id starts with prj_: ${project.id}`);

      const hooks = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/content/hooks` });
      expectStatus(hooks, 200, 'GET …/content/hooks on a project with appName and appDescription');
      expectTrue(Array.isArray(hooks.response.body.hooks) && hooks.response.body.hooks.length > 0, 'the hook bank is a non-empty list', hooks);

      const hook = String(hooks.response.body.hooks[0]);
      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook } });
      expectStatus(started, 202, 'POST …/content/slideshow-builder starts a job');
      const containerIds = started.response.body.containerIds as string[];
      expectEqual(containerIds.length, 1, 'the per-format endpoint returns one container id', started);
      const containerId = containerIds[0] as string;

      const progress = await waitForContainer(context, containerId);
      expectEqual(progress.response.body.status, 'completed', 'the generation completes', progress);

      const container = await target.call({ method: 'GET', path: `/v1/content/${containerId}` });
      expectStatus(container, 200, 'GET /v1/content/{containerId}');
      const preview = container.response.body.preview;
      expectTrue(preview !== null && typeof preview === 'object', 'a completed container has a preview', container);
      expectEqual(Object.keys(preview).sort(), [...previewFields].sort(), 'the preview has exactly the fields of the preview object', container);
      expectEqual(preview.kind, 'slideshow', 'a slideshow-builder container previews as a slideshow', container);

      const job = await target.call({ method: 'GET', path: `/v1/jobs/${started.response.body.jobId}` });
      expectStatus(job, 200, 'GET /v1/jobs/{jobId}');
      expectEqual(job.response.body.status, 'completed', 'the job envelope is completed', job);

      const list = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/content`, query: { status: ['completed', 'failed'], format: 'slideshow-builder' } });
      expectStatus(list, 200, 'GET …/content with repeated status filters');
      const listed = (list.response.body.items as { id: string; preview: unknown }[]).find((item) => item.id === containerId);
      expectTrue(listed !== undefined, 'the completed container is listed under its status and format', list);
      expectEqual(listed?.preview, preview, 'the list shows the same preview object as GET', list);

      const upload = await target.call({
        method: 'POST',
        path: `/v1/projects/${project.id}/content/upload`,
        body: { media: [{ url: 'https://cdn.layers-kit.invalid/uploads/clip.mp4' }], caption: '' },
      });
      expectStatus(upload, 201, 'POST …/content/upload from a URL');
      expectEqual(upload.response.body.status, 'completed', 'an uploaded item is born completed', upload);
      expectEqual(upload.response.body.creativeType, 'uploaded', 'the item is of creativeType uploaded', upload);

      const caption = 'New caption from the conformance kit';
      const patched = await target.call({ method: 'PATCH', path: `/v1/content/${upload.response.body.id}`, body: { caption } });
      expectStatus(patched, 200, 'PATCH /v1/content/{id} on an uploaded item');
      expectEqual(patched.response.body.caption, caption, 'the caption is the new one', patched);

      const archived = await target.call({ method: 'DELETE', path: `/v1/projects/${project.id}`, body: { reason: 'conformance run finished' } });
      expectStatus(archived, 200, 'DELETE /v1/projects/{id} with a reason archives');
      expectEqual(archived.response.body.status, 'archived', 'the archive response has status archived', archived);
    },
  }),

  defineCheck({
    id: 'content.variants-reserve',
    title: 'Multi-variant generation returns one container per variant and bills each',
    area: 'getting-started',
    guarantees: ['CONTENT-VARIANTS', 'CREDITS-RESERVE-SETTLE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ credits: 1000 });
      const target = context.target.withKey(minted.key);
      const project = (await createProject(target)).response.body;

      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'slideshow-builder', hook: 'Three ways to start', variantCount: 3 } });
      expectStatus(started, 202, 'POST …/content with variantCount 3');
      expectEqual((started.response.body.containerIds as string[]).length, 3, 'three variants give three container ids', started);

      const reserved = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(reserved.response.body.reservedCredits, 150, 'three slideshow-builder variants reserve 3 × 50 credits', reserved);
      expectEqual(reserved.response.body.available, 850, 'available drops by the reservation', reserved);

      for (const containerId of started.response.body.containerIds as string[]) {
        await waitForContainer(context, containerId, target);
      }

      const settled = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(settled.response.body.reservedCredits, 0, 'the reservation is settled when the job completes', settled);
      expectEqual(settled.response.body.balance, 850, 'the balance is charged 150 credits', settled);
    },
  }),

  defineCheck({
    id: 'content.reserved-formats',
    title: 'Reserved formats get UNSUPPORTED_FORMAT and auto fails validation',
    area: 'getting-started',
    guarantees: ['CONTENT-FORMAT-ENUM'],
    level: 'documented',
    async run(context) {
      const project = (await createProject(context.target)).response.body;

      for (const format of ['video-remix', 'slideshow-remix']) {
        const response = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format, tiktokVideoId: '7300000000000000000' } });
        expectStatus(response, 422, `format ${format} is reserved`);
        expectEqual(response.response.body.error.code, 'UNSUPPORTED_FORMAT', `format ${format} gets UNSUPPORTED_FORMAT`, response);
      }

      const auto = await context.target.call({ method: 'POST', path: `/v1/projects/${project.id}/content`, body: { format: 'auto', hook: 'Anything' } });
      expectStatus(auto, 422, 'format auto was removed');
      expectEqual(auto.response.body.error.code, 'VALIDATION', 'format auto fails validation', auto);
    },
  }),
];
