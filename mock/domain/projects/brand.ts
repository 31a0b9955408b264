// The findings of brand ingestion and keyword research, kept beside the project row: the state of
// each ingest source, the audience and keywords, and the hashtag bank.
import type { MockContext } from '../../context.ts';
import { nullableIso } from '../../state/clock.ts';
import type { IngestRun, IngestSource, Project, ProjectBrand } from '../../state/types.ts';

export function brandOf(mock: MockContext, projectId: string): ProjectBrand {
  let brand = mock.store.projectBrands.get(projectId);
  if (brand === undefined) {
    brand = {
      projectId,
      ingest: { github: null, website: null, appstore: null },
      audience: null,
      keywords: [],
      hashtags: [],
      keywordsRefreshedAt: null,
    };
    mock.store.projectBrands.set(projectId, brand);
  }
  return brand;
}

function ingestRunView(run: IngestRun | null): Record<string, unknown> | null {
  return run === null ? null : { status: run.status, jobId: run.jobId, completedAt: nullableIso(run.completedAt) };
}

export function ingestStateView(brand: ProjectBrand | undefined): Record<IngestSource, Record<string, unknown> | null> {
  return {
    github: ingestRunView(brand?.ingest.github ?? null),
    website: ingestRunView(brand?.ingest.website ?? null),
    appstore: ingestRunView(brand?.ingest.appstore ?? null),
  };
}

/** Findings of an ingest job; fields the partner already set on the project are never overwritten. */
export interface IngestFindings {
  appName: string;
  appDescription: string;
  tagline: string;
  audience: string;
  keywords: string[];
}

export function mergeFindings(mock: MockContext, project: Project, findings: IngestFindings, at: number): void {
  const brand = brandOf(mock, project.id);

  project.appName = project.appName ?? findings.appName.slice(0, 30);
  project.appDescription = project.appDescription ?? findings.appDescription;
  project.tagline = project.tagline ?? findings.tagline.slice(0, 80);
  project.updatedAt = at;

  brand.audience = findings.audience;
  brand.keywords = [...new Set([...brand.keywords, ...findings.keywords])].slice(0, 20);
}

/** Turns a name such as "my-cool_app" into "My Cool App". */
export function titleCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

/** Drafts a deterministic description of 100+ characters, the minimum appDescription length. */
export function describeFindings(appName: string, source: string): string {
  return `${appName} helps people get more done with less effort. This description was drafted from ${source} and can be edited with PATCH at any time.`;
}
