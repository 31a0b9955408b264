// One request and its response, as a check saw it, with a curl command that reproduces it.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or null when the body is empty or not JSON. */
  body: any;
  text: string;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
  durationMs: number;
  /** The ways the response departs from spec/openapi.yaml; empty when it conforms. */
  specProblems: string[];
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Builds a curl command for the request. Bearer tokens are replaced by shell variables so a
 * report never carries a secret: the run's key becomes $LAYERS_API_KEY, any other $OTHER_API_KEY.
 */
export function curlFor(request: RecordedRequest, runApiKey: string): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, shellQuote(request.url)];

  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization') {
      const token = value.replace(/^Bearer\s+/i, '');
      const variable = token === runApiKey ? '$LAYERS_API_KEY' : '$OTHER_API_KEY';
      parts.push('-H', `"Authorization: Bearer ${variable}"`);
    } else if (name.toLowerCase() === 'x-api-key') {
      parts.push('-H', `"X-Api-Key: ${value === runApiKey ? '$LAYERS_API_KEY' : '$OTHER_API_KEY'}"`);
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }

  if (request.body !== null) {
    parts.push('--data-raw', shellQuote(request.body));
  }
  return parts.join(' ');
}

/** Redacts API keys in recorded headers (Authorization and X-Api-Key), for reports. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      copy[name] = 'Bearer [redacted]';
    } else if (lower === 'x-api-key') {
      copy[name] = '[redacted]';
    } else {
      copy[name] = value;
    }
  }
  return copy;
}
