// The kit's own mock, started in-process on 127.0.0.1 for `layers-conformance --start-mock`.
// The runner started it, so the checks that reset it or inject faults may run against it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { request } from 'undici';

import { createMockServer } from '../../mock/server.ts';

export interface OwnMock {
  baseUrl: string;
  /** A parent key with every scope and org:admin, in an organization funded for the run. */
  apiKey: string;
  close(): Promise<void>;
}

/** Prepaid credits of the run's organization on the own mock. */
const ownMockCredits = 1_000_000;

export async function startOwnMock(): Promise<OwnMock> {
  const server = createMockServer();
  const http = createServer(server.app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const response = await request(new URL('/_mock/keys', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organizationName: 'Conformance run', credits: ownMockCredits }),
  });
  const minted = (await response.body.json()) as { key: string };

  return {
    baseUrl,
    apiKey: minted.key,
    close: async () => {
      server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
