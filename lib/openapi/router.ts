// Matches a request path against the path templates of the spec. A literal segment wins over a
// parameter at the same position, so /v1/organizations/migrate is not read as an organization id.
import type { Operation, SpecIndex } from './spec.ts';

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface Route {
  template: string;
  segments: string[];
  methods: Map<string, Operation>;
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/** Orders routes so that, position by position, literal segments come before parameters. */
function compareSpecificity(left: Route, right: Route): number {
  for (let index = 0; index < left.segments.length; index += 1) {
    const leftParameter = isParameter(left.segments[index] ?? '');
    const rightParameter = isParameter(right.segments[index] ?? '');
    if (leftParameter !== rightParameter) {
      return leftParameter ? 1 : -1;
    }
  }
  return 0;
}

function splitPath(path: string): string[] | null {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const segments: string[] = [];

  for (const raw of trimmed.split('/').slice(1)) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }

  return segments;
}

export class Router {
  private readonly routesByLength = new Map<number, Route[]>();

  constructor(spec: SpecIndex) {
    const routes = new Map<string, Route>();

    for (const operation of spec.operations) {
      let route = routes.get(operation.pathTemplate);
      if (route === undefined) {
        route = { template: operation.pathTemplate, segments: operation.pathTemplate.split('/').slice(1), methods: new Map() };
        routes.set(operation.pathTemplate, route);
      }
      route.methods.set(operation.method, operation);
    }

    for (const route of routes.values()) {
      const list = this.routesByLength.get(route.segments.length) ?? [];
      list.push(route);
      this.routesByLength.set(route.segments.length, list);
    }
    for (const list of this.routesByLength.values()) {
      list.sort(compareSpecificity);
    }
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    if (segments === null) {
      return { kind: 'not-found' };
    }

    const allowed = new Set<string>();

    for (const route of this.routesByLength.get(segments.length) ?? []) {
      const params = this.bind(route, segments);
      if (params === null) {
        continue;
      }

      const operation = route.methods.get(method.toUpperCase());
      if (operation !== undefined) {
        return { kind: 'operation', operation, params };
      }
      for (const candidate of route.methods.keys()) {
        allowed.add(candidate);
      }
    }

    if (allowed.size > 0) {
      return { kind: 'method-not-allowed', allowed: [...allowed].sort() };
    }
    return { kind: 'not-found' };
  }

  private bind(route: Route, segments: string[]): Record<string, string> | null {
    const params: Record<string, string> = {};

    for (let index = 0; index < route.segments.length; index += 1) {
      const expected = route.segments[index] ?? '';
      const actual = segments[index] ?? '';

      if (isParameter(expected)) {
        if (actual === '') {
          return null;
        }
        params[expected.slice(1, -1)] = actual;
      } else if (expected !== actual) {
        return null;
      }
    }

    return params;
  }
}
