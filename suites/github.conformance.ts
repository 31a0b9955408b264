// GitHub: the returnUrl allowlist of install URLs, one installation per organization, and
// repository ingest as a staged job that provisions SDK apps.
import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { waitForJob } from './lib/jobs.ts';
import type { TargetClient } from './lib/target.ts';

const allowedHost = 'partner.example.com';

async function installState(target: TargetClient): Promise<string> {
  const exchange = await target.call({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl: `https://${allowedHost}/github` } });
  expectStatus(exchange, 200, 'GET …/install-url with an allowed returnUrl');
  return exchange.response.body.state as string;
}

export const githubChecks: Check[] = [
  defineCheck({
    id: 'github.install-url-allowlist',
    title: 'The install URL honours the key allowlist of return domains and expires in 15 minutes',
    area: 'github',
    guarantees: ['GH-RETURN-URL-ALLOWLIST'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ allowedReturnDomains: [allowedHost] });
      const target = context.target.withKey(minted.key);

      for (const returnUrl of ['https://evil.example.net/cb', `https://sub.${allowedHost}/cb`, `https://${allowedHost}.evil.example.net/cb`]) {
        const rejected = await target.call({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl } });
        expectErrorCode(rejected, 403, 'RETURN_URL_NOT_ALLOWED', `returnUrl ${returnUrl}`);
      }

      const insecure = await target.call({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl: `http://${allowedHost}/cb` } });
      expectErrorCode(insecure, 422, 'VALIDATION', 'an http returnUrl');

      const allowed = await target.call({ method: 'GET', path: '/v1/github/installation/install-url', query: { returnUrl: `https://${allowedHost.toUpperCase()}/cb`, state: 'partner-csrf-123' } });
      expectStatus(allowed, 200, 'a returnUrl on the allowlist, host in upper case');
      expectEqual(allowed.response.body.state, 'partner-csrf-123', 'the partner state is echoed', allowed);
      expectEqual(allowed.response.body.installUrl, allowed.response.body.authUrl, 'installUrl equals authUrl', allowed);
      const lifetime = Date.parse(allowed.response.body.expiresAt) - (await context.control!.now());
      expectTrue(lifetime > 14 * 60_000 && lifetime <= 15 * 60_000, `the URL expires 15 minutes after it was issued (${lifetime} ms left)`, allowed);
    },
  }),

  defineCheck({
    id: 'github.installation-and-ingest',
    title: 'One installation per organization, then repository ingest provisions SDK apps',
    area: 'github',
    guarantees: ['GH-INSTALLATION', 'GH-INGEST-ASYNC'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ allowedReturnDomains: [allowedHost] });
      const target = context.target.withKey(minted.key);

      const before = await target.call({ method: 'GET', path: '/v1/github/installation' });
      expectErrorCode(before, 404, 'NOT_FOUND', 'GET the installation before one is registered');
      const noRepos = await target.call({ method: 'GET', path: '/v1/github/repos' });
      expectErrorCode(noRepos, 422, 'VALIDATION', 'list repositories without an installation');

      const badState = await target.call({ method: 'POST', path: '/v1/github/installation', body: { installationId: 777, state: 'never-issued-state' } });
      expectErrorCode(badState, 422, 'VALIDATION', 'register with a state install-url never issued');

      const registered = await target.call({ method: 'POST', path: '/v1/github/installation', body: { installationId: 777, state: await installState(target) } });
      expectStatus(registered, 201, 'register the installation');
      expectEqual(registered.response.body.status, 'active', 'the installation is active', registered);

      const again = await target.call({ method: 'POST', path: '/v1/github/installation', body: { installationId: 777, state: await installState(target) } });
      expectStatus(again, 201, 're-posting the same installation');
      expectEqual(again.response.body.registeredAt, registered.response.body.registeredAt, 'a re-post keeps the original registeredAt', again);

      const other = await target.call({ method: 'POST', path: '/v1/github/installation', body: { installationId: 778, state: await installState(target) } });
      expectErrorCode(other, 409, 'CONFLICT', 'a second, different installation');

      const repos = await target.call({ method: 'GET', path: '/v1/github/repos', query: { search: 'IOS' } });
      expectStatus(repos, 200, 'list repositories with a search');
      const repo = repos.response.body.items[0];
      expectTrue(repo !== undefined && String(repo.fullName).toLowerCase().includes('ios'), 'the search matches case-insensitively', repos);

      const project = (await createProject(target)).response.body;
      const path = `/v1/projects/${project.id}`;
      const unknownRepo = await target.call({ method: 'POST', path: `${path}/ingest/github`, body: { repoFullName: 'someone/else' } });
      expectErrorCode(unknownRepo, 422, 'VALIDATION', 'ingest a repository the installation cannot see');

      const started = await target.call({ method: 'POST', path: `${path}/ingest/github`, body: { repoFullName: repo.fullName, platforms: ['ios'] } });
      expectStatus(started, 202, 'POST …/ingest/github');
      expectEqual(started.response.body.kind, 'project_ingest_github', 'the job kind', started);
      expectEqual(started.response.body.stage, 'cloning', 'the job starts in stage cloning', started);

      const job = await waitForJob(context, started.response.body.jobId, target);
      expectEqual(job.response.body.status, 'completed', 'the ingest job completes', job);
      const result = job.response.body.result;
      expectTrue(typeof result?.prUrl === 'string', 'openPR defaults to true, so the result has a prUrl', job);

      const apps = await target.call({ method: 'GET', path: `${path}/sdk-apps` });
      const appIds = (apps.response.body.items as { appId: string; platform: string }[]).filter((app) => app.platform === 'ios').map((app) => app.appId);
      expectEqual(appIds, result.sdkAppIds, 'the ingest provisioned the ios SDK app it reports', apps);

      const after = await target.call({ method: 'GET', path });
      expectEqual(after.response.body.ingestState.github?.status, 'completed', 'ingestState.github is completed', after);
      expectTrue(after.response.body.platformIosBundleId !== null, 'the project shows the provisioned bundle id', after);
    },
  }),
];
