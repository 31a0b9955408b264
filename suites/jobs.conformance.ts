// The unified job envelope (D31): the 202 of an async start, progress that never goes back,
// ETags on GET, cancel in its three outcomes, and cross-organization privacy.
import { setTimeout as sleep } from 'node:timers/promises';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check, type CheckContext } from './lib/check.ts';
import type { Exchange } from './lib/exchange.ts';
import { createProject } from './lib/flows.ts';
import type { TargetClient } from './lib/target.ts';

/** The price of one slideshow-builder generation, in credits (changelog 2026-05-08). */
const slideshowPrice = 50;
const terminalStatuses = ['completed', 'failed', 'canceled'];

async function startSlideshow(target: TargetClient, hook = 'A job for the conformance kit'): Promise<Exchange> {
  const project = (await createProject(target)).response.body;
  const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook } });
  expectStatus(started, 202, 'POST …/content/slideshow-builder starts a job');
  return started;
}

/**
 * Polls GET /v1/jobs/{jobId} until the job ends or the run's job timeout passes, and returns
 * every poll. On the mock a job ends within 2 s; elsewhere the polls back off up to 10 s apart.
 */
async function pollJob(context: CheckContext, target: TargetClient, jobId: string): Promise<Exchange[]> {
  const timeoutMs = context.jobTimeoutMs;
  const deadline = performance.now() + timeoutMs;
  let delayMs = context.control === null ? 2000 : 100;
  const polls: Exchange[] = [];

  for (;;) {
    const poll = await target.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
    expectStatus(poll, 200, 'GET /v1/jobs/{jobId}');
    polls.push(poll);

    if (terminalStatuses.includes(poll.response.body.status)) {
      return polls;
    }
    if (performance.now() > deadline) {
      fail(`Job ${jobId} was still ${String(poll.response.body.status)} after ${timeoutMs / 1000} s of wall time.`, poll);
    }
    await sleep(delayMs);
    delayMs = Math.min(10_000, Math.round(delayMs * 1.3));
  }
}

/** A target for work that should start from an empty wallet: a fresh funded key on the mock. */
async function freshWallet(context: CheckContext, credits: number): Promise<TargetClient> {
  const minted = await context.control!.mintKey({ credits });
  return context.target.withKey(minted.key);
}

export const jobChecks: Check[] = [
  defineCheck({
    id: 'jobs.lifecycle',
    title: 'A job starts with the envelope, progresses monotonically, completes, and supports ETags',
    area: 'jobs',
    guarantees: ['JOB-ENVELOPE', 'JOB-PROGRESS-MONOTONIC', 'JOB-ETAG', 'JOB-CANCEL-TERMINAL', 'JOB-TERMINAL-STICKY'],
    level: 'documented',
    async run(context) {
      const started = await startSlideshow(context.target);
      const envelope = started.response.body;

      expectTrue(/^job_[0-9A-HJKMNP-TV-Z]{26}$/.test(envelope.jobId), `jobId is job_<ULID>, got ${envelope.jobId}`, started);
      expectEqual(envelope.status, 'running', 'a new job is running', started);
      expectEqual(envelope.locationUrl, `/v1/jobs/${envelope.jobId}`, 'locationUrl points at the job', started);
      for (const field of ['kind', 'stage', 'startedAt']) {
        expectTrue(typeof envelope[field] === 'string' && envelope[field] !== '', `the envelope has ${field}`, started);
      }
      expectTrue(typeof envelope.progress === 'number' && envelope.progress >= 0 && envelope.progress <= 1, `progress is in 0..1, got ${envelope.progress}`, started);

      const polls = await pollJob(context, context.target, envelope.jobId);
      let previous = envelope.progress as number;
      for (const poll of polls) {
        const progress = poll.response.body.progress as number;
        expectTrue(progress >= 0 && progress <= 1, `progress stays in 0..1, got ${progress}`, poll);
        expectTrue(progress >= previous, `progress never decreases: ${previous} then ${progress}`, poll);
        previous = progress;
      }

      const final = polls[polls.length - 1] as Exchange;
      expectEqual(final.response.body.status, 'completed', 'the generation completes', final);
      expectEqual(final.response.body.progress, 1, 'a completed job has progress 1', final);
      expectTrue(typeof final.response.body.finishedAt === 'string', 'a completed job has finishedAt', final);
      expectTrue(final.response.body.result !== null && typeof final.response.body.result === 'object', 'a completed job has a result', final);

      const etag = final.response.headers.etag;
      expectTrue(typeof etag === 'string' && etag !== '', 'GET /v1/jobs/{jobId} returns an ETag', final);
      const unchanged = await context.target.send({ method: 'GET', path: `/v1/jobs/${envelope.jobId}`, headers: { 'if-none-match': etag as string } });
      expectEqual(unchanged.response.status, 304, 'If-None-Match with the current ETag gets 304', unchanged);
      expectEqual(unchanged.response.text, '', 'a 304 has no body', unchanged);
      const stale = await context.target.call({ method: 'GET', path: `/v1/jobs/${envelope.jobId}`, headers: { 'if-none-match': '"stale-etag"' } });
      expectStatus(stale, 200, 'If-None-Match with another ETag gets the job');

      const cancel = await context.target.call({ method: 'POST', path: `/v1/jobs/${envelope.jobId}/cancel` });
      expectStatus(cancel, 200, 'cancelling a completed job is not an error');
      expectEqual(cancel.response.body.accepted, false, 'the cancel is not accepted', cancel);
      expectEqual(cancel.response.body.reason, 'ALREADY_COMPLETED', 'the reason says the job already completed', cancel);

      const after = await context.target.call({ method: 'GET', path: `/v1/jobs/${envelope.jobId}` });
      expectEqual(after.response.body.status, 'completed', 'the completed job stays completed', after);
    },
  }),

  defineCheck({
    id: 'jobs.cancel',
    title: 'Cancelling a running job ends it canceled and releases its reservation',
    area: 'jobs',
    guarantees: ['JOB-CANCEL', 'JOB-CANCEL-TERMINAL', 'JOB-TERMINAL-STICKY', 'CREDITS-RESERVE-SETTLE'],
    level: 'documented',
    async run(context) {
      const withControl = context.control !== null;
      const target = withControl ? await freshWallet(context, 200) : context.target;
      if (!withControl) {
      }

      const started = await startSlideshow(target);
      const jobId = started.response.body.jobId as string;
      const cancel = await target.call({ method: 'POST', path: `/v1/jobs/${jobId}/cancel` });

      if (!withControl && cancel.response.status === 409) {
        expectErrorCode(cancel, 409, 'CONFLICT', 'a job past its cancelable stages');
        context.note('The job had already left its cancelable stages when the cancel arrived, so only the 409 was checked.');
        return;
      }
      expectStatus(cancel, 202, 'POST /v1/jobs/{jobId}/cancel on a job just started');
      expectEqual(cancel.response.body, { jobId, accepted: true }, 'the cancel is accepted', cancel);

      const polls = await pollJob(context, target, jobId);
      const final = polls[polls.length - 1] as Exchange;
      expectEqual(final.response.body.status, 'canceled', 'the job ends canceled', final);

      const again = await target.call({ method: 'POST', path: `/v1/jobs/${jobId}/cancel` });
      expectStatus(again, 200, 'cancelling a canceled job');
      expectEqual(again.response.body.reason, 'ALREADY_CANCELED', 'the reason says the job is already canceled', again);

      if (withControl) {
        // Advancing well past the job's duration shows that a canceled job never completes.
        await context.control!.advanceClock(60_000);
        const later = await target.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
        expectEqual(later.response.body.status, 'canceled', 'the canceled job stays canceled after its planned end', later);

        const wallet = await target.call({ method: 'GET', path: '/v1/credits' });
        expectEqual(wallet.response.body.reservedCredits, 0, 'the reservation is released', wallet);
        expectEqual(wallet.response.body.balance, 200, 'nothing is charged for a canceled generation', wallet);
      }
    },
  }),

  defineCheck({
    id: 'jobs.cancel-unavailable',
    title: 'Cancelling in a stage that cannot be canceled gets 409 JOB_CANCEL_UNAVAILABLE',
    area: 'jobs',
    guarantees: ['JOB-CANCEL-UNAVAILABLE'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const target = await freshWallet(context, 500);

      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const started = await startSlideshow(target);
        const jobId = started.response.body.jobId as string;

        // Step the mock clock until the job reaches its last stage, finalizing, which the mock
        // and the docs' example mark as not cancelable.
        for (let step = 0; step < 200; step += 1) {
          const job = await target.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
          if (job.response.body.status !== 'running') {
            break;
          }
          if (job.response.body.stage === 'finalizing') {
            const cancel = await target.call({ method: 'POST', path: `/v1/jobs/${jobId}/cancel` });
            expectErrorCode(cancel, 409, 'CONFLICT', 'cancelling in the finalizing stage');
            expectEnvelope(cancel, 'the 409');
            const details = cancel.response.body.error.details ?? {};
            expectEqual(details.subcode, 'JOB_CANCEL_UNAVAILABLE', 'details.subcode', cancel);
            expectEqual(details.jobId, jobId, 'details.jobId names the job', cancel);
            expectTrue(typeof details.stage === 'string' && details.stage !== '', 'details.stage names the stage', cancel);
            return;
          }
          await context.control!.advanceClock(25);
        }
        context.note(`Attempt ${attempt}: job ${jobId} ended before a poll saw its finalizing stage.`);
      }
      fail('Three jobs ended without a poll seeing the finalizing stage, so the 409 could not be provoked.');
    },
  }),

  defineCheck({
    id: 'jobs.cross-organization',
    title: 'Another organization\'s job is 404 on get and cancel, and stays untouched',
    area: 'jobs',
    guarantees: ['JOB-NOT-FOUND-CROSS-ORG', 'ERR-NOT-FOUND-NO-LEAK'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const other = await freshWallet(context, 100);
      const jobId = (await startSlideshow(other)).response.body.jobId as string;

      const read = await context.target.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
      expectErrorCode(read, 404, 'NOT_FOUND', 'GET another organization\'s job');
      const cancel = await context.target.call({ method: 'POST', path: `/v1/jobs/${jobId}/cancel` });
      expectErrorCode(cancel, 404, 'NOT_FOUND', 'cancel another organization\'s job');

      const owner = await other.call({ method: 'GET', path: `/v1/jobs/${jobId}` });
      expectStatus(owner, 200, 'the owner still reads its job');
      expectTrue(owner.response.body.status !== 'canceled', 'the foreign cancel did not cancel the job', owner);
    },
  }),

  defineCheck({
    id: 'jobs.mock-timing',
    title: 'On the mock a generation finishes within 2 s of wall time',
    area: 'jobs',
    guarantees: ['JOB-FINISHES-WITHIN-2S'],
    level: 'mock-only',
    async run(context) {
      const target = await freshWallet(context, 100);
      const started = await startSlideshow(target);
      const since = performance.now();

      for (;;) {
        const job = await target.call({ method: 'GET', path: `/v1/jobs/${started.response.body.jobId}` });
        const elapsedMs = performance.now() - since;
        if (job.response.body.status === 'completed') {
          return;
        }
        if (elapsedMs > 2000) {
          fail(`The job was still ${String(job.response.body.status)} after ${Math.round(elapsedMs)} ms of wall time.`, job);
        }
        await sleep(50);
      }
    },
  }),

  defineCheck({
    id: 'jobs.mock-failure-marker',
    title: 'On the mock a hook with [mock:fail] fails the generation and releases its credits',
    area: 'jobs',
    guarantees: ['JOB-FAILURE-MARKER', 'CREDITS-RESERVE-SETTLE'],
    level: 'mock-only',
    async run(context) {
      const target = await freshWallet(context, 100);
      const started = await startSlideshow(target, 'This one breaks [mock:fail]');

      const polls = await pollJob(context, target, started.response.body.jobId);
      const final = polls[polls.length - 1] as Exchange;
      expectEqual(final.response.body.status, 'failed', 'the marked generation fails', final);
      const error = final.response.body.error;
      expectTrue(error !== null && typeof error?.code === 'string' && typeof error?.message === 'string', 'a failed job carries error {code, message}', final);

      const wallet = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(wallet.response.body.reservedCredits, 0, 'the failed generation releases its reservation', wallet);
      expectEqual(wallet.response.body.balance, 100, 'nothing is charged for a failed generation', wallet);
    },
  }),
];
