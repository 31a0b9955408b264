// The bytes of a delivery. Layers sends ASCII-only JSON: every character above U+007E is escaped as
// \uXXXX (UTF-16 code units, lower-case hex) and "/" as "\/", as the published signature vector
// shows. A receiver that re-serializes the parsed body gets other bytes, so only a signature check
// over the bytes as received passes.
export function serializeEnvelope(envelope: unknown): string {
  return JSON.stringify(envelope)
    .replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}
