// Every area's example requests and resource builders.
import { adsExamples } from './ads.ts';
import { coreExamples } from './core.ts';
import { mediaLibraryExamples } from './media-library.ts';
import { organizationExamples } from './organizations.ts';
import { publishingExamples } from './publishing.ts';
import { projectSetupExamples } from './project-setup.ts';
import type { ExampleArea, OperationExample, ResourceBuilder } from './types.ts';
import { webhookExamples } from './webhooks.ts';

const areas: ExampleArea[] = [coreExamples, organizationExamples, projectSetupExamples, publishingExamples, webhookExamples, adsExamples, mediaLibraryExamples];

export const operationExamples: Record<string, OperationExample> = Object.assign({}, ...areas.map((area) => area.examples));
export const resourceBuilders: Record<string, ResourceBuilder> = Object.assign({}, ...areas.map((area) => area.resources));
