// App media: per-kind rules on the URL text (never fetched), replace and append, delete, and the
// content rules that depend on the library (ugc-remix needs an actor and a demo video).
import fc from 'fast-check';

import { expectEqual, expectErrorCode, expectStatus, expectTrue } from './lib/assert.ts';
import { defineCheck, type Check } from './lib/check.ts';
import { createProject } from './lib/flows.ts';
import { assertProperty } from './lib/property.ts';
import type { TargetClient } from './lib/target.ts';

/** The MIME allowlist of each kind, by file extension (media-library docs). */
const allowedExtensions: Record<string, string[]> = {
  logo: ['png', 'jpg', 'jpeg', 'webp', 'svg'],
  screenshot: ['png', 'jpg', 'jpeg', 'webp', 'heic'],
  'demo-video': ['mp4', 'mov', 'webm'],
  'end-card': ['png', 'jpg', 'jpeg', 'webp'],
};

const everyExtension = ['png', 'jpg', 'jpeg', 'webp', 'svg', 'heic', 'mp4', 'mov', 'webm', 'gif', 'txt', 'mp3', 'pdf'];

async function countMedia(target: TargetClient, projectId: string): Promise<number> {
  const list = await target.call({ method: 'GET', path: `/v1/projects/${projectId}/app-media`, query: { limit: 100 } });
  expectStatus(list, 200, 'GET …/app-media');
  return (list.response.body.items as unknown[]).length;
}

function upload(target: TargetClient, projectId: string, kind: string, url: string) {
  return target.call({ method: 'POST', path: `/v1/projects/${projectId}/app-media`, body: { kind, url } });
}

export const appMediaChecks: Check[] = [
  defineCheck({
    id: 'app-media.kind-rules',
    title: 'Each media kind accepts exactly its MIME allowlist',
    area: 'app-media',
    guarantees: ['MEDIA-KIND-RULES'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      let serial = 0;

      await assertProperty(context, [fc.constantFrom(...Object.keys(allowedExtensions)), fc.constantFrom(...everyExtension)], async (kind, extension) => {
        serial += 1;
        const before = await countMedia(target, project.id);
        const response = await upload(target, project.id, kind, `https://cdn.example.com/kit/${serial}/file.${extension}`);
        const allowed = (allowedExtensions[kind] as string[]).includes(extension);

        if (allowed) {
          expectStatus(response, 201, `a ${kind} from a .${extension} URL is accepted`);
          expectEqual(response.response.body.kind, kind, 'the stored item has the kind sent', response);
          return;
        }
        expectErrorCode(response, 422, 'VALIDATION', `a ${kind} from a .${extension} URL is rejected`);
        expectEqual(response.response.body.error.details.issues[0]?.path, 'url', 'the issue names url', response);
        expectEqual(await countMedia(target, project.id), before, 'a rejected upload stores nothing');
      });
    },
  }),

  defineCheck({
    id: 'app-media.url-as-text',
    title: 'Upload URLs are checked as text: private or non-https targets are rejected, unresolvable public ones accepted',
    area: 'app-media',
    guarantees: ['MEDIA-NEVER-FETCHED'],
    level: 'inferred',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const octet = fc.integer({ min: 0, max: 255 });

      const privateUrl = fc.oneof(
        octet.map((value) => `https://127.0.0.${value}/logo.png`),
        fc.tuple(octet, octet).map(([left, right]) => `https://10.${left}.${right}.1/logo.png`),
        fc.tuple(octet, octet).map(([left, right]) => `https://192.168.${left}.${right}/logo.png`),
        fc.constantFrom('https://169.254.169.254/latest/logo.png', 'https://[::1]/logo.png', 'https://localhost/logo.png', 'http://cdn.example.com/logo.png', 'ftp://cdn.example.com/logo.png'),
      );
      await assertProperty(context, [privateUrl], async (url) => {
        const response = await upload(target, project.id, 'logo', url);
        expectErrorCode(response, 422, 'VALIDATION', `the upload URL ${url} is rejected`);
      });

      const unresolvable = await upload(target, project.id, 'logo', 'https://assets.never-resolves.invalid/logo.png');
      expectStatus(unresolvable, 201, 'an https URL on a host that never resolves is accepted, because nothing is fetched');
    },
  }),

  defineCheck({
    id: 'app-media.byte-cap',
    title: 'The byte cap of each kind applies to the size the mock is told',
    area: 'app-media',
    guarantees: ['MEDIA-BYTE-CAP'],
    level: 'mock-only',
    requires: ['control'],
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const caps: [string, string, number][] = [
        ['logo', 'png', 5 * 1024 * 1024],
        ['screenshot', 'heic', 10 * 1024 * 1024],
        ['demo-video', 'mp4', 200 * 1024 * 1024],
        ['end-card', 'webp', 5 * 1024 * 1024],
      ];

      for (const [kind, extension, cap] of caps) {
        const atCap = await upload(target, project.id, kind, `https://cdn.example.com/cap/${kind}.${extension}?mock-size-bytes=${cap}`);
        expectStatus(atCap, 201, `a ${kind} of exactly ${cap} bytes is accepted`);
        expectEqual(atCap.response.body.sizeBytes, cap, 'the stored size is the stated one', atCap);

        const over = await upload(target, project.id, kind, `https://cdn.example.com/cap/${kind}-big.${extension}?mock-size-bytes=${cap + 1}`);
        expectErrorCode(over, 422, 'VALIDATION', `a ${kind} one byte over the cap is rejected`);
      }
    },
  }),

  defineCheck({
    id: 'app-media.replace-and-delete',
    title: 'logo and end-card replace, screenshots append, and a deleted item is gone for good',
    area: 'app-media',
    guarantees: ['MEDIA-REPLACE-APPEND', 'MEDIA-DELETE'],
    level: 'documented',
    async run(context) {
      const target = context.target;
      const project = (await createProject(target)).response.body;
      const listKind = async (kind: string) => {
        const list = await target.call({ method: 'GET', path: `/v1/projects/${project.id}/app-media`, query: { kind } });
        expectStatus(list, 200, `GET …/app-media?kind=${kind}`);
        return (list.response.body.items as { id: string }[]).map((item) => item.id);
      };

      for (const kind of ['logo', 'end-card']) {
        const first = (await upload(target, project.id, kind, `https://cdn.example.com/${kind}-1.png`)).response.body;
        const second = await upload(target, project.id, kind, `https://cdn.example.com/${kind}-2.png`);
        expectStatus(second, 201, `a second ${kind}`);
        expectEqual(second.response.body.replacedMediaId, first.id, `the second ${kind} names the one it replaced`, second);
        expectEqual(await listKind(kind), [second.response.body.id], `only the newest ${kind} is listed`);
      }

      const shots = [];
      for (const index of [1, 2, 3]) {
        const shot = await upload(target, project.id, 'screenshot', `https://cdn.example.com/shot-${index}.jpg`);
        expectStatus(shot, 201, `screenshot ${index}`);
        shots.push(shot.response.body.id as string);
      }
      expectEqual((await listKind('screenshot')).sort(), [...shots].sort(), 'screenshots append');

      const project2 = await target.call({ method: 'GET', path: `/v1/projects/${project.id}` });
      const logoUrl = project2.response.body.brandContext?.logoUrl;
      expectTrue(typeof logoUrl === 'string', 'the project brandContext shows the current logo', project2);

      const removed = await target.call({ method: 'DELETE', path: `/v1/projects/${project.id}/app-media/${shots[0]}` });
      expectStatus(removed, 200, 'DELETE a screenshot');
      expectEqual(removed.response.body, { id: shots[0], deleted: true }, 'the delete response', removed);
      expectTrue(!(await listKind('screenshot')).includes(shots[0] as string), 'the deleted screenshot is no longer listed');

      const again = await target.call({ method: 'DELETE', path: `/v1/projects/${project.id}/app-media/${shots[0]}` });
      expectErrorCode(again, 404, 'NOT_FOUND', 'a second delete of the same item');
    },
  }),

  defineCheck({
    id: 'app-media.ugc-remix-rules',
    title: 'ugc-remix needs an actor and a demo video, and references must name project media',
    area: 'app-media',
    guarantees: ['MEDIA-UNLOCKS-UGC-REMIX', 'MEDIA-REFERENCES-OWNED', 'INF-UGC-REMIX-ACTOR'],
    level: 'documented',
    requires: ['control'],
    async run(context) {
      const minted = await context.control!.mintKey({ credits: 1000 });
      const target = context.target.withKey(minted.key);
      const project = (await createProject(target)).response.body;
      const other = (await createProject(target)).response.body;
      const path = `/v1/projects/${project.id}`;

      const influencer = await target.call({ method: 'POST', path: `${path}/influencers`, body: {} });
      expectStatus(influencer, 202, 'create an influencer');
      const influencerId = influencer.response.body.influencerId as string;

      const noVideo = await target.call({ method: 'POST', path: `${path}/content/ugc-remix`, body: { hook: 'Watch this', influencerId } });
      expectErrorCode(noVideo, 422, 'VALIDATION', 'ugc-remix before the project has a demo video');
      expectEqual(noVideo.response.body.error.details.issues[0]?.path, 'mediaId', 'the issue names mediaId', noVideo);

      const video = await upload(target, project.id, 'demo-video', 'https://cdn.example.com/demo.mov');
      expectStatus(video, 201, 'upload a demo video');
      const foreign = (await upload(target, other.id, 'screenshot', 'https://cdn.example.com/foreign.png')).response.body;

      const noActor = await target.call({ method: 'POST', path: `${path}/content`, body: { format: 'ugc-remix', hook: 'Watch this' } });
      expectErrorCode(noActor, 422, 'VALIDATION', 'ugc-remix without influencerId or socialAccountId');
      expectEqual(noActor.response.body.error.details.issues[0]?.path, 'influencerId', 'the issue names influencerId', noActor);

      const foreignReference = await target.call({ method: 'POST', path: `${path}/content`, body: { format: 'slideshow-builder', hook: 'Hi', references: { mediaIds: [foreign.id] } } });
      expectErrorCode(foreignReference, 422, 'VALIDATION', 'references.mediaIds naming media of another project');
      expectEqual(foreignReference.response.body.error.details.issues[0]?.path, 'references.mediaIds.0', 'the issue names the reference', foreignReference);

      const credits = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(credits.response.body.reservedCredits, 0, 'rejected generations reserve nothing', credits);

      const started = await target.call({ method: 'POST', path: `${path}/content`, body: { format: 'ugc-remix', hook: 'Watch this', influencerId, references: { mediaIds: [video.response.body.id] } } });
      expectStatus(started, 202, 'ugc-remix with an actor and a demo video');
      const reserved = await target.call({ method: 'GET', path: '/v1/credits' });
      expectEqual(reserved.response.body.reservedCredits, 120, 'one ugc-remix variant reserves 120 credits', reserved);
    },
  }),
];
