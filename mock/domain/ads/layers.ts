// The ads layer of a project on a platform, made on first use. A partner works inside a layer the
// customer set up and consented to, so the mock starts every layer with all three authority axes
// on auto and the kill switch off. The partner may lower them but never raise them.
import type { MockContext } from '../../context.ts';
import type { Project } from '../../state/types.ts';
import type { AdsLayer, AdsPlatform, Authority, AuthorityLevel } from './types.ts';

export const customerDefaults: Authority = { creative: 'auto', tactical: 'auto', structural: 'auto' };

export function layerFor(mock: MockContext, project: Project, platform: AdsPlatform, at: number): AdsLayer {
  for (const layer of mock.store.adsLayers.values()) {
    if (layer.projectId === project.id && layer.platform === platform) {
      return layer;
    }
  }

  const layer: AdsLayer = {
    id: mock.ids.prefixedUuid('lyr'),
    organizationId: project.organizationId,
    projectId: project.id,
    platform,
    defaults: { ...customerDefaults },
    killSwitchActive: false,
    lastModifiedAt: at,
    lastModifiedBy: { actorType: 'user', actorOrganizationId: project.organizationId, actorApiKeyId: null },
    createdAt: at,
  };
  mock.store.adsLayers.set(layer.id, layer);
  return layer;
}

const levelRank: Record<AuthorityLevel, number> = { off: 0, draft: 1, auto: 2 };

/** Lists the axes whose requested level is above the current one. */
export function escalatedAxes(current: Authority, requested: Partial<Authority>): string[] {
  return Object.entries(requested)
    .filter(([axis, level]) => level !== undefined && levelRank[level] > levelRank[current[axis as keyof Authority]])
    .map(([axis]) => axis);
}
