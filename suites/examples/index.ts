// Every area's example requests and resource builders.
import { adsExamples } from './ads.ts';
import { coreExamples } from './core.ts';
import type { ExampleArea, OperationExample, ResourceBuilder } from './types.ts';

const areas: ExampleArea[] = [coreExamples, adsExamples];

export const operationExamples: Record<string, OperationExample> = Object.assign({}, ...areas.map((area) => area.examples));
export const resourceBuilders: Record<string, ResourceBuilder> = Object.assign({}, ...areas.map((area) => area.resources));
