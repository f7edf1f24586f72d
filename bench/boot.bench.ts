import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill } from './legality.bench.js';
import { printTable } from './table.js';
import { runWhenMain } from './run-when-main.js';

/**
 * Boot to first answer (docs/design.md "Snapshots"): a real `node dist/src/main.js` started on a
 * SQLite file of BENCH_TRANSFERS transfers (default 1,000,000; legality.bench.ts's fill), timed
 * from its spawn to the first 200 of `GET /v1/transfers/{id}/legality`: once with the snapshot
 * turned off (a full replay of the log, the baseline), then from the snapshot the ledger saved
 * (it saves one as soon as a long catch-up is over), each beside the other. Also what that save
 * cost: how long its capture held the event loop, how long it took in all, and its size.
 */

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const KEY = 'bench-auditor-key-0123456789abcdef';
const TARGET_SECONDS = 3;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

interface Booted {
  readonly child: ChildProcess;
  readonly seconds: number;
  readonly logs: Record<string, unknown>[];
}

/** Starts the ledger and asks until the first 200; answers the seconds from the spawn to that answer. */
async function bootToFirstAnswer(path: string, snapshot: 'off' | 'beside the database', transferId: string, expected = 200): Promise<Booted> {
  const port = await freePort();
  const logs: Record<string, unknown>[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      EVENT_STORE_URL: `sqlite:${path}`,
      LEDGER_API_KEYS: JSON.stringify([{ key: KEY, role: 'auditor' }]),
      LEDGER_SEED: 'none',
      LEDGER_SEAL_EVERY_EVENTS: '0',
      LEDGER_SEAL_EVERY_SECONDS: '0',
      ...(snapshot === 'off' ? { LEDGER_SNAPSHOT_PATH: 'off' } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the ledger exited with ${code} before answering`))));
  const ask = async (): Promise<number> => {
    for (;;) {
      // Only our process's answers count: another process on this machine may take the port first.
      if (!logs.some((line) => line.msg === 'ledger listening')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      try {
        const response = await fetch(`http://127.0.0.1:${port}/v1/transfers/${transferId}/legality`, { headers: { Authorization: `Bearer ${KEY}` } });
        await response.arrayBuffer();
        if (response.status === expected) return (performance.now() - started) / 1000;
        throw new Error(`GET …/legality answered ${response.status}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('GET')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10)); // not listening yet
      }
    }
  };
  try {
    const seconds = await Promise.race([ask(), exited]);
    return { child, seconds, logs };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

export async function runBootBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'boot-bench-'));
  const path = join(dir, 'ledger.sqlite');
  try {
    const filled = await fill(path);
    const transfers = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
    process.stdout.write(`boot bench: filled ${filled.events} events (${transfers} transfers) in ${filled.seconds.toFixed(1)} s\n`);
    const asked = `t-${Math.floor(transfers / 2)}`;

    // The floor: the same process on an empty ledger, to its first answer (a 404: no such transfer).
    const empty = await bootToFirstAnswer(join(dir, 'empty.sqlite'), 'off', asked, 404);
    await stop(empty.child);

    const replay = await bootToFirstAnswer(path, 'off', asked);
    await stop(replay.child);

    // The same full replay with the snapshot on: the ledger saves it once caught up (at least
    // LEDGER_SNAPSHOT_EVERY_EVENTS events read), or else at shutdown.
    const saving = await bootToFirstAnswer(path, 'beside the database', asked);
    await stop(saving.child);
    const saved = saving.logs.find((line) => String(line.msg ?? '').startsWith('projection snapshot saved'));
    if (!saved) throw new Error('the ledger saved no snapshot');
    const snapshotFile = join(dir, 'ledger.snapshot');
    const bytes = statSync(snapshotFile).size;

    const fromSnapshot = await bootToFirstAnswer(path, 'beside the database', asked);
    const read = fromSnapshot.logs.find((line) => String(line.msg ?? '').startsWith('projection snapshot read'));
    if (!read) throw new Error('the ledger did not boot from its snapshot');
    await stop(fromSnapshot.child);

    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    printTable(`boot to first answer (${filled.events} events, ${transfers} transfers; a real process, spawn to the first 200 of GET /v1/transfers/{id}/legality)`, [
      ['from the snapshot', `${fromSnapshot.seconds.toFixed(2)} s`, `full replay: ${replay.seconds.toFixed(2)} s`, `${(replay.seconds / fromSnapshot.seconds).toFixed(1)}× faster (target ≤ ${TARGET_SECONDS} s: ${fromSnapshot.seconds <= TARGET_SECONDS ? 'met' : 'NOT met'})`],
      ['  of which reading and checking the snapshot', `${String(read.ms)} ms`, `${mb(bytes)} file`, ''],
      ['an empty ledger (the floor: process start, Nest, first answer)', `${empty.seconds.toFixed(2)} s`, '', ''],
      ['full replay with the snapshot on (then saved)', `${saving.seconds.toFixed(2)} s`, `snapshot off: ${replay.seconds.toFixed(2)} s`, ''],
      ['saving the snapshot: event loop held by the capture', `${String(saved.blockedMs)} ms`, `whole save: ${String(saved.totalMs)} ms`, `${mb(Number(saved.bytes))} written`],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runBootBench);
