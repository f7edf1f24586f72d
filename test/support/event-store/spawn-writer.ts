import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { WriterAck } from './sqlite-writer.process.js';

/** A writer child process (sqlite-writer.process.ts) and what it has acknowledged so far. */
export interface RunningWriter {
  /** Acknowledged appends, from complete stdout lines only. */
  readonly acks: WriterAck[];
  /** True once the writer has opened the store and waits for start(). */
  ready(): boolean;
  start(): void;
  /** Conflicts the writer met, once it printed its last line. */
  conflicts(): number | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

const SCRIPT = join(process.cwd(), 'test/support/event-store/sqlite-writer.process.ts');

export function spawnWriter(file: string, writer: string, appends: number | 'forever', streams: readonly string[]): RunningWriter {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, writer, String(appends), streams.join(',')], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const acks: WriterAck[] = [];
  let conflicts: number | undefined;
  let ready = false;
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? ''; // a line cut by a kill is not an acknowledgement
    for (const line of lines) {
      const parsed = JSON.parse(line) as WriterAck | { done: string; conflicts: number } | { ready: string };
      if ('ready' in parsed) ready = true;
      else if ('done' in parsed) conflicts = parsed.conflicts;
      else acks.push(parsed);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    acks,
    ready: () => ready,
    start: () => child.stdin.end('go\n'),
    conflicts: () => conflicts, exited, kill: (signal) => child.kill(signal) };
}
