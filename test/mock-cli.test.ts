// The layers-mock binary as `npm start` runs it: it starts fast, prints the base URL and the
// seeded keys, and serves them.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { call } from './helpers/http.ts';

const repositoryRoot = join(import.meta.dirname, '..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    child.kill('SIGTERM');
  }
});

function startBinary(args: string[], env: Record<string, string> = {}): Promise<{ baseUrl: string; banner: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'layers-mock.js'), '--log-level', 'silent', ...args], { cwd: repositoryRoot, env: { ...process.env, ...env } });
  children.push(child);

  return new Promise((resolve, reject) => {
    let banner = '';
    const timer = setTimeout(() => reject(new Error(`layers-mock printed no base URL within 15 s: ${banner}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
      if (match !== null && banner.includes('Try:')) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1] as string, banner, child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (banner += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`layers-mock exited with ${code}: ${banner}`)));
  });
}

describe('layers-mock', () => {
  it('prints its base URL and seeded keys, which work', async () => {
    const started = performance.now();
    const { baseUrl, banner } = await startBinary(['--port', '0']);
    const readyMs = performance.now() - started;

    const token = /(lp_test_ACMEPARTNERADMIN_\S+)/.exec(banner)?.[1];
    expect(token).toBeDefined();
    expect(readyMs).toBeLessThan(15_000);

    const whoami = await call(baseUrl, 'GET', '/v1/whoami', { key: token as string });
    expect(whoami.status).toBe(200);
    expect(whoami.body.organizationName).toBe('Acme Apps');
  });

  it('takes the port from PORT', async () => {
    const probe = await startBinary(['--port', '0']);
    const port = Number(new URL(probe.baseUrl).port);
    probe.child.kill('SIGTERM');
    await new Promise((resolve) => probe.child.once('exit', resolve));

    const { baseUrl } = await startBinary([], { PORT: String(port) });
    expect(baseUrl).toBe(`http://127.0.0.1:${port}`);
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'layers-mock.js'), '--clock', 'sideways'], { cwd: repositoryRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));

    expect(code).toBe(2);
    expect(stderr).toContain('--clock must be running or frozen');
  });
});
