// Starts the mock in-process on 127.0.0.1 with an ephemeral port, as the tests' real server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createMockServer, type MockServer, type MockServerOptions } from '../../mock/server.ts';

export interface RunningMock {
  baseUrl: string;
  server: MockServer;
  http: Server;
  close(): Promise<void>;
}

export async function startMock(options: MockServerOptions = {}): Promise<RunningMock> {
  const server = createMockServer(options);
  const http = createServer(server.app);

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    http,
    close: async () => {
      server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Returns a port that nothing listens on: bound once, then released. */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
