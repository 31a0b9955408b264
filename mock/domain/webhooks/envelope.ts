// The delivery envelope (D27): {"id": "evt_…", "type", "created", "data": {…, "organizationId"}},
// plus top-level replayOf on a replay. In test mode (the response self-check on) every envelope is
// checked against its schema in the spec's webhooks section, so an area that emits a payload the
// spec does not describe fails loudly.
import type { MockContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import { isoTimestamp } from '../../state/clock.ts';
import { envelopeProblems } from './catalogue.ts';

export interface Envelope {
  id: string;
  type: string;
  created: string;
  data: Record<string, unknown>;
  replayOf?: string;
}

export function buildEnvelope(id: string, type: string, createdAt: number, data: Record<string, unknown>, replayOf: string | null = null): Envelope {
  const envelope: Envelope = { id, type, created: isoTimestamp(createdAt), data };
  if (replayOf !== null) {
    envelope.replayOf = replayOf;
  }
  return envelope;
}

/** Throws 500 INTERNAL with the violations when the mock is about to send an envelope the spec rejects. */
export function assertEnvelopeConforms(mock: MockContext, envelope: Envelope): void {
  if (!mock.config.validateResponses) {
    return;
  }
  const problems = envelopeProblems(mock, envelope);
  if (problems.length === 0) {
    return;
  }

  mock.log.error({ eventId: envelope.id, type: envelope.type, problems }, 'webhook event does not conform to the spec');
  throw new ApiError('INTERNAL', {}, { webhookViolations: problems.map((problem) => `${envelope.type}: ${problem}`) });
}
