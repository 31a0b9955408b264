// Keyword research: a TikTok hashtag bank curated from the project's appDescription. It runs as a
// project_keywords_refresh job, started by POST …/keywords/refresh and, without an envelope, when
// a project is created or patched with a new appDescription.
import { createHash } from 'node:crypto';

import type { MockContext } from '../../context.ts';
import type { Hashtag, JobStage, Project } from '../../state/types.ts';
import { registerJobKind, startJob } from '../jobs/lifecycle.ts';
import { brandOf } from './brand.ts';

export const keywordsJobKind = 'project_keywords_refresh';

const keywordStages: JobStage[] = [
  { name: 'researching', share: 0.6, cancelable: true },
  { name: 'curating', share: 0.4, cancelable: false },
];

const stopWords = new Set(['that', 'this', 'with', 'your', 'from', 'when', 'what', 'they', 'them', 'then', 'have', 'will', 'about', 'into', 'their', 'there', 'which', 'while', 'people', 'every']);

function numberFrom(seed: string, modulo: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % modulo;
}

/** Builds the curated bank: scores 70–100 (70 is the curation floor), sorted by score, then viewCount. */
export function researchHashtags(description: string): Hashtag[] {
  const words = description.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  const distinct = [...new Set(words.filter((word) => !stopWords.has(word)))].slice(0, 12);

  const hashtags = distinct.map((word) => ({
    hashtag: word,
    phrase: `${word} tips`,
    score: 70 + numberFrom(`score:${word}`, 31),
    viewCount: 10_000 + numberFrom(`views:${word}`, 5_000_000),
    useCount: 100 + numberFrom(`uses:${word}`, 50_000),
  }));

  return hashtags.sort((left, right) => right.score - left.score || right.viewCount - left.viewCount);
}

export function startKeywordResearch(mock: MockContext, project: Project, at: number) {
  return startJob(mock, { organizationId: project.organizationId, kind: keywordsJobKind, stages: keywordStages, projectId: project.id, at });
}

registerJobKind(keywordsJobKind, {
  onComplete(mock, job, at) {
    const project = job.projectId === null ? undefined : mock.store.projects.get(job.projectId);
    if (project === undefined || project.appDescription === null) {
      job.result = { hashtagCount: 0 };
      return;
    }

    const brand = brandOf(mock, project.id);
    brand.hashtags = researchHashtags(project.appDescription);
    brand.keywordsRefreshedAt = at;
    job.result = { hashtagCount: brand.hashtags.length };
  },
});
