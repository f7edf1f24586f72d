import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import { uuidv7 } from '../src/common/ids.js';
import { printTable } from './table.js';
import { runWhenMain } from './run-when-main.js';

/**
 * Memory of one ledger instance on EventStoreDB (issue: "memory of an EventStoreDB instance after
 * 1,000,000 events vs after 10,000"), on the protocol double. For each log size a double holding
 * that many TransferRecorded events runs in a process of its own
 * (test/support/esdb-double/seeded-double.process.ts, filled straight into its storage: see
 * below), and a ledger instance in another (esdb-memory.instance.ts, --expose-gc) measures live
 * heap and RSS: what the adapter holds after appends of every kind, and what the whole ledger
 * holds once its read model has replayed the log. The adapter must not grow with the log; the
 * read model does (it is the ledger's in-memory projections, docs/design.md "Reading").
 *
 * Filling through gRPC, one append per transfer as the ledger makes them, is timed on 2,000
 * appends and extrapolated: at that rate (12–23 ms an append on this machine) a million would
 * take three to six hours, so the double is seeded directly with the records those appends would
 * leave (same streams, data, metadata and hash chain). Sizes: BENCH_ESDB_EVENTS (default
 * "10000,1000000"); the whole bench takes about 25 minutes, most of it the instance replaying a
 * million events over gRPC.
 */
const SIZES = (process.env.BENCH_ESDB_EVENTS ?? '10000,1000000').split(',').map(Number);
const ROOT = process.cwd();
const SEEDED_DOUBLE = join(ROOT, 'test/support/esdb-double/seeded-double.process.ts');
const INSTANCE = join(ROOT, 'dist/bench/esdb-memory.instance.js');

interface Sample {
  readonly heapUsed: number;
  readonly rss: number;
}
interface Measured {
  readonly head: string;
  readonly appendMs: number;
  readonly bootSeconds: number;
  readonly base: Sample;
  readonly adapter: Sample;
  readonly booted: Sample;
  readonly afterAppends: Sample;
}

/** The first JSON line a child prints; rejects with its stderr when it exits first. */
function firstJsonLine<T>(child: ChildProcess, what: string): Promise<T> {
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line && stdout.includes('\n', stdout.indexOf(line))) resolve(JSON.parse(line) as T);
    });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${stderr.slice(-2000) || stdout.slice(-2000)}`)));
  });
}

async function seededDouble(events: number): Promise<{ url: string; seconds: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', SEEDED_DOUBLE, String(events)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const { url, seconds } = await firstJsonLine<{ url: string; seconds: number }>(child, 'the seeded double');
  return { url, seconds, stop: () => child.stdin?.end() };
}

async function measureInstance(url: string): Promise<Measured> {
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', INSTANCE, url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return firstJsonLine<Measured>(child, 'esdb-memory.instance.js');
}

/** Milliseconds per append through the port over gRPC, one new stream each with a transfer's size of data (as the ledger records transfers). */
async function grpcAppendMs(url: string, count: number): Promise<number> {
  const store = await createEventStore(url);
  const started = performance.now();
  for (let i = 0; i < count; i++) await store.append(`bench-fill-${uuidv7()}`, [{ id: uuidv7(), type: 'BenchFill', data: { i, note: 'x'.repeat(600) } }], { expectedRevision: 'no-stream' });
  const ms = (performance.now() - started) / count;
  await store.close();
  return ms;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perEvent = (bytes: number, events: number): string => `${(bytes / events).toFixed(0)} B/event`;

export async function runEsdbMemoryBench(): Promise<void> {
  const results: { events: number; fillSeconds: number; measured: Measured }[] = [];
  let appendMs = 0;
  for (const events of SIZES) {
    const double = await seededDouble(events);
    try {
      if (results.length === 0) appendMs = await grpcAppendMs(double.url, 2_000);
      results.push({ events, fillSeconds: double.seconds, measured: await measureInstance(double.url) });
    } finally {
      double.stop();
    }
  }
  const [small] = results;
  const rows: [string, string, string, string][] = [['', 'figure', `baseline (${small.events.toLocaleString('en')} events)`, '']];
  for (const { events, fillSeconds, measured } of results) {
    const adapter = measured.adapter.heapUsed - measured.base.heapUsed;
    const readModel = measured.booted.heapUsed - measured.adapter.heapUsed;
    const base = small.measured;
    const baseAdapter = base.adapter.heapUsed - base.base.heapUsed;
    const baseReadModel = base.booted.heapUsed - base.adapter.heapUsed;
    const label = `${events.toLocaleString('en')} events`;
    rows.push(
      [`${label}: adapter, live heap after appends of every kind`, mb(adapter), mb(baseAdapter), `${(adapter - baseAdapter >= 0 ? '+' : '')}${mb(adapter - baseAdapter)}`],
      [`${label}: 500 appends after the boot (adapter and read model, heap change)`, mb(measured.afterAppends.heapUsed - measured.booted.heapUsed), mb(base.afterAppends.heapUsed - base.booted.heapUsed), ''],
      [`${label}: read model and app, live heap after catching up`, mb(readModel), mb(baseReadModel), perEvent(readModel - baseReadModel, events - small.events || 1)],
      [`${label}: RSS of the instance, booted`, mb(measured.booted.rss), mb(base.booted.rss), ''],
      [`${label}: boot to caught up (s)`, measured.bootSeconds.toFixed(1), base.bootSeconds.toFixed(1), ''],
      [`${label}: one append (ms, adapter alone)`, measured.appendMs.toFixed(2), base.appendMs.toFixed(2), ''],
      [`${label}: seeding the double directly (s)`, fillSeconds.toFixed(1), `through gRPC: ${((appendMs * events) / 1000).toFixed(0)} s at ${appendMs.toFixed(2)} ms/append`, ''],
    );
  }
  printTable('EventStoreDB instance memory (ledger on the double; live heap after a full collection)', rows);
}

runWhenMain(import.meta.url, runEsdbMemoryBench);
