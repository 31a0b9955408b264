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
  /** Where the response departs from spec/openapi.yaml; empty when it conforms. */
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
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }

  if (request.body !== null) {
    parts.push('--data-raw', shellQuote(request.body));
  }
  return parts.join(' ');
}

/** Redacts bearer tokens in recorded headers, for reports. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = name.toLowerCase() === 'authorization' ? 'Bearer [redacted]' : value;
  }
  return copy;
}
