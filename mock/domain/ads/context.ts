// The project, platform and layer an ads request works in.
import type { RequestContext } from '../../context.ts';
import { assertActive, findProject } from '../projects/rules.ts';
import type { Project } from '../../state/types.ts';
import { layerFor } from './layers.ts';
import { platformFromToken } from './platforms.ts';
import type { AdsLayer, AdsPlatform } from './types.ts';

export interface AdsScope {
  project: Project;
  platform: AdsPlatform;
  layer: AdsLayer;
}

/** Resolves the project, platform and layer of a request; the platform comes from the path unless given. */
export function adsScope(request: RequestContext, options: { write: boolean; platform?: AdsPlatform }): AdsScope {
  const project = findProject(request, request.params.projectId);
  if (options.write) {
    assertActive(project);
  }
  const platform = options.platform ?? platformFromToken(String(request.params.platform));
  return { project, platform, layer: layerFor(request.mock, project, platform, request.now) };
}

export function queryList(value: unknown): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
