// Brand ingestion from a website or an app store listing. Each source runs as a job, and the
// project's ingestState shows the latest run of each source. The mock fetches nothing (D32): the
// findings are derived from the URL or the store identifiers.
import type { HandlerResult, MockContext, RequestContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import type { IngestSource, Job, JobStage, Project } from '../../state/types.ts';
import { assertPublicHttpsUrl } from '../content/source-url.ts';
import { registerJobKind, startJob } from '../jobs/lifecycle.ts';
import { jobRepresentation } from '../jobs/representation.ts';
import { brandOf, describeFindings, mergeFindings, titleCase, type IngestFindings } from './brand.ts';
import { assertActive, findProject } from './rules.ts';

const websiteStages: JobStage[] = [
  { name: 'fetching', share: 0.4, cancelable: true },
  { name: 'extracting', share: 0.4, cancelable: true },
  { name: 'merging', share: 0.2, cancelable: false },
];

const appStoreStages: JobStage[] = [
  { name: 'scraping', share: 0.7, cancelable: true },
  { name: 'merging', share: 0.3, cancelable: false },
];

/**
 * Starts an ingest job of `source` and marks the project's ingestState running. The findings are
 * fixed at the start and merged when the job completes.
 */
export function startIngest(mock: MockContext, project: Project, source: IngestSource, kind: string, stages: JobStage[], at: number, findings: IngestFindings): Job {
  const job = startJob(mock, { organizationId: project.organizationId, kind, stages, projectId: project.id, at, payload: { findings } });
  brandOf(mock, project.id).ingest[source] = { status: 'running', jobId: job.jobId, completedAt: null };
  return job;
}

export function findingsOf(job: Job): IngestFindings | undefined {
  return job.payload?.findings as IngestFindings | undefined;
}

export function finishIngest(source: IngestSource) {
  return {
    onComplete(mock: MockContext, job: Job, at: number) {
      const project = job.projectId === null ? undefined : mock.store.projects.get(job.projectId);
      const findings = findingsOf(job);

      if (project !== undefined && findings !== undefined) {
        mergeFindings(mock, project, findings, at);
      }
      job.result = { ...(job.result ?? {}), source, keywords: findings?.keywords ?? [] };
      markRun(mock, job, source, 'completed', at);
    },
    onFail(mock: MockContext, job: Job, at: number) {
      markRun(mock, job, source, 'failed', at);
    },
    onCancel(mock: MockContext, job: Job, at: number) {
      markRun(mock, job, source, 'failed', at);
    },
  };
}

function markRun(mock: MockContext, job: Job, source: IngestSource, status: 'completed' | 'failed', at: number): void {
  if (job.projectId === null) {
    return;
  }
  const brand = brandOf(mock, job.projectId);
  // A newer run of the same source owns the state; an older job ending late leaves it alone.
  if (brand.ingest[source]?.jobId === job.jobId) {
    brand.ingest[source] = { status, jobId: job.jobId, completedAt: status === 'completed' ? at : null };
  }
}

registerJobKind('project_ingest_website', finishIngest('website'));
registerJobKind('project_ingest_appstore', finishIngest('appstore'));

function websiteFindings(url: URL): IngestFindings {
  const labels = url.hostname.split('.').filter((label) => label !== 'www');
  const name = titleCase(labels[0] ?? 'App') || 'App';
  return {
    appName: name,
    appDescription: describeFindings(name, `the website ${url.hostname}`),
    tagline: `${name}, made simple`,
    audience: `Visitors of ${url.hostname}`,
    keywords: labels.slice(0, -1).map((label) => label.toLowerCase()),
  };
}

function appStoreFindings(identifier: string): IngestFindings {
  const parts = identifier.split(/[./]/).filter((part) => part !== '' && !/^(com|app|apps|www|https:|id\d+)$/.test(part));
  const name = titleCase(parts[parts.length - 1] ?? 'App') || 'App';
  return {
    appName: name,
    appDescription: describeFindings(name, `the app store listing ${identifier}`),
    tagline: `${name} for everyday life`,
    audience: `People who install ${name} from the app stores`,
    keywords: parts.map((part) => part.toLowerCase()).slice(0, 5),
  };
}

export function ingestWebsite(request: RequestContext): HandlerResult {
  const project = findProject(request, request.params.projectId);
  const body = request.body as { url: string };

  const url = assertPublicHttpsUrl('url', body.url);
  assertActive(project);

  const job = startIngest(request.mock, project, 'website', 'project_ingest_website', websiteStages, request.now, websiteFindings(url));
  return { status: 202, body: jobRepresentation(job, request.now) };
}

export function ingestAppStore(request: RequestContext): HandlerResult {
  const project = findProject(request, request.params.projectId);
  const body = (request.body ?? {}) as { iosBundleId?: string; androidPackage?: string; appStoreUrl?: string };

  if (body.iosBundleId === undefined && body.androidPackage === undefined && body.appStoreUrl === undefined) {
    throw validationError('iosBundleId', 'or androidPackage or appStoreUrl is required: send at least one of them to name the listing.');
  }
  let identifier = body.iosBundleId ?? body.androidPackage ?? '';
  if (body.appStoreUrl !== undefined) {
    const url = assertPublicHttpsUrl('appStoreUrl', body.appStoreUrl);
    identifier = identifier === '' ? url.pathname : identifier;
  }
  assertActive(project);

  const job = startIngest(request.mock, project, 'appstore', 'project_ingest_appstore', appStoreStages, request.now, appStoreFindings(identifier));
  return { status: 202, body: jobRepresentation(job, request.now) };
}
