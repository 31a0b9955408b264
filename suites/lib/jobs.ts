// Waiting on the job envelope, for checks of async starts other than content generation.
import { setTimeout as sleep } from 'node:timers/promises';

import { expectStatus, fail } from './assert.ts';
import type { CheckContext } from './check.ts';
import type { Exchange } from './exchange.ts';
import type { TargetClient } from './target.ts';

/**
 * Polls GET /v1/jobs/{jobId} until the job ends. On the mock a job ends within 2 s (D31); against
 * another target the wait allows 300 s, above the 90–240 s the docs give for repository ingest.
 */
export async function waitForJob(context: CheckContext, jobId: string, target: TargetClient = context.target): Promise<Exchange> {
  const timeoutMs = context.control === null ? 300_000 : 10_000;
  const deadline = performance.now() + timeoutMs;
  let delayMs = context.control === null ? 2000 : 200;

  for (;;) {
    const job = await target.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
    expectStatus(job, 200, 'GET /v1/jobs/{jobId}');

    const status = job.response.body.status as string;
    if (status !== 'running') {
      return job;
    }
    if (performance.now() > deadline) {
      fail(`Job ${jobId} was still running after ${timeoutMs / 1000} s of wall time.`, job);
    }

    await sleep(delayMs);
    delayMs = Math.min(10_000, Math.round(delayMs * 1.3));
  }
}
