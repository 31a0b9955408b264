// The webhook event catalogue as the spec states it: the WebhookEventType enum and, per type, the
// envelope schema in the spec's webhooks section. The mock and the suites read both from here.
import type { Json, SpecIndex } from '../openapi/spec.ts';

/** Returns every subscribable event type of the spec, in catalogue order. */
export function eventTypes(spec: SpecIndex): string[] {
  return spec.document.components.schemas.WebhookEventType.enum as string[];
}

/** Returns the request body schema of the spec's webhook for `type`, or undefined for an unknown type. */
export function envelopeSchemaOf(spec: SpecIndex, type: string): Json | undefined {
  return spec.document.webhooks?.[type]?.post?.requestBody?.content?.['application/json']?.schema as Json | undefined;
}
