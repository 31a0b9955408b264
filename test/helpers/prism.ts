// Prism's stateless mock of spec/openapi.yaml, started as the real binary from node_modules on
// 127.0.0.1 and a free port. It downloads nothing: the spec is a local file.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { repositoryRoot } from './cli.ts';
import { unusedPort } from './mock-server.ts';

export interface RunningPrism {
  baseUrl: string;
  close(): Promise<void>;
}

const startTimeoutMs = 30_000;

export async function startPrism(): Promise<RunningPrism> {
  const port = await unusedPort();
  const child: ChildProcess = spawn(join(repositoryRoot, 'node_modules', '.bin', 'prism'), ['mock', '--host', '127.0.0.1', '--port', String(port), join(repositoryRoot, 'spec', 'openapi.yaml')], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${String(code)} before it listened:\n${output}`));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
