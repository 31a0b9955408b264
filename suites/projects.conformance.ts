// Projects in full: PATCH semantics and limits, read-only fields, the customerExternalId lookup,
// the keyword bank and brand ingestion.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, sampleDescription, uniqueProjectName } from './lib/flows.ts';
import { waitForJob } from './lib/jobs.ts';

function issuePaths(body: any): string[] {
  return ((body?.error?.details?.issues ?? []) as { path: string }[]).map((issue) => issue.path);
}

export const projectChecks: Check[] = [
  defineCheck({
    id: 'projects.patch-semantics',
    title: 'Project PATCH changes only what is sent, enforces limits and rejects read-only fields',
    area: 'projects',
    guarantees: ['PROJ-PATCH-PARTIAL', 'PROJ-READ-ONLY-REJECTED', 'PROJ-FIELD-LIMITS'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const created = (await createProject(target, { tagline: 'Before', metadata: { plan: 'pro', seats: 3 } })).response.body;
      const path = `/v1/projects/${created.id}`;

      const patched = await target.call({ method: 'PATCH', path, body: { tagline: null, brandVoice: 'witty', metadata: { tier: 'gold' } } });
      expectStatus(patched, 200, 'PATCH with tagline, brandVoice and metadata');
      expectEqual(patched.response.body.tagline, null, 'null clears tagline', patched);
      expectEqual(patched.response.body.brandVoice, 'witty', 'brandVoice is the new value', patched);
      expectEqual(patched.response.body.metadata, { tier: 'gold' }, 'metadata is replaced as a whole, not merged', patched);
      expectEqual(patched.response.body.name, created.name, 'an omitted field keeps its value', patched);
      expectEqual(patched.response.body.appDescription, created.appDescription, 'appDescription is untouched', patched);

      for (const field of ['id', 'organizationId', 'createdAt', 'ingestState', 'brandContext']) {
        const rejected = await target.call({ method: 'PATCH', path, body: { [field]: field === 'ingestState' || field === 'brandContext' ? {} : 'x', name: 'Never Applied' } });
        expectErrorCode(rejected, 422, 'VALIDATION', `PATCH with the read-only field ${field}`);
        expectTrue(issuePaths(rejected.response.body).includes(field), `the issue names ${field}: ${JSON.stringify(issuePaths(rejected.response.body))}`, rejected);
      }

      const limits: [string, unknown][] = [
        ['name', 'ab'],
        ['name', 'x'.repeat(31)],
        ['appName', 'ab'],
        ['appDescription', 'x'.repeat(99)],
        ['appDescription', 'x'.repeat(1001)],
        ['tagline', 'x'.repeat(81)],
        ['brandVoice', 'sarcastic'],
        ['targetGender', 'other'],
      ];
      for (const [field, value] of limits) {
        const rejected = await target.call({ method: 'PATCH', path, body: { [field]: value } });
        expectErrorCode(rejected, 422, 'VALIDATION', `PATCH ${field} outside its limits`);
        expectTrue(issuePaths(rejected.response.body).includes(field), `the issue names ${field}`, rejected);
      }

      const after = await target.call({ method: 'GET', path });
      expectStatus(after, 200, 'GET the project after the rejected patches');
      expectEqual(after.response.body.name, created.name, 'rejected patches changed nothing', after);
      expectEqual(after.response.body.brandVoice, 'witty', 'the accepted patch stays', after);
    },
  }),

  defineCheck({
    id: 'projects.external-id-lookup',
    title: 'customerExternalId finds exactly its project and binds one project at a time',
    area: 'projects',
    guarantees: ['PROJ-EXTERNAL-ID-LOOKUP'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const externalId = `cust-${uniqueProjectName('x').replace(/\W/g, '')}`;
      const bound = (await createProject(target, { customerExternalId: externalId })).response.body;
      await createProject(target, { customerExternalId: `${externalId}-other` });

      const lookup = await target.call({ method: 'GET', path: '/v1/projects', query: { customerExternalId: externalId } });
      expectStatus(lookup, 200, 'GET /v1/projects?customerExternalId=');
      expectEqual((lookup.response.body.items as { id: string }[]).map((item) => item.id), [bound.id], 'the lookup returns the single bound project', lookup);

      const duplicate = await target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName(), timezone: 'UTC', customerExternalId: externalId } });
      expectErrorCode(duplicate, 409, 'CONFLICT', 'a second project with the same customerExternalId');
    },
  }),

  defineCheck({
    id: 'projects.keywords-refresh',
    title: 'Keyword research fills the hashtag bank through a job',
    area: 'projects',
    guarantees: ['PROJ-KEYWORDS', 'PROJ-KEYWORDS-REFRESH'],
    level: 'inferred',
    async run(context) {
      const target = context.target;
      const project = (await target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Kw'), timezone: 'UTC' } })).response.body;
      const path = `/v1/projects/${project.id}`;

      const empty = await target.call({ method: 'GET', path: `${path}/keywords` });
      expectStatus(empty, 200, 'GET …/keywords before any research');
      expectEqual(empty.response.body.hashtags, [], 'no research yet: hashtags is []', empty);
      expectEqual(empty.response.body.refreshedAt, null, 'no research yet: refreshedAt is null', empty);

      const missingDescription = await target.call({ method: 'POST', path: `${path}/keywords/refresh`, body: {} });
      expectErrorCode(missingDescription, 422, 'VALIDATION', 'refresh without appDescription');
      expectEqual(missingDescription.response.body.error.details.missingFields, ['appDescription'], 'details.missingFields names appDescription', missingDescription);

      const described = await target.call({ method: 'PATCH', path, body: { appDescription: sampleDescription } });
      expectStatus(described, 200, 'PATCH appDescription');

      const started = await target.call({ method: 'POST', path: `${path}/keywords/refresh`, body: {} });
      expectStatus(started, 202, 'POST …/keywords/refresh');
      expectEqual(started.response.body.kind, 'project_keywords_refresh', 'the job kind', started);
      const job = await waitForJob(context, started.response.body.jobId);
      expectEqual(job.response.body.status, 'completed', 'the research job completes', job);

      const bank = await target.call({ method: 'GET', path: `${path}/keywords` });
      const hashtags = bank.response.body.hashtags as { hashtag: string; score: number; viewCount: number }[];
      expectTrue(hashtags.length > 0, 'the bank has hashtags after research', bank);
      expectTrue(bank.response.body.refreshedAt !== null, 'refreshedAt is set after research', bank);
      for (let index = 1; index < hashtags.length; index += 1) {
        const previous = hashtags[index - 1] as { score: number; viewCount: number };
        const current = hashtags[index] as { score: number; viewCount: number };
        const ordered = previous.score > current.score || (previous.score === current.score && previous.viewCount >= current.viewCount);
        expectTrue(ordered, `hashtags are sorted by score, then viewCount, at position ${index}`, bank);
      }
      expectTrue(hashtags.every((entry) => !entry.hashtag.startsWith('#') && entry.score >= 70), 'hashtags carry no # and score at least 70', bank);
    },
  }),

  defineCheck({
    id: 'projects.ingest-state',
    title: 'Website and app store ingest run as jobs that ingestState and brandContext reflect',
    area: 'projects',
    guarantees: ['PROJ-INGEST-STATE'],
    level: 'inferred',
    async run(context) {
      const target = context.target;
      const project = (await target.call({ method: 'POST', path: '/v1/projects', body: { name: uniqueProjectName('Ing'), timezone: 'UTC' } })).response.body;
      const path = `/v1/projects/${project.id}`;
      expectEqual(project.ingestState, { github: null, website: null, appstore: null }, 'a fresh project has no ingest state');

      const none = await target.call({ method: 'POST', path: `${path}/ingest/appstore`, body: { countryCode: 'us' } });
      expectErrorCode(none, 422, 'VALIDATION', 'app store ingest without any identifier');

      const website = await target.call({ method: 'POST', path: `${path}/ingest/website`, body: { url: 'https://www.calm-habits.example/' } });
      expectStatus(website, 202, 'POST …/ingest/website');
      expectEqual(website.response.body.kind, 'project_ingest_website', 'the website job kind', website);

      const running = await target.call({ method: 'GET', path });
      const state = running.response.body.ingestState.website;
      expectTrue(state !== null && state.jobId === website.response.body.jobId, 'ingestState.website names the job while it runs', running);

      const appstore = await target.call({ method: 'POST', path: `${path}/ingest/appstore`, body: { iosBundleId: 'com.calm.habits' } });
      expectStatus(appstore, 202, 'POST …/ingest/appstore');
      expectEqual(appstore.response.body.kind, 'project_ingest_appstore', 'the app store job kind', appstore);

      for (const started of [website, appstore]) {
        const job = await waitForJob(context, started.response.body.jobId);
        expectEqual(job.response.body.status, 'completed', `the ${started.response.body.kind} job completes`, job);
      }

      const after = await target.call({ method: 'GET', path });
      for (const source of ['website', 'appstore']) {
        const run = after.response.body.ingestState[source];
        expectEqual(run?.status, 'completed', `ingestState.${source} is completed`, after);
        expectTrue(typeof run?.completedAt === 'string', `ingestState.${source} has completedAt`, after);
      }
      const brand = after.response.body.brandContext;
      expectTrue(brand !== null && typeof brand.audience === 'string' && brand.keywords.length > 0, 'brandContext carries the ingested audience and keywords', after);
      expectTrue(typeof after.response.body.appDescription === 'string' && after.response.body.appDescription.length >= 100, 'ingest filled the empty appDescription', after);
    },
  }),
];
