// Recommendations: the open default view and the idempotent status PATCH that keeps the first
// timestamp of each state.
import { expectEqual, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject, waitForContainer } from './lib/flows.ts';

export const recommendationChecks: Check[] = [
  defineCheck({
    id: 'recommendations.status-lifecycle',
    title: 'Recommendation status changes are idempotent and keep their first timestamps',
    area: 'recommendations',
    guarantees: ['REC-STATUS-IDEMPOTENT', 'REC-DEFAULT-OPEN'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook: 'Dinner sorted before the kettle boils' } });
      expectStatus(started, 202, 'a generation');
      await waitForContainer(context, started.response.body.containerIds[0]);

      const listPath = `/v1/projects/${project.id}/recommendations`;
      const open = await target.call({ method: 'GET', path: listPath });
      expectStatus(open, 200, 'GET …/recommendations');
      const recommendation = (open.response.body.items as any[]).find((item) => item.kind === 'value_propositions');
      expectTrue(recommendation !== undefined, 'a project with completed content has a value_propositions recommendation', open);
      expectEqual(recommendation.status, 'open', 'a new recommendation is open', open);
      const rowPath = `${listPath}/${recommendation.recommendationId}`;

      const acknowledged = await target.call({ method: 'PATCH', path: rowPath, body: { status: 'acknowledged' } });
      expectStatus(acknowledged, 200, 'PATCH status acknowledged');
      const repeated = await target.call({ method: 'PATCH', path: rowPath, body: { status: 'acknowledged' } });
      expectEqual(repeated.response.body, acknowledged.response.body, 'the same status again returns the same row', repeated);

      const dismissed = await target.call({ method: 'PATCH', path: rowPath, body: { status: 'dismissed', note: 'not now' } });
      expectStatus(dismissed, 200, 'PATCH status dismissed');
      const defaultView = await target.call({ method: 'GET', path: listPath });
      expectTrue(!(defaultView.response.body.items as any[]).some((item) => item.recommendationId === recommendation.recommendationId), 'a dismissed recommendation leaves the default view', defaultView);

      const reopened = await target.call({ method: 'PATCH', path: rowPath, body: { status: 'open' } });
      expectStatus(reopened, 200, 'PATCH status open');
      const back = await target.call({ method: 'GET', path: listPath });
      const row = (back.response.body.items as any[]).find((item) => item.recommendationId === recommendation.recommendationId);
      expectTrue(row !== undefined, 'reopening returns it to the default view', back);
      expectEqual(row.acknowledgedAt, acknowledged.response.body.updatedAt, 'the first acknowledged time is kept', back);
      expectTrue(row.dismissedAt !== null, 'the dismissed time is kept after reopening', back);
    },
  }),
];
