// The mock's /_mock control surface (mock-only): minting keys and credits, the clock, injected
// faults, reset, snapshots and the global kill switch. The checks that change shared state
// (the fault registry, reset, snapshot import, the kill switch) need the exclusive capability,
// which only a target the runner started has.
import { randomUUID } from 'node:crypto';

import { expectEnvelope, expectEqual, expectErrorCode, expectStatus, expectTrue, fail } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { TargetUnreachable } from './lib/target.ts';

const isoUtcMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const controlChecks: Check[] = [
  defineCheck({
    id: 'control.keys-mint',
    title: 'Minted keys carry the scopes, tier and credits asked for',
    area: 'control',
    guarantees: ['MOCK-KEYS-MINT'],
    level: 'mock-only',
    async run(context) {
      const control = context.control!;
      const minted = await control.mintKey({ scopes: ['projects:read', 'content:*'], tier: 'pilot', credits: 70, includedCredits: 30 });
      expectTrue(/^lp_test_[0-9A-Z]{16}_[A-Za-z0-9_-]{43}$/.test(minted.key), `the key is a whole bearer token, got ${minted.key.slice(0, 12)}…`);

      const target = context.target.withKey(minted.key);
      const whoami = await target.call({ method: 'GET', path: '/v1/whoami' });
      expectStatus(whoami, 200, 'the minted key authenticates');
      expectEqual(whoami.response.body.organizationId, minted.organizationId, 'whoami names the minted organization', whoami);
      expectEqual(whoami.response.body.apiKeyId, minted.apiKeyId, 'whoami names the minted key', whoami);
      expectEqual([...whoami.response.body.scopes].sort(), ['content:*', 'projects:read'], 'the key has exactly the scopes asked for', whoami);
      expectEqual(whoami.response.body.rateLimitTier, 'pilot', 'the key has the tier asked for', whoami);

      const wallet = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(wallet.response.body.balance, 100, 'a new organization holds exactly the 70 prepaid and 30 included credits granted', wallet);

      const second = await control.mintKey({ organizationId: minted.organizationId });
      expectEqual(second.organizationId, minted.organizationId, 'a key minted with organizationId joins that organization');
      const after = await context.target.withKey(second.key).call({ method: 'GET', path: '/v1/credits' });
      expectEqual(after.response.body.balance, 100, 'a second key without credits leaves the wallet unchanged', after);
    },
  }),

  defineCheck({
    id: 'control.credits-grant',
    title: 'Granting credits adds to the prepaid balance',
    area: 'control',
    guarantees: ['MOCK-CREDITS-GRANT'],
    level: 'mock-only',
    async run(context) {
      const control = context.control!;
      const minted = await control.mintKey({ credits: 10 });

      const granted = await control.grantCredits(minted.organizationId, 250);
      expectEqual(granted, { organizationId: minted.organizationId, prepaidBalance: 260 }, 'the grant returns the new prepaid balance');

      const wallet = await context.target.withKey(minted.key).call({ method: 'GET', path: '/v1/credits' });
      expectEqual(wallet.response.body.balance, 260, 'the wallet shows the granted credits', wallet);
    },
  }),

  defineCheck({
    id: 'control.clock-running',
    title: 'The running clock follows wall time',
    area: 'control',
    guarantees: ['MOCK-CLOCK-RUNNING'],
    level: 'mock-only',
    async run(context) {
      const control = context.control!;
      const raw = await control.readClock();
      expectTrue(isoUtcMillis.test(raw.now), `GET /_mock/clock returns ISO-8601 UTC with milliseconds, got ${raw.now}`);

      const before = await control.now();
      const wallBefore = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = await control.now();
      const wallElapsed = Date.now() - wallBefore;

      const elapsed = after - before;
      expectTrue(elapsed >= 250 && elapsed <= wallElapsed + 250, `the mock clock moved ${elapsed} ms while ${wallElapsed} ms of wall time passed`);
    },
  }),

  defineCheck({
    id: 'control.clock-advance',
    title: 'Advancing the clock moves it and runs the work that falls due',
    area: 'control',
    guarantees: ['MOCK-CLOCK-ADVANCE'],
    level: 'mock-only',
    async run(context) {
      const control = context.control!;
      const target = context.target.withKey((await control.mintKey({ credits: 100 })).key);
      const project = (await createProject(target)).response.body;
      const started = await target.call({ method: 'POST', path: `/v1/projects/${project.id}/content/slideshow-builder`, body: { hook: 'Finished by the clock' } });
      expectStatus(started, 202, 'a generation to finish by the clock');

      const before = await control.now();
      const after = await control.advanceClock(60_000);
      expectTrue(after - before >= 60_000 && after - before < 65_000, `advance {ms: 60000} moved the clock by ${after - before} ms`);

      const job = await target.call({ method: 'GET', path: `/v1/jobs/${started.response.body.jobId}` });
      expectEqual(job.response.body.status, 'completed', 'the job that fell due completed before the advance returned', job);
    },
  }),

  defineCheck({
    id: 'control.fault-header',
    title: 'X-Mock-Fault injects a status, latency or dropped connection into one request',
    area: 'control',
    guarantees: ['MOCK-FAULT-HEADER'],
    level: 'mock-only',
    async run(context) {
      const target = context.target;

      const failed = await target.send({ method: 'GET', path: '/v1/whoami', headers: { 'x-mock-fault': 'status=503' } });
      expectErrorCode(failed, 503, 'INJECTED_FAULT', 'X-Mock-Fault: status=503');
      expectEnvelope(failed, 'the injected 503');

      const since = performance.now();
      const slow = await target.call({ method: 'GET', path: '/v1/whoami', headers: { 'x-mock-fault': 'latency=300' } });
      const elapsed = performance.now() - since;
      expectStatus(slow, 200, 'X-Mock-Fault: latency=300 still answers');
      expectTrue(elapsed >= 290, `the response took ${Math.round(elapsed)} ms, at least the 300 ms asked for`, slow);

      try {
        const dropped = await target.send({ method: 'GET', path: '/v1/whoami', headers: { 'x-mock-fault': 'drop' } });
        fail(`X-Mock-Fault: drop should close the connection, but the mock answered ${dropped.response.status}`, dropped);
      } catch (error) {
        if (!(error instanceof TargetUnreachable)) {
          throw error;
        }
      }

      const normal = await target.call({ method: 'GET', path: '/v1/whoami' });
      expectStatus(normal, 200, 'the next request without the header is untouched');
    },
  }),

  defineCheck({
    id: 'control.faults-registry',
    title: 'Registered faults fire count times, are listed, and clear',
    area: 'control',
    guarantees: ['MOCK-FAULTS-REGISTRY'],
    level: 'mock-only',
    requires: ['exclusive'],
    async run(context) {
      const control = context.control!;
      const path = `/v1/projects/prj_${randomUUID()}`;

      try {
        const id = await control.addFault({ method: 'GET', path, status: 502, count: 2 });
        const listed = await control.listFaults();
        expectTrue(listed.some((fault) => fault.id === id), `GET /_mock/faults lists fault ${id}`);

        for (const attempt of [1, 2]) {
          const injected = await context.target.send({ method: 'GET', path });
          expectEqual(injected.response.status, 502, `request ${attempt} gets the injected 502`, injected);
        }
        const third = await context.target.send({ method: 'GET', path });
        expectErrorCode(third, 404, 'NOT_FOUND', 'the third request, past count, reaches the API');

        await control.addFault({ method: 'GET', path, status: 503 });
        await control.clearFaults();
        expectEqual(await control.listFaults(), [], 'DELETE /_mock/faults clears every fault');
        const cleared = await context.target.send({ method: 'GET', path });
        expectErrorCode(cleared, 404, 'NOT_FOUND', 'after the clear the request reaches the API');
      } finally {
        await control.clearFaults();
      }
    },
  }),

  defineCheck({
    id: 'control.reset-and-restore',
    title: 'Reset returns to the seed, and importing a snapshot restores exactly it',
    area: 'control',
    guarantees: ['MOCK-RESET', 'MOCK-SNAPSHOT-RESTORE'],
    level: 'mock-only',
    requires: ['exclusive'],
    async run(context) {
      const control = context.control!;
      const kept = (await createProject(context.target)).response.body.id as string;
      const snapshot = await control.exportState();
      const clockAtSnapshot = await control.now();

      try {
        const dropped = (await createProject(context.target)).response.body.id as string;

        await control.reset();
        const afterReset = await context.target.send({ method: 'GET', path: '/v1/whoami' });
        expectErrorCode(afterReset, 401, 'UNAUTHENTICATED', 'after the reset the run\'s minted key is gone');
        const seedState = JSON.stringify(await control.exportState());
        expectTrue(!seedState.includes(kept) && !seedState.includes(dropped), 'after the reset neither project exists');

        await control.importState(snapshot);
        const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
        expectStatus(whoami, 200, 'after the import the run\'s key works again');
        expectStatus(await context.target.call({ method: 'GET', path: `/v1/projects/${kept}` }), 200, 'the project from before the snapshot is back');
        expectErrorCode(await context.target.call({ method: 'GET', path: `/v1/projects/${dropped}` }), 404, 'NOT_FOUND', 'the project made after the snapshot is gone');

        const clock = await control.now();
        expectTrue(clock >= clockAtSnapshot, 'the restored clock is not behind the snapshot\'s');
      } finally {
        // Whatever failed above, leave the target in the snapshot's state for the next checks.
        await control.importState(snapshot);
      }
    },
  }),

  defineCheck({
    id: 'control.kill-switch',
    title: 'The global kill switch answers 503 KILL_SWITCH everywhere until disabled',
    area: 'control',
    guarantees: ['MOCK-KILL-SWITCH-GLOBAL'],
    level: 'mock-only',
    requires: ['exclusive'],
    async run(context) {
      const control = context.control!;

      try {
        await control.setKillSwitch(true);
        for (const path of ['/v1/whoami', '/v1/projects', '/v1/credits']) {
          const exchange = await context.target.call({ method: 'GET', path });
          expectErrorCode(exchange, 503, 'KILL_SWITCH', `GET ${path} with the global switch on`);
          expectEqual(exchange.response.body.error.details?.scope, 'global', 'details.scope is global', exchange);
        }
      } finally {
        await control.setKillSwitch(false);
      }

      const whoami = await context.target.call({ method: 'GET', path: '/v1/whoami' });
      expectStatus(whoami, 200, 'with the switch off, requests pass again');
    },
  }),
];
