// PII redaction of the event stream: the values of the usual personal-data keys become
// "[redacted]" unless the key has the scope events:read+pii.
export const redacted = '[redacted]';

export const piiScope = 'events:read+pii';

const piiKeys = new Set(['email', 'phone', 'ip', 'ip_address', 'phone_number', 'first_name', 'last_name', 'name', 'full_name', 'address', 'street', 'postal_code', 'zip', 'birthday', 'date_of_birth', 'ssn']);

/** A deep copy of `value` with every PII key's value replaced, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redact);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }

  // defineProperty keeps a partner's `__proto__` key as data instead of setting the prototype.
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: piiKeys.has(key.toLowerCase()) ? redacted : redact(entry), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
