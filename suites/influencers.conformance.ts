// Influencers: async create and clone with influencer_create jobs, patch, reference images, the
// default persona of a new project, and archive.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, uniqueProjectName } from './lib/flows.ts';
import { waitForJob } from './lib/jobs.ts';

export const influencerChecks: Check[] = [
  defineCheck({
    id: 'influencers.lifecycle',
    title: 'Influencers are created and cloned through jobs, patched, and archived for good',
    area: 'influencers',
    guarantees: ['INF-CREATE-ASYNC', 'INF-CLONE-ASYNC', 'INF-PATCH', 'INF-ARCHIVE'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Inf'), timezone: 'UTC', targetGender: 'male', brandVoice: 'warm', primaryLanguage: 'en' } })).response.body;
      const path = `/v1/projects/${project.id}/influencers`;

      const withId = await target.call({ method: 'POST', path, body: { id: 'inf_00000000-0000-4000-8000-000000000000' } });
      expectErrorCode(withId, 422, 'VALIDATION', 'a create with a body id');

      const started = await target.call({ method: 'POST', path, body: { ageRange: 'adult' } });
      expectStatus(started, 202, 'POST …/influencers');
      expectEqual(started.response.body.kind, 'influencer_create', 'the job kind', started);
      const influencerId = started.response.body.influencerId as string;
      expectTrue(/^inf_/.test(influencerId ?? ''), 'the envelope carries influencerId', started);

      const pending = await target.call({ method: 'GET', path: `/v1/influencers/${influencerId}` });
      expectStatus(pending, 200, 'GET the influencer while its job runs');
      expectTrue(['pending', 'training'].includes(pending.response.body.status), `a new influencer is pending or training, not ${pending.response.body.status}`, pending);
      expectEqual(pending.response.body.gender, 'male', 'gender defaults to the project targetGender', pending);
      expectEqual(pending.response.body.brandVoice, 'warm', 'brandVoice comes from the project', pending);

      const job = await waitForJob(context, started.response.body.jobId);
      expectEqual(job.response.body.status, 'completed', 'the influencer_create job completes', job);
      const ready = await target.call({ method: 'GET', path: `/v1/influencers/${influencerId}` });
      expectEqual(ready.response.body.status, 'ready', 'the influencer is ready when its job completes', ready);
      expectTrue(typeof ready.response.body.imageUrl === 'string', 'a ready influencer has an imageUrl', ready);

      const patched = await target.call({ method: 'PATCH', path: `/v1/influencers/${influencerId}`, body: { name: 'Leo Kit', ageRange: null, brandVoice: 'witty' } });
      expectStatus(patched, 200, 'PATCH the influencer');
      expectEqual([patched.response.body.name, patched.response.body.ageRange, patched.response.body.brandVoice], ['Leo Kit', null, 'witty'], 'the patched fields', patched);
      expectErrorCode(await target.call({ method: 'PATCH', path: `/v1/influencers/${influencerId}`, body: { gender: null } }), 422, 'VALIDATION', 'gender cannot be cleared');

      const cloned = await target.call({ method: 'POST', path: `/v1/influencers/${influencerId}/clone`, body: { name: 'Leo Kit (DE)', overrides: { language: 'de' } } });
      expectStatus(cloned, 202, 'POST …/clone');
      expectEqual(cloned.response.body.kind, 'influencer_create', 'a clone renders through an influencer_create job', cloned);
      const copyId = cloned.response.body.influencerId as string;
      expectTrue(copyId !== influencerId, 'the clone is a new influencer', cloned);
      const copy = await target.call({ method: 'GET', path: `/v1/influencers/${copyId}` });
      expectEqual([copy.response.body.name, copy.response.body.language, copy.response.body.brandVoice, copy.response.body.clonedFrom], ['Leo Kit (DE)', 'de', 'witty', influencerId], 'the clone takes the name, the overrides and the rest of the source', copy);

      const archived = await target.call({ method: 'DELETE', path: `/v1/influencers/${influencerId}`, body: { reason: 'replaced' } });
      expectStatus(archived, 200, 'DELETE the influencer');
      expectEqual(archived.response.body.status, 'deleted', 'the archive response', archived);
      for (const [method, suffix, body] of [['GET', '', undefined], ['PATCH', '', { name: 'x' }], ['POST', '/clone', { name: 'x' }], ['DELETE', '', undefined]] as const) {
        const after = await target.call({ method, path: `/v1/influencers/${influencerId}${suffix}`, body });
        expectErrorCode(after, 404, 'NOT_FOUND', `${method} …${suffix} after the archive`);
      }
      const list = await target.call({ method: 'GET', path });
      const listed = (list.response.body.items as { influencerId: string }[]).map((item) => item.influencerId);
      expectTrue(!listed.includes(influencerId) && listed.includes(copyId), 'the list drops the archived influencer and keeps the clone', list);
    },
  }),

  defineCheck({
    id: 'influencers.reference-images',
    title: 'Reference images bind project images, skip duplicates and drop foreign ids',
    area: 'influencers',
    guarantees: ['INF-REFERENCE-IMAGES'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const other = (await createProject(target)).response.body;
      const upload = async (projectId: string, kind: string, url: string) => {
        const media = await target.call({ method: 'POST', path: `/v1/projects/${projectId}/app-media`, body: { kind, url } });
        expectStatus(media, 201, `upload a ${kind}`);
        return media.response.body.id as string;
      };
      const screenshot = await upload(project.id, 'screenshot', 'https://cdn.example.com/ref/a.png');
      const video = await upload(project.id, 'demo-video', 'https://cdn.example.com/ref/demo.mp4');
      const foreign = await upload(other.id, 'screenshot', 'https://cdn.example.com/ref/b.png');
      const influencer = (await target.call({ method: 'POST', path: `/v1/projects/${project.id}/influencers`, body: {} })).response.body;
      const path = `/v1/influencers/${influencer.influencerId}/reference-images`;

      const bound = await target.call({ method: 'POST', path, body: { assetIds: [screenshot, foreign, video] } });
      expectStatus(bound, 200, 'bind reference images');
      expectEqual((bound.response.body.referenceImages as { assetId: string }[]).map((image) => image.assetId), [screenshot], 'only the project image is bound', bound);
      expectEqual(bound.response.body.ignoredAssetIds, [foreign, video], 'foreign and non-image ids are dropped without an error', bound);

      const again = await target.call({ method: 'POST', path, body: { assetIds: [screenshot] } });
      expectEqual((again.response.body.referenceImages as unknown[]).length, 1, 'binding the same image twice keeps one', again);

      expectErrorCode(await target.call({ method: 'POST', path, body: { assetIds: [] } }), 422, 'VALIDATION', 'an empty assetIds');
      expectErrorCode(await target.call({ method: 'POST', path, body: { assetIds: Array.from({ length: 21 }, (_, index) => `a${index}`) } }), 422, 'VALIDATION', '21 assetIds');
    },
  }),

  defineCheck({
    id: 'influencers.default-persona',
    title: 'A project created with an appDescription gets a default influencer',
    area: 'influencers',
    guarantees: ['INF-DEFAULT-PERSONA'],
    level: 'inferred',
    async run(context) {
      const target = context.target;
      const described = (await createProject(target)).response.body;
      const bare = (await target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Bare'), timezone: 'UTC' } })).response.body;

      const list = await target.call({ method: 'GET', path: `/v1/projects/${described.id}/influencers` });
      expectStatus(list, 200, 'list the influencers of a described project');
      expectEqual((list.response.body.items as unknown[]).length, 1, 'one default influencer exists at once', list);

      const none = await target.call({ method: 'GET', path: `/v1/projects/${bare.id}/influencers` });
      expectEqual(none.response.body.items, [], 'a project without appDescription has none', none);
    },
  }),
];
