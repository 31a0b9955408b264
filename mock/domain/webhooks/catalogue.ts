// The event catalogue and the envelope schemas, both read from the spec (the WebhookEventType enum
// and the webhooks section), so the list of subscribable names exists in one place.
import type { Json, SpecIndex } from '../../../lib/openapi/spec.ts';
import type { MockContext } from '../../context.ts';

/** Returns every subscribable event type of the spec, in catalogue order. */
export function eventTypes(spec: SpecIndex): string[] {
  return spec.document.components.schemas.WebhookEventType.enum as string[];
}

/** Returns the request body schema of the spec's webhook for `type`, or undefined for an unknown type. */
export function envelopeSchemaOf(spec: SpecIndex, type: string): Json | undefined {
  return spec.document.webhooks?.[type]?.post?.requestBody?.content?.['application/json']?.schema as Json | undefined;
}

/** Returns the problems of an envelope against its event type's schema; empty when it conforms. */
export function envelopeProblems(mock: MockContext, envelope: { type: string }): string[] {
  const schema = envelopeSchemaOf(mock.spec, envelope.type);
  if (schema === undefined) {
    return [`type ${JSON.stringify(envelope.type)} is not in the event catalogue (components.schemas.WebhookEventType)`];
  }
  return mock.validator.validateValue(`webhook:${envelope.type}`, schema, envelope);
}
