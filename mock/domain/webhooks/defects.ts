// The webhook behaviours a test may break on purpose (createMockServer's defects option), each to
// show that a conformance check catches it:
//
//   webhook-signature-reserialized     signs JSON.stringify(JSON.parse(body)), not the bytes sent
//   webhook-ladder-early               schedules each retry one second before its ladder time
//   webhook-replay-same-event-id       replays under the original event id
//   webhook-rotation-single-signature  signs with the newest secret only during a rotation overlap
//   webhook-event-id-per-attempt       sends a new X-Layers-Event-Id on each retry
//   webhook-retry-final-4xx            retries a 400 as if it were a 5xx
//   webhook-delete-keeps-retrying      leaves a deleted endpoint's deliveries pending
export const webhookDefects = [
  'webhook-signature-reserialized',
  'webhook-ladder-early',
  'webhook-replay-same-event-id',
  'webhook-rotation-single-signature',
  'webhook-event-id-per-attempt',
  'webhook-retry-final-4xx',
  'webhook-delete-keeps-retrying',
] as const;
