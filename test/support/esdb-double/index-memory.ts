import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What index-memory.process.ts measured. */
export interface IndexMemory {
  readonly events: number;
  /** Live heap the refresh left behind: the index itself. */
  readonly keptBytes: number;
  /** The most live heap seen during the refresh beyond what it kept: what it held at once. */
  readonly heldAtOnceBytes: number;
}

const SCRIPT = join(process.cwd(), 'test/support/esdb-double/index-memory.process.ts');

/**
 * Runs index-memory.process.ts in a process of its own: on the double started there (no `url`)
 * or on the server at `url`, after filling it with `events` ledger events.
 */
export function measureIndexRefresh(events: number, url?: string): Promise<IndexMemory> {
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
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`index-memory.process.ts exited with ${code}: ${stderr || stdout}`));
      else resolve(JSON.parse(line) as IndexMemory);
    });
  });
}

export const describeMemory = ({ events, keptBytes, heldAtOnceBytes }: IndexMemory): string =>
  `index refresh over ${events} events: kept ${(keptBytes / 2 ** 20).toFixed(1)} MB (the index), held at once beyond that ${(heldAtOnceBytes / 2 ** 20).toFixed(1)} MB`;
