// The organization's GitHub App installation: install URLs with their 15-minute state, the one
// installation per organization, and the repositories it can see. The mock talks to no GitHub:
// the account and the repositories are derived from the installation id and the organization.
import { createHash } from 'node:crypto';

import type { MockContext } from '../../context.ts';
import { validationError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import type { GithubInstallation, Organization } from '../../state/types.ts';

export const installStateTtlMs = 15 * 60 * 1000;

export interface GithubRepoView {
  repoId: number;
  fullName: string;
  owner: string;
  private: boolean;
  defaultBranch: string;
  language: string | null;
  primaryLanguage: string | null;
  htmlUrl: string;
}

export function loginFor(organization: Organization): string {
  const slug = organization.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (slug === '' ? 'layers-partner' : slug).slice(0, 39);
}

export function installationRepresentation(installation: GithubInstallation): Record<string, unknown> {
  return {
    installationId: installation.installationId,
    githubAccount: { login: installation.login, type: 'Organization' },
    orgLogin: installation.login,
    status: installation.status,
    registeredAt: isoTimestamp(installation.registeredAt),
    lastVerifiedAt: isoTimestamp(installation.lastVerifiedAt),
  };
}

const repoTemplates: { suffix: string; language: string | null; private: boolean }[] = [
  { suffix: 'ios', language: 'Swift', private: false },
  { suffix: 'android', language: 'Kotlin', private: false },
  { suffix: 'web', language: 'TypeScript', private: false },
  { suffix: 'mobile', language: 'Dart', private: true },
  { suffix: 'backend', language: 'Go', private: true },
];

/** Lists the repositories the installation can see, in a stable order. */
export function reposOf(installation: GithubInstallation): GithubRepoView[] {
  return repoTemplates.map((template, index) => {
    const name = `${installation.login}-${template.suffix}`;
    const digest = createHash('sha256').update(`${installation.installationId}:${name}`).digest();
    return {
      repoId: 100_000 + (digest.readUInt32BE(0) % 900_000_000) + index,
      fullName: `${installation.login}/${name}`,
      owner: installation.login,
      private: template.private,
      defaultBranch: 'main',
      language: template.language,
      primaryLanguage: template.language,
      htmlUrl: `https://github.com/${installation.login}/${name}`,
    };
  });
}

/**
 * Returns the organization's active installation; throws 422 VALIDATION otherwise, as the docs
 * describe. NOTE: nothing in the mock uninstalls an installation yet, so status uninstalled is
 * never reached and only a missing installation takes this path.
 */
export function activeInstallation(mock: MockContext, organizationId: string): GithubInstallation {
  const installation = mock.store.githubInstallations.get(organizationId);
  if (installation === undefined || installation.status !== 'active') {
    throw validationError(
      '',
      'No active GitHub App installation is registered for this organization. Get an install URL with GET /v1/github/installation/install-url, then register the installation with POST /v1/github/installation.',
    );
  }
  return installation;
}
