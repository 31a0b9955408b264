// GitHub: install URL, installation register and read, repository lists and repository ingest.
import { principalOf, type Handler, type RequestContext } from '../../context.ts';
import { conflict, notFound, validationError } from '../../http/errors.ts';
import { paginate } from '../../http/pagination.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { GithubInstallation } from '../../state/types.ts';
import { assertAllowedReturnUrl } from '../return-url.ts';
import { findProject } from '../projects/rules.ts';
import { ingestGithub } from './ingest.ts';
import { activeInstallation, installStateTtlMs, installationRepresentation, loginFor, reposOf } from './installation.ts';

function listRepos(request: RequestContext) {
  const principal = principalOf(request);
  const installation = activeInstallation(request.mock, principal.organization.id);
  const search = typeof request.query.search === 'string' ? request.query.search.toLowerCase() : undefined;

  // Repositories have no creation time of their own; the page order is by fullName, carried in the
  // cursor's id with a constant time.
  const rows = reposOf(installation).filter((repo) => search === undefined || repo.fullName.toLowerCase().includes(search));
  const page = paginate(rows, { cursor: request.query.cursor, limit: request.query.limit, position: (repo) => ({ createdAt: 0, id: repo.fullName }) });
  return { status: 200, body: { items: page.items, nextCursor: page.nextCursor } };
}

export const githubHandlers: Record<string, Handler> = {
  getGithubInstallUrl(request) {
    const principal = principalOf(request);
    const returnUrl = assertAllowedReturnUrl(principal.apiKey, 'returnUrl', request.query.returnUrl);
    const state = (request.query.state as string | undefined) ?? `st_${request.mock.ids.ulid(request.now)}`;
    const expiresAt = request.now + installStateTtlMs;

    request.mock.store.githubInstallStates.set(state, { state, organizationId: principal.organization.id, returnUrl: returnUrl.href, expiresAt });

    const authUrl = `https://github.com/apps/layers/installations/new?state=${encodeURIComponent(state)}`;
    return { status: 200, body: { authUrl, installUrl: authUrl, state, expiresAt: isoTimestamp(expiresAt) } };
  },

  registerGithubInstallation(request) {
    const principal = principalOf(request);
    const body = request.body as { installationId: number; state: string };
    const store = request.mock.store;
    const organizationId = principal.organization.id;

    const existing = store.githubInstallations.get(organizationId);
    if (existing !== undefined && existing.status === 'active') {
      if (existing.installationId === body.installationId) {
        return { status: 201, body: installationRepresentation(existing) };
      }
      throw conflict(`This organization already has GitHub installation ${existing.installationId}; an organization has one installation. Uninstall it on GitHub first.`, {
        installationId: existing.installationId,
      });
    }

    const state = store.githubInstallStates.get(body.state);
    if (state === undefined || state.organizationId !== organizationId || state.expiresAt <= request.now) {
      throw validationError('state', 'is not a state that GET /v1/github/installation/install-url issued to this organization in the last 15 minutes. Start the install again.');
    }

    store.githubInstallStates.delete(body.state);
    const installation: GithubInstallation = {
      organizationId,
      installationId: body.installationId,
      login: loginFor(principal.organization),
      status: 'active',
      registeredAt: request.now,
      lastVerifiedAt: request.now,
    };
    store.githubInstallations.set(organizationId, installation);

    return { status: 201, body: installationRepresentation(installation) };
  },

  getGithubInstallation(request) {
    const principal = principalOf(request);
    const installation = request.mock.store.githubInstallations.get(principal.organization.id);
    if (installation === undefined) {
      throw notFound('GitHub App installation of organization', principal.organization.id);
    }
    return { status: 200, body: installationRepresentation(installation) };
  },

  listGithubRepos: listRepos,

  listProjectGithubRepos(request) {
    findProject(request, request.params.projectId);
    return listRepos(request);
  },

  ingestGithub,
};
