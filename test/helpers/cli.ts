// Runs the layers-conformance bin as a child process, as a vendor or a CI job would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI to its end. `onStdout` receives the output so far and the child process as output
 * arrives, so a test can signal the child midway.
 */
export function runCli(args: string[], env: Record<string, string> = {}, onStdout?: (output: string, child: ChildProcess) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'layers-conformance.js'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, LAYERS_BASE_URL: '', LAYERS_API_KEY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
