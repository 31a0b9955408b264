// Loads fixtures/seed.yaml (or another seed document) into an empty store.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

import type { MockContext } from '../context.ts';
import { mintApiKey } from '../domain/api-keys/mint.ts';
import { transferCredits } from '../domain/credits/transfer.ts';
import { grantIncluded, grantPrepaid } from '../domain/credits/wallet.ts';
import { createOrganization } from '../domain/organizations/create.ts';
import type { KeyEnvironment, Project } from './types.ts';

export const defaultSeedPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'seed.yaml');

export interface SeedKey {
  id?: string;
  name?: string;
  token: string;
  scopes: string[];
  tier?: string;
  allowedReturnDomains?: string[];
}

export interface SeedProject {
  id?: string;
  name: string;
  timezone?: string;
  appName?: string;
  appDescription?: string;
  brandVoice?: string;
  customerExternalId?: string;
}

export interface SeedOrganization {
  id?: string;
  name: string;
  prepaidCredits?: number;
  includedCredits?: number;
  /** For a child: credits allocated from the parent's prepaid balance, with the ledger rows of D22. */
  allocatedCredits?: number;
  keys?: SeedKey[];
  projects?: SeedProject[];
  children?: SeedOrganization[];
}

export interface SeedDocument {
  seed: string;
  organizations: SeedOrganization[];
}

export function readSeed(path: string = defaultSeedPath): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Failed to read the seed file ${path}: ${(error as Error).message}. Pass an existing YAML file with --seed-file, or leave it out for fixtures/seed.yaml.`);
  }

  let document: Partial<SeedDocument> | null;
  try {
    document = parse(text) as Partial<SeedDocument> | null;
  } catch (error) {
    throw new Error(`The seed file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || typeof document.seed !== 'string' || !Array.isArray(document.organizations)) {
    throw new Error(`Seed file ${path} must have a string "seed" and a list "organizations".`);
  }
  return document as SeedDocument;
}

/** The keys of a seed, for the start banner. */
export function seededKeys(seed: SeedDocument): { organization: string; name: string; token: string; scopes: string[] }[] {
  const keys: { organization: string; name: string; token: string; scopes: string[] }[] = [];
  const visit = (organization: SeedOrganization): void => {
    for (const key of organization.keys ?? []) {
      keys.push({ organization: organization.name, name: key.name ?? 'key', token: key.token, scopes: key.scopes });
    }
    for (const child of organization.children ?? []) {
      visit(child);
    }
  };
  seed.organizations.forEach(visit);
  return keys;
}

function applyOrganization(mock: MockContext, input: SeedOrganization, parentId: string | null, at: number): void {
  const organization = createOrganization(mock, { id: input.id, name: input.name, parentOrganizationId: parentId, at });

  grantPrepaid(mock, organization.id, input.prepaidCredits ?? 0, at, 'purchase');
  grantIncluded(mock, organization.id, input.includedCredits ?? 0, at);
  if (parentId !== null && (input.allocatedCredits ?? 0) > 0) {
    transferCredits(mock, { parentOrganizationId: parentId, childOrganizationId: organization.id, direction: 'allocate', credits: input.allocatedCredits as number, at, description: 'Seeded allocation' });
  }

  for (const key of input.keys ?? []) {
    const env = key.token.split('_')[1] as KeyEnvironment;
    mintApiKey(mock, {
      id: key.id,
      organizationId: organization.id,
      name: key.name ?? 'Seeded key',
      scopes: key.scopes,
      env,
      // A test key of a child lands on the sandbox tier (D13).
      rateLimitTier: key.tier ?? (parentId !== null && env === 'test' ? 'sandbox' : 'standard'),
      isChildKey: parentId !== null,
      token: key.token,
      at,
      allowedReturnDomains: key.allowedReturnDomains,
    });
  }

  for (const entry of input.projects ?? []) {
    const project: Project = {
      id: entry.id ?? mock.ids.prefixedUuid('prj'),
      organizationId: organization.id,
      name: entry.name,
      status: 'active',
      customerExternalId: entry.customerExternalId ?? null,
      timezone: entry.timezone ?? 'UTC',
      primaryLanguage: 'en',
      ownerEmail: null,
      appName: entry.appName ?? null,
      appDescription: entry.appDescription ?? null,
      tagline: null,
      brandVoice: entry.brandVoice ?? null,
      targetGender: null,
      requiresApproval: false,
      metadata: {},
      archivedAt: null,
      archiveReason: null,
      createdAt: at,
      updatedAt: at,
    };
    mock.store.projects.set(project.id, project);
  }

  for (const child of input.children ?? []) {
    applyOrganization(mock, child, organization.id, at);
  }
}

export function applySeed(mock: MockContext, seed: SeedDocument, at: number): void {
  for (const organization of seed.organizations) {
    applyOrganization(mock, organization, null, at);
  }
}
