// The check of an envelope against its event type's schema in the spec.
import { envelopeSchemaOf } from '../../../lib/webhooks/catalogue.ts';
import type { MockContext } from '../../context.ts';

/** Returns the problems of an envelope against its event type's schema; empty when it conforms. */
export function envelopeProblems(mock: MockContext, envelope: { type: string }): string[] {
  const schema = envelopeSchemaOf(mock.spec, envelope.type);
  if (schema === undefined) {
    return [`type ${JSON.stringify(envelope.type)} is not in the event catalogue (components.schemas.WebhookEventType)`];
  }
  return mock.validator.validateValue(`webhook:${envelope.type}`, schema, envelope);
}
