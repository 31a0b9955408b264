// Repository ingest: a project_ingest_github job that clones, analyzes, writes the SDK patch,
// opens a pull request and finalizes. On completion it provisions one SDK app per instrumented
// platform the project lacks, and merges the inferred brand context.
import type { HandlerResult, MockContext, RequestContext } from '../../context.ts';
import { principalOf } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import type { Job, JobStage, SdkPlatform } from '../../state/types.ts';
import { registerJobKind } from '../jobs/lifecycle.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { describeFindings, titleCase } from '../projects/brand.ts';
import { finishIngest, startIngest } from '../projects/ingest.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import { provisionSdkApp } from '../sdk-apps/provision.ts';
import { activeInstallation, reposOf } from './installation.ts';

export const githubJobKind = 'project_ingest_github';

const githubStages: JobStage[] = [
  { name: 'cloning', share: 0.2, cancelable: true },
  { name: 'analyzing', share: 0.25, cancelable: true },
  { name: 'generating_sdk_patch', share: 0.25, cancelable: true },
  { name: 'opening_pr', share: 0.2, cancelable: false },
  { name: 'finalizing', share: 0.1, cancelable: false },
];

const platformByLanguage: Record<string, SdkPlatform> = {
  Swift: 'ios',
  Kotlin: 'android',
  TypeScript: 'web',
  Dart: 'flutter',
};

interface GithubIngestBody {
  repoFullName: string;
  branch?: string;
  openPR?: boolean;
  platforms?: string[];
  sdkConfig?: { appName?: string; includePlatforms?: string[]; eventAllowlist?: string[] };
  prTitle?: string;
  prBody?: string;
}

function samePlatforms(left: string[], right: string[]): boolean {
  return left.length === right.length && [...left].sort().join(',') === [...right].sort().join(',');
}

export function ingestGithub(request: RequestContext): HandlerResult {
  const principal = principalOf(request);
  const project = findProject(request, request.params.projectId);
  const body = request.body as GithubIngestBody;
  const mock = request.mock;

  const installation = activeInstallation(mock, principal.organization.id);
  const repo = reposOf(installation).find((entry) => entry.fullName.toLowerCase() === body.repoFullName.toLowerCase());
  if (repo === undefined) {
    throw validationError('repoFullName', `${body.repoFullName} is not visible to GitHub installation ${installation.installationId}. List the visible repositories with GET /v1/github/repos.`);
  }

  const included = body.sdkConfig?.includePlatforms;
  if (body.platforms !== undefined && included !== undefined && !samePlatforms(body.platforms, included)) {
    throw validationError('platforms', 'is an alias of sdkConfig.includePlatforms and differs from it; send one of them, or the same list in both.');
  }
  assertActive(project);

  const detected = repo.language === null ? undefined : platformByLanguage[repo.language];
  const platforms = body.platforms ?? included ?? (detected === undefined ? [] : [detected]);
  const name = titleCase(repo.fullName.split('/')[1] ?? repo.fullName);

  const job = startIngest(mock, project, 'github', githubJobKind, githubStages, request.now, {
    appName: body.sdkConfig?.appName ?? name,
    appDescription: describeFindings(name, `the repository ${repo.fullName}`),
    tagline: `${name}, instrumented with Layers`,
    audience: `Users of ${name}`,
    keywords: [repo.language ?? 'app', ...platforms].map((word) => word.toLowerCase()),
  });
  job.payload = {
    ...job.payload,
    repoFullName: repo.fullName,
    branch: body.branch ?? repo.defaultBranch,
    openPR: body.openPR ?? true,
    platforms,
    prTitle: body.prTitle ?? 'chore: instrument with Layers SDK',
  };

  return { status: 202, body: jobRepresentation(job, request.now) };
}

function completeGithubIngest(mock: MockContext, job: Job, at: number): void {
  const payload = job.payload ?? {};
  const project = job.projectId === null ? undefined : mock.store.projects.get(job.projectId);
  const repoFullName = String(payload.repoFullName);
  const sdkAppIds: string[] = [];

  if (project !== undefined) {
    for (const platform of (payload.platforms ?? []) as SdkPlatform[]) {
      sdkAppIds.push(provisionSdkApp(mock, project, platform, repoFullName, at).appId);
    }
  }

  const pullNumber = 1 + (at % 997);
  job.result = {
    repoFullName,
    branch: payload.branch,
    patchBranch: 'layers/instrument-sdk',
    prTitle: payload.prTitle,
    prUrl: payload.openPR === true ? `https://github.com/${repoFullName}/pull/${pullNumber}` : null,
    platforms: payload.platforms,
    sdkAppIds,
  };
}

const ingestHooks = finishIngest('github');

registerJobKind(githubJobKind, {
  onComplete(mock, job, at) {
    completeGithubIngest(mock, job, at);
    ingestHooks.onComplete(mock, job, at);
  },
  onFail: ingestHooks.onFail,
  onCancel: ingestHooks.onCancel,
});
