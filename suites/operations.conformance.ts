// Walks every operation of the spec with a well-formed example request: each is served, returns
// a documented status, and conforms to the spec. No documented operation may return
// ROUTE_NOT_FOUND, 405, 501 or 5xx to a well-formed request.
import { expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { operationExamples, resourceBuilders } from './examples/index.ts';
import type { ExampleContext } from './examples/types.ts';

function documentedSuccess(responses: Record<string, unknown>): number[] {
  return Object.keys(responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300);
}

export const operationChecks: Check[] = [
  defineCheck({
    id: 'operations.every-operation-served',
    title: 'Every operation of the spec answers a well-formed request with a documented status',
    area: 'operations',
    guarantees: ['SPEC-EVERY-OPERATION-SERVED', 'SPEC-RESPONSES-CONFORM', 'IDEMP-ACCEPTED-ON-MUTATIONS'],
    level: 'documented',
    async run(context) {
      const cache = new Map<string, Promise<any>>();
      const build = (name: string): Promise<any> => {
        const builder = resourceBuilders[name];
        if (builder === undefined) {
          throw new Error(`No example resource is registered under the name ${name}.`);
        }
        return builder(exampleContext);
      };
      const exampleContext: ExampleContext = {
        target: context.target,
        control: context.control,
        resource: (name) => {
          let pending = cache.get(name);
          if (pending === undefined) {
            pending = build(name);
            cache.set(name, pending);
          }
          return pending;
        },
        fresh: (name) => build(name),
        defer: (cleanup) => context.defer(cleanup),
      };

      const operations = context.target.shared.spec.spec.operations;
      const missing = operations.filter((operation) => operationExamples[operation.operationId] === undefined).map((operation) => operation.operationId);
      expectTrue(missing.length === 0, `every operation has an example request; missing: ${missing.join(', ')}`);

      for (const operation of operations) {
        const example = await (operationExamples[operation.operationId] as NonNullable<(typeof operationExamples)[string]>)(exampleContext);
        const allowed = example.expect ?? documentedSuccess(operation.responses);
        // Every POST and PATCH is sent with an Idempotency-Key (the client adds a fresh one), so a
        // target that refuses the header on any of them fails here.
        const exchange = await context.target.call(example);
        const status = exchange.response.status;

        if (status === 404 && exchange.response.body?.error?.code === 'ROUTE_NOT_FOUND') {
          fail(`${operation.operationId} (${operation.method} ${operation.pathTemplate}) is not routed`, exchange);
        }
        if (!allowed.includes(status)) {
          fail(`${operation.operationId} (${operation.method} ${operation.pathTemplate}) answered ${status}, expected ${allowed.join(' or ')}: ${exchange.response.text.slice(0, 300)}`, exchange);
        }
      }
    },
  }),
];
