import type { MockContext } from '../../context.ts';
import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { Project } from '../../state/types.ts';
import { logoUrlOf } from '../app-media/library.ts';
import { platformIdentifiersOf } from '../sdk-apps/identifiers.ts';
import { ingestStateView } from './brand.ts';

export function projectRepresentation(project: Project, mock: MockContext): Record<string, unknown> {
  const brand = mock.store.projectBrands.get(project.id);
  const logoUrl = logoUrlOf(mock, project.id);
  const hasBrandContext =
    project.appName !== null || project.appDescription !== null || project.tagline !== null || (brand?.audience ?? null) !== null || logoUrl !== null;

  return {
    id: project.id,
    organizationId: project.organizationId,
    name: project.name,
    status: project.status,
    customerExternalId: project.customerExternalId,
    timezone: project.timezone,
    primaryLanguage: project.primaryLanguage,
    ownerEmail: project.ownerEmail,
    appName: project.appName,
    appDescription: project.appDescription,
    tagline: project.tagline,
    brandVoice: project.brandVoice,
    targetGender: project.targetGender,
    brandContext: hasBrandContext
      ? {
          appName: project.appName,
          appDescription: project.appDescription,
          tagline: project.tagline,
          audience: brand?.audience ?? null,
          brandVoice: project.brandVoice,
          keywords: [...(brand?.keywords ?? [])],
          primaryLanguage: project.primaryLanguage,
          logoUrl,
        }
      : null,
    ingestState: ingestStateView(brand),
    ...platformIdentifiersOf(mock, project.id),
    requiresApproval: project.requiresApproval,
    metadata: structuredClone(project.metadata),
    archivedAt: nullableIso(project.archivedAt),
    createdAt: isoTimestamp(project.createdAt),
    updatedAt: isoTimestamp(project.updatedAt),
  };
}
