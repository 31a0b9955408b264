// Request sequences several checks share.
import { setTimeout as sleep } from 'node:timers/promises';

import { expectStatus, fail } from './assert.ts';
import type { CheckContext } from './check.ts';
import type { Exchange } from './exchange.ts';
import type { TargetClient } from './target.ts';

export const sampleDescription =
  'A calm habit tracker for people who hate habit trackers: one tap a day, a streak that forgives a missed day, and a weekly note about what changed.';

let projectCounter = 0;

/** Returns a project name of 3–30 characters, unique within the run. */
export function uniqueProjectName(prefix = 'Kit'): string {
  projectCounter += 1;
  return `${prefix} ${Date.now().toString(36)}${projectCounter}`.slice(0, 30);
}

export async function createProject(target: TargetClient, overrides: Record<string, unknown> = {}): Promise<Exchange> {
  const exchange = await target.call({
    method: 'POST',
    path: '/v1/projects',
    body: { name: uniqueProjectName(), timezone: 'UTC', appName: 'Kit Habits', appDescription: sampleDescription, ...overrides },
  });
  expectStatus(exchange, 201, 'POST /v1/projects creates a project');
  return exchange;
}

/**
 * Polls GET /v1/content/{id}/progress until the container ends or the run's job timeout passes.
 * On the mock a generation ends within 2 s; against another target the polls back off.
 */
export async function waitForContainer(context: CheckContext, containerId: string, target: TargetClient = context.target): Promise<Exchange> {
  const timeoutMs = context.jobTimeoutMs;
  const deadline = performance.now() + timeoutMs;
  let delayMs = context.control === null ? 2000 : 200;

  for (;;) {
    const progress = await target.call({ method: 'GET', path: `/v1/content/${containerId}/progress` });
    expectStatus(progress, 200, 'GET /v1/content/{containerId}/progress');

    const status = progress.response.body.status as string;
    if (status === 'completed' || status === 'failed' || status === 'canceled') {
      return progress;
    }
    if (performance.now() > deadline) {
      fail(`Container ${containerId} was still ${status} after ${timeoutMs / 1000} s of wall time.`, progress);
    }

    await sleep(delayMs);
    delayMs = Math.min(10_000, Math.round(delayMs * 1.3));
  }
}

/**
 * Prepares a project for ugc-remix, which needs a demo video in app media and an actor: uploads
 * the video, creates an influencer, waits until it is ready and returns its id.
 */
export async function ugcRemixActor(context: CheckContext, target: TargetClient, projectId: string): Promise<string> {
  const media = await target.call({ method: 'POST', path: `/v1/projects/${projectId}/app-media`, body: { kind: 'demo-video', url: 'https://cdn.layers-kit.invalid/media/demo.mp4' } });
  expectStatus(media, 201, 'uploading a demo video for ugc-remix');

  const created = await target.call({ method: 'POST', path: `/v1/projects/${projectId}/influencers`, body: {} });
  expectStatus(created, 202, 'creating an influencer for ugc-remix');
  const influencerId = created.response.body.influencerId as string;

  const deadline = performance.now() + context.jobTimeoutMs;
  for (;;) {
    const influencer = await target.call({ method: 'GET', path: `/v1/influencers/${influencerId}` });
    expectStatus(influencer, 200, 'GET /v1/influencers/{influencerId}');
    if (influencer.response.body.status === 'ready') {
      return influencerId;
    }
    if (influencer.response.body.status === 'failed' || performance.now() > deadline) {
      fail(`Influencer ${influencerId} did not become ready (status ${String(influencer.response.body.status)}).`, influencer);
    }
    await sleep(context.control === null ? 2000 : 100);
  }
}
