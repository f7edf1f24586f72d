import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node --import tsx src/<script> …` in its own process, as `npm run verify` / `npm run
 * verify-proof` run the built script, with the given environment on top of this one's.
 */
export function runScript(script: 'cli.ts' | 'verify-proof.ts', args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src', script), ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** `cli.ts …` with EVENT_STORE_URL set. */
export const runCli = (args: readonly string[], eventStoreUrl: string): Promise<CliRun> => runScript('cli.ts', args, { EVENT_STORE_URL: eventStoreUrl });
