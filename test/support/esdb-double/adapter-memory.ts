import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What adapter-memory.process.ts measured. */
export interface AdapterMemory {
  readonly events: number;
  /** Live heap the appends left behind: what the adapter keeps. */
  readonly keptBytes: number;
  /** The most live heap seen during the appends beyond what they kept: what it held at once. */
  readonly heldAtOnceBytes: number;
}

const SCRIPT = join(process.cwd(), 'test/support/esdb-double/adapter-memory.process.ts');

/**
 * Runs adapter-memory.process.ts in a process of its own: on the double started there (no `url`)
 * or on the server at `url`, after filling it with `events` ledger events.
 */
export function measureAppends(events: number, url?: string): Promise<AdapterMemory> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SCRIPT, String(events), ...(url ? [url] : [])], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`adapter-memory.process.ts exited with ${code}: ${stderr || stdout}`));
      else resolve(JSON.parse(line) as AdapterMemory);
    });
  });
}

export const describeMemory = ({ events, keptBytes, heldAtOnceBytes }: AdapterMemory): string =>
  `appends with ${events} events in the log: kept ${(keptBytes / 2 ** 20).toFixed(1)} MB, held at once beyond that ${(heldAtOnceBytes / 2 ** 20).toFixed(1)} MB`;
