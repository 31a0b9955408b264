import { isoTimestamp, nullableIso } from '../../state/clock.ts';
import type { Project } from '../../state/types.ts';

export function projectRepresentation(project: Project): Record<string, unknown> {
  const hasBrandContext = project.appName !== null || project.appDescription !== null || project.tagline !== null;

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
          audience: null,
          brandVoice: project.brandVoice,
          keywords: [],
          primaryLanguage: project.primaryLanguage,
          logoUrl: null,
        }
      : null,
    ingestState: { github: null, website: null, appstore: null },
    requiresApproval: project.requiresApproval,
    metadata: structuredClone(project.metadata),
    archivedAt: nullableIso(project.archivedAt),
    createdAt: isoTimestamp(project.createdAt),
    updatedAt: isoTimestamp(project.updatedAt),
  };
}
