// The hook bank: a fresh, deterministic set of hooks per project, in the brand voice. Line breaks
// are the two characters backslash and n, as the docs describe.
import { validationError } from '../../http/errors.ts';
import type { Project } from '../../state/types.ts';

const templatesByVoice: Record<string, string[]> = {
  authentic: [
    'I almost gave up before I found {app}',
    'Real talk: {app} changed my mornings',
    'What nobody tells you about {app}\\nuntil now',
    'I tried {app} for 30 days. Here is what happened',
  ],
  witty: [
    'My routine was a crime scene.\\nThen {app}',
    'POV: you finally stopped pretending to have it together',
    '{app} did in 5 minutes what I avoided for 5 years',
    'Tell me you need {app} without telling me',
  ],
  professional: [
    '3 ways {app} saves teams an hour a day',
    'The {app} checklist top performers use',
    'Stop doing it by hand.\\nLet {app} do it',
    'Why leaders are switching to {app}',
  ],
};

/** Returns the hook bank, or 422 VALIDATION with details.missingFields when the brand is unset. */
export function hooksFor(project: Project): string[] {
  const missingFields = (['appName', 'appDescription'] as const).filter((field) => project[field] === null);
  if (missingFields.length > 0) {
    throw validationError(
      missingFields[0] as string,
      `is not set on project ${project.id}. Set appName and appDescription with PATCH /v1/projects/${project.id} to get hooks.`,
      { missingFields },
    );
  }

  const voice = project.brandVoice !== null && project.brandVoice in templatesByVoice ? project.brandVoice : 'authentic';
  const templates = [...(templatesByVoice[voice] ?? []), ...(templatesByVoice.authentic ?? [])];
  const app = project.appName as string;

  return [...new Set(templates.map((template) => template.replaceAll('{app}', app)))];
}
